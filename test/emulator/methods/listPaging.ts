import { isArrayValue, phpInt } from '../binder';
import { pick, selectedFields } from './fieldSelection';
import { compareValues } from './listFilter';
import { MethodReply } from './registry';

/** `select`, `order` and `start` of the catalog's list methods, and the reply they page into. */

/** Every list method answers 50 rows at a time. */
const PAGE_SIZE = 50;

type Row = Record<string, unknown>;

/** Rows sorted by `{ field: 'asc' | 'desc' }` (any letter case), by `id` when nothing is given. */
function orderRows(rows: Row[], order: unknown, fields: readonly string[]): Row[] {
	const keys = isArrayValue(order) && !Array.isArray(order) ? Object.entries(order) : [];
	const known = keys.filter(([field]) => fields.includes(field));
	const sorting: Array<[string, unknown]> = known.length > 0 ? known : [['id', 'asc']];
	const direction = (value: unknown) => (String(value).toLowerCase() === 'desc' ? -1 : 1);
	return [...rows].sort((a, b) => {
		for (const [field, way] of sorting) {
			const difference = compareValues(a[field], b[field]);
			if (difference !== 0) return difference * direction(way);
		}
		return 0;
	});
}

/** What a list call asked for, as the handler bound it. */
export interface ListRequest {
	select: readonly unknown[];
	order: unknown;
	start: unknown;
}

/**
 * One page of `rows` under `key` (`{ result: { key: rows }, next?, total }`), sorted and cut to
 * the selected `fields`; `next` only if rows remain. Nothing here throws: handlers check first.
 */
export function listPage(
	key: string,
	rows: Row[],
	{ select, order, start: startParam }: ListRequest,
	fields: readonly string[],
): MethodReply {
	const selected = selectedFields(select, fields);
	const start = Math.max(0, phpInt(startParam));
	const page = orderRows(rows, order, fields)
		.slice(start, start + PAGE_SIZE)
		.map((row) => pick(row, selected));
	const next = start + PAGE_SIZE < rows.length ? { next: start + PAGE_SIZE } : {};
	return new MethodReply({ [key]: page }, { ...next, total: rows.length });
}
