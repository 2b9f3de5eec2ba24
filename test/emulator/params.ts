/** Request parameters as PHP sees them: nested maps and lists built from `a[b][]=c` style keys. */
export type Params = Record<string, unknown>;

// Null-prototype maps while building, so keys like `__proto__` stay plain data.
type PhpArray = Record<string, unknown>;

export function newPhpArray(): PhpArray {
	return Object.create(null) as PhpArray;
}

function isPhpArray(value: unknown): value is PhpArray {
	return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === null;
}

/** A parameter given as a non-empty string; anything else counts as absent. */
export function textParam(params: Params, name: string): string | undefined {
	const value = params[name];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Decodes one form-encoded component (`+` is a space). */
export function urlDecode(text: string): string {
	const plain = text.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(plain);
	} catch {
		// PHP keeps going on malformed escapes; decode what can be decoded.
		return plain.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) =>
			String.fromCharCode(parseInt(hex, 16)),
		);
	}
}

/** Splits `fields[productId]` into `['fields', 'productId']` the way PHP's parse_str does. */
function keyPath(key: string): string[] | undefined {
	const open = key.indexOf('[');
	const close = open === -1 ? -1 : key.indexOf(']', open);
	if (open === -1 || close === -1) return phpBaseName(key) === '' ? undefined : [phpBaseName(key)];
	const base = phpBaseName(key.slice(0, open));
	if (base === '') return undefined;
	const path = [base];
	// Only brackets chained right after each other count; PHP ignores anything after the last one.
	const bracket = /\[([^\]]*)\]/y;
	bracket.lastIndex = open;
	for (let match = bracket.exec(key); match; match = bracket.exec(key)) path.push(match[1]);
	return path;
}

// PHP turns spaces and dots in a top-level name into underscores and drops leading spaces.
function phpBaseName(name: string): string {
	return name.replace(/^ +/, '').replace(/[ .[]/g, '_');
}

function nextIndex(array: PhpArray): string {
	let next = 0;
	for (const key of Object.keys(array)) {
		if (/^(0|-?[1-9]\d*)$/.test(key)) next = Math.max(next, Number(key) + 1);
	}
	return String(next);
}

function assign(root: PhpArray, path: string[], value: string): void {
	let container = root;
	path.forEach((segment, depth) => {
		const key = segment === '' ? nextIndex(container) : segment;
		if (depth === path.length - 1) {
			container[key] = value;
			return;
		}
		if (!isPhpArray(container[key])) container[key] = newPhpArray();
		container = container[key] as PhpArray;
	});
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}

/** PHP arrays keyed 0..n-1 in order are lists (JSON arrays); anything else is a map. */
export function isListKeys(keys: readonly string[]): boolean {
	return keys.every((key, index) => key === String(index));
}

function toPlain(value: unknown): unknown {
	if (!isPhpArray(value)) return value;
	const keys = Object.keys(value);
	if (isListKeys(keys)) return keys.map((key) => toPlain(value[key]));
	const plain: Record<string, unknown> = {};
	for (const key of keys) setOwn(plain, key, toPlain(value[key]));
	return plain;
}

/** PHP's `max_input_vars` and `max_input_nesting_level`, which bound what parse_str reads. */
export interface PhpInputLimits {
	maxInputVars: number;
	maxNestingLevel: number;
}

/** PHP's defaults, as a portal runs with them. */
export const PHP_INPUT_DEFAULTS: PhpInputLimits = { maxInputVars: 1000, maxNestingLevel: 64 };

/**
 * PHP's parse_str: `fields[productId]=1&select[]=id` → `{ fields: { productId: '1' }, select: ['id'] }`.
 * Like PHP (main/php_variables.c), it reads at most `maxInputVars` values and drops the rest with
 * no error, and a key nested deeper than `maxNestingLevel` drops its whole top-level variable.
 */
export function parsePhpQuery(query: string, limits: PhpInputLimits = PHP_INPUT_DEFAULTS): Params {
	const root = newPhpArray();
	let count = 0;
	for (const pair of query.replace(/^\?/, '').split('&')) {
		if (pair === '') continue;
		if (++count > limits.maxInputVars) break;
		const equals = pair.indexOf('=');
		const rawKey = equals === -1 ? pair : pair.slice(0, equals);
		const rawValue = equals === -1 ? '' : pair.slice(equals + 1);
		const path = keyPath(urlDecode(rawKey));
		if (!path) continue;
		if (path.length - 1 > limits.maxNestingLevel) delete root[path[0]];
		else assign(root, path, urlDecode(rawValue));
	}
	return toPlain(root) as Params;
}

function mediaType(contentType: string | undefined): string {
	return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function parseJsonObject(body: string): Params {
	try {
		const value: unknown = JSON.parse(body);
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as Params)
			: {};
	} catch {
		// The portal decodes JSON leniently: a broken body simply carries no parameters.
		return {};
	}
}

/** Parameters carried by a request body; bodies of other types carry none, as in PHP. */
export function parseBody(body: string, contentType: string | undefined): Params {
	const type = mediaType(contentType);
	if (body === '') return {};
	if (type === 'application/json' || type.endsWith('+json')) return parseJsonObject(body);
	if (type === 'application/x-www-form-urlencoded') return parsePhpQuery(body);
	return {};
}

/** Query and body together; a body parameter replaces a query parameter of the same name. */
export function requestParams(
	query: string,
	body: string,
	contentType: string | undefined,
): Params {
	const merged: Params = {};
	for (const source of [parsePhpQuery(query), parseBody(body, contentType)]) {
		for (const [key, value] of Object.entries(source)) setOwn(merged, key, value);
	}
	return merged;
}
