import { isArrayValue, type PhpArrayValue, phpValues } from '../binder';

/**
 * `filter` of the catalog's list methods: `{ "field": value }` with an optional prefix on the key
 * (`>=id`, `%name`, `!id`, ...). Keys naming no known field are ignored, as on the portal.
 * Strings compare without regard to case, like the portal's database.
 *
 * Two dialects: catalogs are filtered like ORM tables, which know `@` (in) and `!@` (not in);
 * products and sections go through the information block's filter, which knows neither, so a
 * `@id` key names no field there and is ignored (bitrix-tools/b24-rest-docs#181): an array
 * after `=` (or no prefix) is "in", after `!` "not in".
 */

export type FilterDialect = 'orm' | 'iblock';

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

const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?([+-]\d\d:?\d\d|Z)?$/;

/**
 * A date-time as the REST API writes it (`2024-10-15T17:13:08+03:00`), as an instant: the portal
 * turns a date filter's value into a date before comparing (rest_util.php, `CRestUtil::unConvertDateTime`: `strtotime` of the text),
 * so `>=dateModify` compares moments, whatever offset each side is written in.
 */
function instantOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || !DATE_TIME.test(value)) return undefined;
	const instant = Date.parse(value);
	return Number.isNaN(instant) ? undefined : instant;
}

/** Numbers by value, date-times by moment, everything else as case-insensitive text; missing values sort first. */
export function compareValues(a: unknown, b: unknown): number {
	if (isNumeric(a) && isNumeric(b)) return Number(a) - Number(b);
	const [from, to] = [instantOf(a), instantOf(b)];
	if (from !== undefined && to !== undefined) return from - to;
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
const greater: Test = (a, b) => compareValues(a, b) > 0;
const less: Test = (a, b) => compareValues(a, b) < 0;
const atLeast: Test = (a, b) => compareValues(a, b) >= 0;
const atMost: Test = (a, b) => compareValues(a, b) <= 0;

interface Operation {
	prefix: string;
	test: Test;
	/** The test is the opposite of `test` (a row matches when no value passes it). */
	negated: boolean;
	/** Only ORM tables know it. */
	ormOnly?: boolean;
}

// Tried in turn, longest first: the first prefix that leaves a known field name wins.
const OPERATIONS: readonly Operation[] = [
	{ prefix: '!=%', test: like, negated: true },
	{ prefix: '!%=', test: like, negated: true },
	{ prefix: '=%', test: like, negated: false },
	{ prefix: '%=', test: like, negated: false },
	{ prefix: '>=', test: atLeast, negated: false },
	{ prefix: '<=', test: atMost, negated: false },
	{ prefix: '!=', test: oneOf, negated: true },
	{ prefix: '!%', test: contains, negated: true },
	{ prefix: '!@', test: oneOf, negated: true, ormOnly: true },
	{ prefix: '>', test: greater, negated: false },
	{ prefix: '<', test: less, negated: false },
	{ prefix: '@', test: oneOf, negated: false, ormOnly: true },
	{ prefix: '%', test: contains, negated: false },
	{ prefix: '=', test: oneOf, negated: false },
	{ prefix: '!', test: oneOf, negated: true },
	{ prefix: '', test: oneOf, negated: false },
];

export interface FilterCondition {
	field: string;
	/** The key's prefix as given (`''` for none). */
	prefix: string;
	wanted: unknown;
	matches(actual: unknown): boolean;
}

/** Property filters may wrap the value: `{"value": "2025-05-29T12:00:00+03:00"}`. */
function unwrapped(wanted: unknown): unknown {
	if (isArrayValue(wanted) && !Array.isArray(wanted) && 'value' in wanted) return wanted.value;
	return wanted;
}

// A multiple property holds a list: it passes when one value does (and a negated test when none does).
function condition(
	field: string,
	{ prefix, test, negated }: Operation,
	given: unknown,
): FilterCondition {
	const wanted = unwrapped(given);
	const passes = (actual: unknown) =>
		Array.isArray(actual) ? actual.some((value) => test(value, wanted)) : test(actual, wanted);
	return {
		field,
		prefix,
		wanted,
		matches: (actual) => passes(actual) !== negated,
	};
}

function conditionOf(
	key: string,
	wanted: unknown,
	isField: (name: string) => boolean,
	dialect: FilterDialect,
): FilterCondition | undefined {
	for (const operation of OPERATIONS) {
		if (operation.ormOnly && dialect !== 'orm') continue;
		const field = key.slice(operation.prefix.length);
		if (key.startsWith(operation.prefix) && isField(field))
			return condition(field, operation, wanted);
	}
	return undefined;
}

/** The conditions of `filter` on known fields; `fields` lists them or tells them apart. */
export function filterConditions(
	filter: PhpArrayValue,
	fields: readonly string[] | ((name: string) => boolean),
	dialect: FilterDialect,
): FilterCondition[] {
	const isField = typeof fields === 'function' ? fields : (name: string) => fields.includes(name);
	return Object.entries(filter)
		.map(([key, wanted]) => conditionOf(key, wanted, isField, dialect))
		.filter((found): found is FilterCondition => found !== undefined);
}

/** Whether a record, read field by field through `valueOf`, meets every condition. */
export function meetsAll(
	conditions: readonly FilterCondition[],
	valueOf: (field: string) => unknown,
): boolean {
	return conditions.every((test) => test.matches(valueOf(test.field)));
}
