import { Bitrix24Error } from './errors';
import type { Params } from './params';

/** Bitrix binds method arguments from the request and reports the first failure with code 100. */
const BINDING_ERROR = 100;

/** A PHP array as JSON or PHP-style keys deliver it: a list or a map. */
export type PhpArrayValue = unknown[] | Record<string, unknown>;

/** How PHP prints a value inside a string (`"{$value}"`): `true` is `1`, arrays are `Array`. */
export function phpString(value: unknown): string {
	if (value === true) return '1';
	if (value === false || value === null || value === undefined) return '';
	if (typeof value === 'object' && value !== null) return 'Array';
	return String(value);
}

function invalidValue(value: unknown, name: string, type: string): Bitrix24Error {
	return new Bitrix24Error(
		400,
		BINDING_ERROR,
		`Invalid value {${phpString(value)}} to match with parameter {${name}}. Should be value of type ${type}.`,
	);
}

function isPresent(value: unknown): boolean {
	return value !== undefined && value !== null;
}

export function requireParam(params: Params, name: string): unknown {
	const value = params[name];
	if (!isPresent(value)) {
		throw new Bitrix24Error(400, BINDING_ERROR, `Could not find value for parameter {${name}}`);
	}
	return value;
}

function asInt(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
	if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value.trim())) return undefined;
	const parsed = Number(value.trim());
	return Number.isSafeInteger(parsed) ? parsed : undefined;
}

/** A required `int` argument: ints and strings of digits bind; anything else is rejected. */
export function bindInt(params: Params, name: string): number {
	const value = requireParam(params, name);
	const parsed = asInt(value);
	if (parsed === undefined) throw invalidValue(value, name, 'int');
	return parsed;
}

export function isArrayValue(value: unknown): value is PhpArrayValue {
	return typeof value === 'object' && value !== null;
}

/** A required `array` argument: a JSON object or list, or PHP-style `name[key]=` fields. */
export function bindArray(params: Params, name: string): PhpArrayValue {
	const value = requireParam(params, name);
	if (!isArrayValue(value)) throw invalidValue(value, name, 'array');
	return value;
}

/** An optional `array` argument (`array $select = []`): absent means empty. */
export function bindOptionalArray(params: Params, name: string): PhpArrayValue {
	return isPresent(params[name]) ? bindArray(params, name) : [];
}

/** The values of a PHP array in order, whatever its keys (`select[a]=id` counts like `select[]=id`). */
export function phpValues(array: PhpArrayValue): unknown[] {
	return Array.isArray(array) ? array : Object.values(array);
}

/**
 * PHP's `(int)` cast, which untyped arguments and field values go through:
 * `'12abc'` → 12, `'abc'` → 0, `true` → 1, a non-empty array → 1.
 */
export function phpInt(value: unknown): number {
	if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (typeof value === 'string') {
		const leading = /^\s*[+-]?\d+/.exec(value);
		return leading ? Number(leading[0]) : 0;
	}
	if (isArrayValue(value)) return phpValues(value).length > 0 ? 1 : 0;
	return 0;
}

/** PHP's `(bool)` cast: `''`, `'0'`, `0`, `null` and empty arrays are false; `'false'` is true. */
export function phpBool(value: unknown): boolean {
	if (value === undefined || value === null || value === '' || value === '0') return false;
	if (typeof value === 'number') return value !== 0;
	if (typeof value === 'boolean') return value;
	if (isArrayValue(value)) return phpValues(value).length > 0;
	return true;
}
