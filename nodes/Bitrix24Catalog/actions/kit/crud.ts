import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../../helpers/ids';
import { listAnswer, objectAnswer, TRUE_ANSWER } from '../answer';
import type { AnyOperation, Operation, Plan } from '../operation';
import { itemsOf } from '../operation';
import { describeCall } from './describe';
import { kindMethods, readKind } from './kinds';
import { readListRequest } from './list';
import type { ListRequest } from './paging';
import { allRows, firstPage } from './paging';
import { parentsAsText, readParents } from './parents';
import { readRecordFields } from './record';
import type { CrudOperation, ResourceSpec } from './spec';
import { upsertOperation } from './upsert';

function recordId(context: IExecuteFunctions, spec: ResourceSpec, itemIndex: number): number {
	return readId(context, spec.id.name, spec.id.label, itemIndex);
}

/** A record as the node outputs it. */
function presented(spec: ResourceSpec, record: IDataObject): IDataObject {
	return spec.present ? spec.present(record) : record;
}

/** The record under the result's key (`{ section: {...} }`), as one output item. */
function recordItem(spec: ResourceSpec, result: unknown, key: string, itemIndex: number) {
	return itemsOf([presented(spec, (result as Record<string, IDataObject>)[key])], itemIndex);
}

function get(spec: ResourceSpec): Operation<string> {
	return {
		description: [],
		methods: kindMethods(spec, 'get', 'get'),
		build(itemIndex): Plan<string> {
			const id = recordId(this, spec, itemIndex);
			const kind = readKind(this, spec, 'get', itemIndex);
			return { call: { method: `${kind.method}.get`, params: { id } }, input: kind.keys.one };
		},
		answer: (key) => objectAnswer(key, true),
		toItems: (result, key, { itemIndex }) => recordItem(spec, result, key, itemIndex),
	};
}

function getMany(spec: ResourceSpec): Operation<ListRequest> {
	return {
		description: [],
		methods: kindMethods(spec, 'getMany', 'list'),
		build(itemIndex) {
			const kind = readKind(this, spec, 'getMany', itemIndex);
			const fixed = { ...kind.listFilter, ...readParents(this, spec, itemIndex) };
			const request = readListRequest(this, spec, itemIndex, fixed, kind);
			return { call: firstPage(request), input: request };
		},
		answer: (request) => listAnswer(request.key),
		async toItems(result, request, context) {
			const rows = await allRows(this.getNode(), request, result, context);
			return itemsOf(
				rows.map((row) => presented(spec, row)),
				context.itemIndex,
			);
		},
	};
}

/** The key a written record comes back under: the kind's group decides it. */
interface Written {
	key: string;
}

function create(spec: ResourceSpec): Operation<Written> {
	return {
		description: [],
		methods: kindMethods(spec, 'create', 'add'),
		build(itemIndex) {
			const kind = readKind(this, spec, 'create', itemIndex);
			const fields = {
				...readRecordFields(this, itemIndex, spec),
				...readParents(this, spec, itemIndex),
			};
			return {
				call: {
					method: `${kind.method}.add`,
					params: { fields },
					// Never sent twice: with no way to find what a lost answer created, the item says so.
					creates: { what: spec.noun },
				},
				input: { key: kind.keys.written },
			};
		},
		answer: ({ key }) => objectAnswer(key, true),
		toItems: (result, { key }, { itemIndex }) => recordItem(spec, result, key, itemIndex),
	};
}

function update(spec: ResourceSpec): Operation<string> {
	return {
		description: [],
		methods: kindMethods(spec, 'update', 'update'),
		build(itemIndex) {
			const id = recordId(this, spec, itemIndex);
			const kind = readKind(this, spec, 'update', itemIndex);
			// Bitrix24 wants the record's parents on an update too.
			const fields = {
				...readRecordFields(this, itemIndex, spec),
				...parentsAsText(readParents(this, spec, itemIndex)),
			};
			return {
				call: { method: `${kind.method}.update`, params: { id, fields } },
				input: kind.keys.written,
			};
		},
		answer: (key) => objectAnswer(key, true),
		toItems: (result, key, { itemIndex }) => recordItem(spec, result, key, itemIndex),
	};
}

function remove(spec: ResourceSpec): Operation<undefined> {
	return {
		description: [],
		methods: kindMethods(spec, 'delete', 'delete'),
		build(itemIndex) {
			const id = recordId(this, spec, itemIndex);
			const { method } = readKind(this, spec, 'delete', itemIndex);
			return { call: { method: `${method}.delete`, params: { id } }, input: undefined };
		},
		answer: TRUE_ANSWER,
		toItems: (_result, _input, { itemIndex }) => itemsOf([{ result: true }], itemIndex),
	};
}

function getFields(spec: ResourceSpec): Operation<string> {
	return {
		description: [],
		methods: kindMethods(
			spec,
			'getFields',
			spec.describedByFilter ? 'getFieldsByFilter' : 'getFields',
		),
		build(itemIndex) {
			const kind = readKind(this, spec, 'getFields', itemIndex);
			// Fields described by filter are those of the chosen parents (a catalog's properties).
			const parents = spec.describedByFilter ? readParents(this, spec, itemIndex) : {};
			const { call, key } = describeCall(spec, kind, parents);
			return { call, input: key };
		},
		answer: (key) => objectAnswer(key, false),
		toItems: (result, key, { itemIndex }) =>
			itemsOf([(result as Record<string, IDataObject>)[key]], itemIndex),
	};
}

const GENERIC: Record<CrudOperation, (spec: ResourceSpec) => AnyOperation> = {
	create,
	get,
	getMany,
	update,
	delete: remove,
	getFields,
	upsert: upsertOperation,
};

/** Every generic operation, for a resource that takes them all. */
export const ALL_CRUD = [
	'create',
	'upsert',
	'get',
	'getMany',
	'update',
	'delete',
	'getFields',
] as const satisfies readonly CrudOperation[];

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
