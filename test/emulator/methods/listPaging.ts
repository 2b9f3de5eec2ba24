import { isArrayValue, phpInt } from '../binder';
import { compareValues } from './listFilter';
import { MethodReply } from './registry';

/** `order` and `start` of the catalog's list methods, and the reply they page into. */

/** Every list method answers 50 rows at a time. */
export const PAGE_SIZE = 50;

type Row = Record<string, unknown>;

/** Rows sorted by `{ field: 'asc' | 'desc' }` (any letter case), by `id` when nothing is given. */
export function orderRows(rows: Row[], order: unknown, fields: readonly string[]): Row[] {
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

/** One page under `key` (`{ result: { key: rows }, next?, total }`); `next` only if rows remain. */
export function pageReply(
	key: string,
	rows: Row[],
	startParam: unknown,
	render: (row: Row) => Row,
): MethodReply {
	const start = Math.max(0, phpInt(startParam));
	const page = rows.slice(start, start + PAGE_SIZE).map(render);
	const next = start + PAGE_SIZE < rows.length ? { next: start + PAGE_SIZE } : {};
	return new MethodReply({ [key]: page }, { ...next, total: rows.length });
}
