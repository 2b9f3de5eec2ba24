import { bindOptionalArray, isArrayValue, type PhpArrayValue, phpInt, phpValues } from '../binder';
import type { Params } from '../params';
import { pick, selectedFields } from './fieldSelection';
import {
	compareValues,
	type FilterCondition,
	type FilterDialect,
	filterConditions,
} from './listFilter';
import { MethodReply } from './registry';

/**
 * `order` and `start` of the catalog's list methods and the page they answer, as the portal
 * computes it (rest `RestManager`, main `CDBResult::NavQuery`):
 * - pages hold 50 rows; `start` is read with PHP's `intval` and rounded down to its page;
 * - `start: -1` counts nothing: the first 50 rows, with neither `total` nor `next`
 *   (REST docs, settings/performance/huge-data.md);
 * - a page past the last one answers the first page again (the catalog's lists navigate with
 *   `CDBResult`, which falls back to page 1), with `total` and without `next`.
 */

export const PAGE_SIZE = 50;

/** The rows a list can page through, read without building them. */
export interface ListSource<T> {
	/** Every item in ascending id order, from the first whose id is at least `fromId`. */
	items(fromId?: number): Iterable<T>;
	/** One field of an item, as filters and `order` compare it. */
	value(item: T, field: string): unknown;
	/** The item as the list answers it, with only `fields`. */
	row(item: T, fields: readonly string[]): Record<string, unknown>;
}

/** What a list call asked for, once the handler has bound and checked it. */
export interface ListQuery {
	conditions: readonly FilterCondition[];
	order: unknown;
	/** Fields `order` may name. */
	orderable: (field: string) => boolean;
	/** Fields each row carries, in order. */
	select: readonly string[];
	start: unknown;
}

type Sorting = Array<[string, number]>;

/** `{ field: 'asc' | 'desc' }` (any letter case) on known fields; by `id` when nothing is given. */
function sortingOf(order: unknown, orderable: (field: string) => boolean): Sorting {
	const keys = isArrayValue(order) && !Array.isArray(order) ? Object.entries(order) : [];
	const known = keys.filter(([field]) => orderable(field));
	if (known.length === 0) return [['id', 1]];
	return known.map(([field, way]) => [field, String(way).toLowerCase() === 'desc' ? -1 : 1]);
}

/** The lowest id the conditions leave (`>id`, `>=id`): where a fast read may start. */
function lowestId(conditions: readonly FilterCondition[]): number | undefined {
	let lowest: number | undefined;
	for (const { field, prefix, wanted } of conditions) {
		const bound = Number(wanted);
		if (field !== 'id' || typeof wanted === 'object' || !Number.isFinite(bound)) continue;
		const from =
			prefix === '>' ? Math.floor(bound) + 1 : prefix === '>=' ? Math.ceil(bound) : undefined;
		if (from !== undefined) lowest = Math.max(lowest ?? from, from);
	}
	return lowest;
}

/** What `start` asks for: the page's first row, and whether the portal counts the rows. */
function pageOf(start: unknown): { offset: number; counted: boolean } {
	const value = phpInt(start);
	return {
		offset: value > 0 ? Math.floor(value / PAGE_SIZE) * PAGE_SIZE : 0,
		counted: value !== -1,
	};
}

function* matching<T>(source: ListSource<T>, query: ListQuery, fromId?: number): Iterable<T> {
	for (const item of source.items(fromId)) {
		if (query.conditions.every((test) => test.matches(source.value(item, test.field)))) yield item;
	}
}

/** Matching items in the asked order; by ascending id they stream without being collected. */
function ordered<T>(source: ListSource<T>, query: ListQuery): Iterable<T> {
	const sorting = sortingOf(query.order, query.orderable);
	const found = matching(source, query, lowestId(query.conditions));
	if (sorting.length === 1 && sorting[0][0] === 'id' && sorting[0][1] === 1) return found;
	// Ties keep id order, as a stable sort of rows read by id does.
	return [...found].sort((a, b) => {
		for (const [field, way] of sorting) {
			const difference = compareValues(source.value(a, field), source.value(b, field));
			if (difference !== 0) return difference * way;
		}
		return 0;
	});
}

/**
 * One page of the list under `key`: `{ result: { key: rows }, next?, total? }`. Only what a
 * page needs is built; without a count the read stops after the page.
 */
export function listPage<T>(key: string, source: ListSource<T>, query: ListQuery): MethodReply {
	const { offset, counted } = pageOf(query.start);
	const first: T[] = [];
	const page: T[] = [];
	let total = 0;
	for (const item of ordered(source, query)) {
		if (total < PAGE_SIZE) first.push(item);
		if (total >= offset && total < offset + PAGE_SIZE) page.push(item);
		total++;
		if (!counted && total >= PAGE_SIZE) break;
	}
	const shown = offset >= total ? first : page;
	const rows = shown.map((item) => source.row(item, query.select));
	if (!counted) return new MethodReply({ [key]: rows });
	const next = offset + rows.length < total ? { next: offset + rows.length } : {};
	return new MethodReply({ [key]: rows }, { ...next, total });
}

/** `select`, `filter` and `order` as the list methods bind them: optional arrays (code 100 otherwise). */
export function bindListParams(params: Params): {
	select: unknown[];
	filter: PhpArrayValue;
	order: PhpArrayValue;
} {
	return {
		select: phpValues(bindOptionalArray(params, 'select')),
		filter: bindOptionalArray(params, 'filter'),
		order: bindOptionalArray(params, 'order'),
	};
}

/** A page of a small table's rows (catalogs, sections), already built, with the fields named. */
export function rowsPage(
	key: string,
	rows: ReadonlyArray<Record<string, unknown>>,
	fields: readonly string[],
	dialect: FilterDialect,
	{ select, filter, order, start }: ReturnType<typeof bindListParams> & { start: unknown },
): MethodReply {
	const sorted = [...rows].sort((a, b) => compareValues(a.id, b.id));
	const source: ListSource<Record<string, unknown>> = {
		items: (fromId) =>
			fromId === undefined ? sorted : sorted.filter((row) => Number(row.id) >= fromId),
		value: (row, name) => row[name],
		row: (row, names) => pick(row, names),
	};
	return listPage(key, source, {
		conditions: filterConditions(filter, fields, dialect),
		order,
		orderable: (name) => fields.includes(name),
		select: selectedFields(select, fields),
		start,
	});
}
