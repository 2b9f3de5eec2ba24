import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../../helpers/ids';
import { listAnswer, objectAnswer, TRUE_ANSWER } from '../answer';
import type { AnyOperation, Operation, Plan } from '../operation';
import { itemsOf } from '../operation';
import { readListRequest } from './list';
import type { ListRequest } from './paging';
import { allRows, firstPage } from './paging';
import { readRecordFields } from './record';
import type { CrudOperation, ResourceSpec } from './spec';

function recordId(context: IExecuteFunctions, spec: ResourceSpec, itemIndex: number): number {
	return readId(context, spec.id.name, spec.id.label, itemIndex);
}

/** The parents the item names (`{ iblockId: 23 }`), as a filter or as fields of a new record. */
export function readParents(
	context: IExecuteFunctions,
	spec: ResourceSpec,
	itemIndex: number,
): IDataObject {
	return Object.fromEntries(
		(spec.parents ?? []).map(({ name, label }) => [name, readId(context, name, label, itemIndex)]),
	);
}

/** The record under the result's key (`{ section: {...} }`), as one output item. */
function recordItem(key: string) {
	return (result: unknown, _input: unknown, { itemIndex }: { itemIndex: number }) =>
		itemsOf([(result as Record<string, IDataObject>)[key]], itemIndex);
}

function get(spec: ResourceSpec): Operation<undefined> {
	return {
		description: [],
		build(itemIndex): Plan<undefined> {
			const id = recordId(this, spec, itemIndex);
			return { call: { method: `${spec.method}.get`, params: { id } }, input: undefined };
		},
		answer: objectAnswer(spec.keys.one, true),
		toItems: recordItem(spec.keys.one),
	};
}

function getMany(spec: ResourceSpec): Operation<ListRequest> {
	return {
		description: [],
		build(itemIndex) {
			const request = readListRequest(this, spec, itemIndex, readParents(this, spec, itemIndex));
			return { call: firstPage(request), input: request };
		},
		answer: listAnswer(spec.keys.many),
		async toItems(result, request, context) {
			return itemsOf(await allRows(this.getNode(), request, result, context), context.itemIndex);
		},
	};
}

function create(spec: ResourceSpec): Operation<undefined> {
	return {
		description: [],
		build(itemIndex) {
			const fields = {
				...readRecordFields(this, itemIndex),
				...readParents(this, spec, itemIndex),
			};
			return {
				call: {
					method: `${spec.method}.add`,
					params: { fields },
					// Never sent twice: with no way to find what a lost answer created, the item says so.
					creates: { what: spec.noun },
				},
				input: undefined,
			};
		},
		answer: objectAnswer(spec.keys.written, true),
		toItems: recordItem(spec.keys.written),
	};
}

function update(spec: ResourceSpec): Operation<undefined> {
	return {
		description: [],
		build(itemIndex) {
			const id = recordId(this, spec, itemIndex);
			// Bitrix24 wants the record's parents on an update too, and compares them as text.
			const parents = Object.entries(readParents(this, spec, itemIndex)).map(([name, value]) => [
				name,
				String(value),
			]);
			const fields = { ...readRecordFields(this, itemIndex), ...Object.fromEntries(parents) };
			return {
				call: { method: `${spec.method}.update`, params: { id, fields } },
				input: undefined,
			};
		},
		answer: objectAnswer(spec.keys.written, true),
		toItems: recordItem(spec.keys.written),
	};
}

function remove(spec: ResourceSpec): Operation<undefined> {
	return {
		description: [],
		build(itemIndex) {
			const id = recordId(this, spec, itemIndex);
			return { call: { method: `${spec.method}.delete`, params: { id } }, input: undefined };
		},
		answer: TRUE_ANSWER,
		toItems: (_result, _input, { itemIndex }) => itemsOf([{ result: true }], itemIndex),
	};
}

function getFields(spec: ResourceSpec): Operation<undefined> {
	return {
		description: [],
		build: () => ({ call: { method: `${spec.method}.getFields`, params: {} }, input: undefined }),
		answer: objectAnswer(spec.keys.one, false),
		toItems: recordItem(spec.keys.one),
	};
}

const GENERIC: Record<CrudOperation, (spec: ResourceSpec) => AnyOperation> = {
	create,
	get,
	getMany,
	update,
	delete: remove,
	getFields,
};

/** The generic operations a resource takes, built from its spec. */
export function crudOperations<Names extends CrudOperation>(
	spec: ResourceSpec,
	names: readonly Names[],
): Record<Names, AnyOperation> {
	return Object.fromEntries(names.map((name) => [name, GENERIC[name](spec)])) as Record<
		Names,
		AnyOperation
	>;
}
