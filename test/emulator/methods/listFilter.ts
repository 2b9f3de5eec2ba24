import { isArrayValue, type PhpArrayValue, phpValues } from '../binder';

/**
 * `filter` of the catalog's list methods: `{ "field": value }` with an optional prefix on the key
 * (`>=id`, `%name`, `!@id`, ...). Keys naming no known field are ignored, as on the portal.
 * Strings compare without regard to case, like the portal's database.
 */

type Row = Record<string, unknown>;
type Test = (actual: unknown, wanted: unknown) => boolean;

function isNumeric(value: unknown): boolean {
	return (
		(typeof value === 'number' && Number.isFinite(value)) ||
		(typeof value === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(value))
	);
}

function text(value: unknown): string {
	return value === null || value === undefined ? '' : String(value).toLowerCase();
}

/** Numbers by value, everything else as case-insensitive text; missing values sort first. */
export function compareValues(a: unknown, b: unknown): number {
	if (isNumeric(a) && isNumeric(b)) return Number(a) - Number(b);
	const [left, right] = [text(a), text(b)];
	return left < right ? -1 : left > right ? 1 : 0;
}

function equal(actual: unknown, wanted: unknown): boolean {
	return compareValues(actual, wanted) === 0;
}

function oneOf(actual: unknown, wanted: unknown): boolean {
	const options = isArrayValue(wanted) ? phpValues(wanted) : [wanted];
	return options.some((option) => equal(actual, option));
}

/** SQL LIKE: `%` any run of characters, `_` any one. */
function like(actual: unknown, pattern: unknown): boolean {
	const source = text(pattern)
		.split('')
		.map((char) =>
			char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
		)
		.join('');
	return new RegExp(`^${source}$`, 's').test(text(actual));
}

const contains: Test = (actual, wanted) => text(actual).includes(text(wanted));
const not =
	(test: Test): Test =>
	(actual, wanted) =>
		!test(actual, wanted);

// Tried in turn, longest first: the first prefix that leaves a known field name wins.
const OPERATIONS: ReadonlyArray<[string, Test]> = [
	['!=%', not(like)],
	['!%=', not(like)],
	['=%', like],
	['%=', like],
	['>=', (a, b) => compareValues(a, b) >= 0],
	['<=', (a, b) => compareValues(a, b) <= 0],
	['!=', not(oneOf)],
	['!%', not(contains)],
	['!@', not(oneOf)],
	['>', (a, b) => compareValues(a, b) > 0],
	['<', (a, b) => compareValues(a, b) < 0],
	['@', oneOf],
	['%', contains],
	['=', oneOf],
	['!', not(oneOf)],
	['', oneOf],
];

interface Condition {
	field: string;
	test: Test;
	wanted: unknown;
}

function conditionOf(
	key: string,
	wanted: unknown,
	fields: readonly string[],
): Condition | undefined {
	for (const [prefix, test] of OPERATIONS) {
		const field = key.slice(prefix.length);
		if (key.startsWith(prefix) && fields.includes(field)) return { field, test, wanted };
	}
	return undefined;
}

/** A predicate for rows with the given `fields`. */
export function rowFilter(filter: PhpArrayValue, fields: readonly string[]): (row: Row) => boolean {
	const conditions = Object.entries(filter)
		.map(([key, wanted]) => conditionOf(key, wanted, fields))
		.filter((condition): condition is Condition => condition !== undefined);
	return (row) => conditions.every(({ field, test, wanted }) => test(row[field], wanted));
}
