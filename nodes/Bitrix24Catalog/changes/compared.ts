import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Change, ChangesQuery } from './input';
import { MAX_COMPARED_ROWS } from './limits';
import { readLists } from './rows';
import type { ChangesState } from './state';
import type { ComparedWay } from './watches';

/** A row as remembered: its ID and the values of the watch's other fields, in select order. */
type Remembered = [id: string, values: unknown[]];

function keptFields(query: ChangesQuery): string[] {
	return query.select.filter((field) => field !== 'id');
}

/** Every row the watch covers, remembered, in ID order; refused past the limit. */
export async function readSnapshot(
	context: IPollFunctions,
	query: ChangesQuery,
): Promise<Record<string, unknown[]>> {
	const fields = keptFields(query);
	const [rows] = await readLists(
		context,
		query,
		[{}],
		MAX_COMPARED_ROWS + 1,
		(row): Remembered => [String(row.id), fields.map((field) => row[field] ?? null)],
	);
	if (rows.length > MAX_COMPARED_ROWS) {
		throw new NodeOperationError(
			context.getNode(),
			`More than ${MAX_COMPARED_ROWS.toLocaleString('en-US')} ${query.spec.noun}s to watch, more than the trigger remembers`,
			{
				description:
					query.spec.value === 'stock'
						? 'Watch fewer stores at once (Store IDs), with one trigger for each group of stores.'
						: 'Watch another catalog, or use a trigger for each part of the catalog.',
			},
		);
	}
	return Object.fromEntries(rows);
}

/** A row as an item shows it: its ID and fields. */
function recordOf(query: ChangesQuery, id: string, values: unknown[]): IDataObject {
	const record: IDataObject = { id: Number(id) };
	keptFields(query).forEach(
		(field, index) => (record[field] = values[index] as IDataObject[string]),
	);
	return record;
}

function itemOf(
	query: ChangesQuery,
	change: Change,
	id: string,
	values: unknown[],
	changes: IDataObject,
): IDataObject {
	return { change, ...recordOf(query, id, values), changes };
}

/**
 * New rows, changed rows (with the old and the new value of each compared field that differs)
 * and rows gone since `before`, in ID order, the removed ones last; only the kinds chosen.
 */
export function comparedChanges(
	query: ChangesQuery,
	before: Record<string, unknown[]>,
	now: Record<string, unknown[]>,
): IDataObject[] {
	const way = query.spec.way as ComparedWay;
	const fields = keptFields(query);
	const positions = way.compared.map((field) => fields.indexOf(field));
	const items: IDataObject[] = [];
	for (const [id, values] of Object.entries(now)) {
		const old = before[id];
		if (!old) {
			if (!query.emit.has('added')) continue;
			const changes = Object.fromEntries(
				way.compared.map((field, at) => [field, { old: null, new: values[positions[at]] }]),
			);
			items.push(itemOf(query, 'added', id, values, changes));
			continue;
		}
		if (!query.emit.has('changed')) continue;
		const changes: IDataObject = {};
		way.compared.forEach((field, at) => {
			const [was, is] = [old[positions[at]], values[positions[at]]];
			if (JSON.stringify(was) !== JSON.stringify(is))
				changes[field] = { old: was, new: is } as IDataObject;
		});
		if (Object.keys(changes).length > 0) items.push(itemOf(query, 'changed', id, values, changes));
	}
	if (query.emit.has('removed')) {
		for (const [id, values] of Object.entries(before)) {
			if (now[id]) continue;
			const changes = Object.fromEntries(
				way.compared.map((field, at) => [field, { old: values[positions[at]], new: null }]),
			);
			items.push(itemOf(query, 'removed', id, values, changes));
		}
	}
	return items;
}

/** A poll of a compared watch: the changes since the last poll, and the state to keep. */
export async function pollCompared(
	context: IPollFunctions,
	query: ChangesQuery,
	state: ChangesState,
): Promise<{ items: IDataObject[]; next: ChangesState }> {
	const now = await readSnapshot(context, query);
	const next = { watchKey: query.watchKey, rows: now };
	// The first poll (or one after the watch changed) starts watching.
	if (state.watchKey !== query.watchKey || !state.rows) return { items: [], next };
	return { items: comparedChanges(query, state.rows, now), next };
}

/** Fetch Test Event: the newest rows, as new ones. */
export function comparedSamples(query: ChangesQuery, rows: IDataObject[]): IDataObject[] {
	const fields = keptFields(query);
	return comparedChanges(
		{ ...query, emit: new Set(['added']) },
		{},
		Object.fromEntries(
			rows.map((row) => [String(row.id), fields.map((field) => row[field] ?? null)]),
		),
	);
}
