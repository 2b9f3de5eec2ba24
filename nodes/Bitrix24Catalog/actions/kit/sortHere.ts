import type { IDataObject } from 'n8n-workflow';

import type { ListRequest } from './paging';

/** A row's value to sort by: a property value's `value`, a multiple one's first. */
function sortValue(row: IDataObject, field: string): unknown {
	let value: unknown = row[field];
	if (Array.isArray(value)) value = value[0];
	if (typeof value === 'object' && value !== null && 'value' in value) {
		value = (value as IDataObject).value;
	}
	return value;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';
const asNumber = (value: unknown) =>
	typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;

/**
 * Two values in the portal's order: empty first (as MySQL puts NULL), numbers by size, text
 * without regard to case (as the portal's columns compare it).
 */
function compareValues(a: unknown, b: unknown): number {
	if (isEmpty(a) || isEmpty(b)) return Number(!isEmpty(a)) - Number(!isEmpty(b));
	const [x, y] = [asNumber(a), asNumber(b)];
	if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
	return String(a).localeCompare(String(b), undefined, { sensitivity: 'base' });
}

/**
 * Rows read by ID for a Return All in another order (see `ListRequest.sortHere`), sorted by
 * that field and then by ID; the field left out again where only the sort asked for it.
 */
export function sortedHere(rows: IDataObject[], request: ListRequest): IDataObject[] {
	const { sortHere } = request;
	if (!sortHere) return rows;
	const { field, direction, drop } = sortHere;
	const id = request.idField ?? 'id';
	const sign = direction === 'DESC' ? -1 : 1;
	rows.sort(
		(a, b) =>
			sign * compareValues(sortValue(a, field), sortValue(b, field)) ||
			asNumber(a[id]) - asNumber(b[id]),
	);
	if (drop) for (const row of rows) delete row[field];
	return rows;
}
