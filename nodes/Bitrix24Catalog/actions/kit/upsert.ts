import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { itemError } from '../../helpers/itemError';
import { listResult, objectResult } from '../resultShape';
import type { Operation, Stage } from '../operation';
import { itemsOf } from '../operation';
import { parentsAsText, readParents } from './parents';
import { kindMethods, readKind } from './kinds';
import { checkedFields, readMappedFields, readMatch } from './record';
import { runState } from './runState';
import type { ResourceSpec } from './spec';

interface UpsertInput {
	/** The kind picked: its group adds a new record, under its own result key. */
	kind: { method: string; written: string };
	/** The key the written record comes back under. */
	key: string;
	fields: IDataObject;
	parents: IDataObject;
	/** The lookup's filter: the parents and the field matched on. */
	filter: IDataObject;
	match: { field: string; value: unknown };
}

/** Per run: the first item of each key (parents, field matched on, value), by key. */
const keysOfRun = new WeakMap<object, Map<string, number>>();

/**
 * Items look up their records before any writes, so two items of one run with the same key
 * would both find none and create two records (the second then matched ambiguously in every
 * later run), or both update one: the second is refused before anything is sent, naming the
 * first. Values are compared as the portal's case-insensitive columns compare them.
 */
function assertFirstOfKey(
	context: IExecuteFunctions,
	spec: ResourceSpec,
	parents: IDataObject,
	match: { field: string; value: unknown },
	itemIndex: number,
): void {
	const firsts = runState(keysOfRun, context, () => new Map<string, number>());
	const key = JSON.stringify([parents, match.field, String(match.value).trim().toLowerCase()]);
	const first = firsts.get(key);
	if (first === undefined || first === itemIndex) {
		firsts.set(key, itemIndex);
		return;
	}
	throw itemError(
		context.getNode(),
		`Fields: ${match.field} "${String(match.value)}" is item ${first}'s too: one run creates or updates a ${spec.noun} once`,
		itemIndex,
		`Items ${first} and ${itemIndex} would both look for the ${spec.noun} before either writes: with none there yet, each would create one. Merge them into one item, or send them in separate executions.`,
	);
}

/**
 * Create or Update, matched on a field the user picks (XML ID, code, name or ID): Bitrix24 has no
 * upsert, so the lookups of 50 items go in one batch, then their adds and updates in the next.
 * A lost answer to an add is settled by the same lookup, so a record is never created twice.
 */
export function upsertOperation(spec: ResourceSpec): Operation<UpsertInput> {
	// The lookup asks for the ID only; after a lost add, for the whole record the add would have given.
	const list = (
		filter: IDataObject,
		select = [...new Set(['id', ...(spec.requiredSelect ?? [])])],
	) => ({
		method: `${spec.method}.list`,
		params: { select, filter, order: { id: 'ASC' }, start: -1 },
	});
	return {
		methods: [
			`${spec.method}.list`,
			`${spec.method}.update`,
			...kindMethods(spec, 'upsert', 'add'),
		],
		build(itemIndex) {
			const kind = readKind(this, spec, 'upsert', itemIndex);
			const mapped = readMappedFields(this, itemIndex, spec);
			const match = readMatch(this, itemIndex, mapped.values);
			const parents = readParents(this, spec, itemIndex);
			assertFirstOfKey(this, spec, parents, match, itemIndex);
			// Every kind is searched: a record of another kind with the same value is the one to update.
			const filter = { ...parents, [`=${match.field}`]: match.value };
			return {
				verify: async () => {
					const fields = await checkedFields(this, itemIndex, spec, 'upsert', parents, mapped);
					const input: UpsertInput = {
						kind: { method: kind.method, written: kind.keys.written },
						key: spec.keys.written,
						fields,
						parents,
						filter,
						match,
					};
					return { call: list(filter), input };
				},
			};
		},
		resultShape: listResult(spec.keys.many),
		followUp(result, input, itemIndex): Stage<UpsertInput> {
			const found = (result as Record<string, IDataObject[]>)[spec.keys.many];
			if (found.length > 1) {
				const ids = found.map((record) => record.id).join(', ');
				throw itemError(
					this.getNode(),
					`${found.length} ${spec.noun}s have ${input.match.field} "${String(input.match.value)}" (${ids}): which one to update is unclear`,
					itemIndex,
					`Match on a field that is unique to one ${spec.noun}, such as XML ID.`,
				);
			}
			// The ID finds the record; it is not a field to write.
			const fields = Object.fromEntries(
				Object.entries(input.fields).filter(([name]) => name !== 'id'),
			);
			if (found.length === 1) {
				const call = {
					method: `${spec.method}.update`,
					params: { id: found[0].id, fields: { ...fields, ...parentsAsText(input.parents) } },
				};
				return { call, input, resultShape: objectResult(spec.keys.written, true) };
			}
			const { method, written } = input.kind;
			const call = {
				method: `${method}.add`,
				params: { fields: { ...fields, ...input.parents } },
				creates: {
					what: spec.noun,
					// The add's answer was lost: the record it made is the one the lookup now finds.
					lookup: {
						call: list(input.filter, spec.requiredSelect ?? []),
						pick: (found: unknown) => {
							const [record] = (found as Record<string, IDataObject[]>)[spec.keys.many] ?? [];
							return record ? { [written]: record } : undefined;
						},
					},
				},
			};
			return {
				call,
				input: { ...input, key: written },
				resultShape: objectResult(written, true),
			};
		},
		toItems: (result, { key }, { itemIndex }) => {
			const record = (result as Record<string, IDataObject>)[key];
			return itemsOf([spec.present ? spec.present(record) : record], itemIndex);
		},
	};
}
