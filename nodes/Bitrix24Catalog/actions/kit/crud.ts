import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../../helpers/ids';
import { listResult, objectResult } from '../resultShape';
import type { AnyOperation, Operation, Plan } from '../operation';
import { itemsOf } from '../operation';
import { describeCall } from './describe';
import { kindMethods, readKind } from './kinds';
import { readFieldList } from './fieldList';
import { assertKnownField } from './fieldNames';
import { readListRequest } from './list';
import type { ListRequest } from './paging';
import { allRows, firstPage, knownFirstPage } from './paging';
import { parentsAsText, readParents } from './parents';
import { checkedFields, readMappedFields } from './record';
import {
	deletedBefore,
	deletedBeforeOutput,
	isDeletedBefore,
	TRUE_OR_DELETED_BEFORE,
} from './resentDelete';
import { sortedHere } from './sortHere';
import type { CrudOperation, ResourceSpec } from './spec';
import { upsertOperation } from './upsert';

function recordId(context: IExecuteFunctions, spec: ResourceSpec, itemIndex: number): number {
	return readId(context, spec.id.name, spec.id.label, itemIndex);
}

/** The record's ID as the methods take it: `{ id }`, or under the spec's own name. */
function idParams(spec: ResourceSpec, id: number): IDataObject {
	return { [spec.id.param ?? 'id']: id };
}

/** A record under its result key, with its numeric ID. */
function recordResult(spec: ResourceSpec, key: string) {
	return objectResult(key, true, spec.id.param);
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
		methods: kindMethods(spec, 'get', 'get'),
		build(itemIndex): Plan<string> {
			const id = recordId(this, spec, itemIndex);
			const kind = readKind(this, spec, 'get', itemIndex);
			return {
				call: { method: `${kind.method}.get`, params: idParams(spec, id) },
				input: kind.keys.one,
			};
		},
		resultShape: (key) => recordResult(spec, key),
		toItems: (result, key, { itemIndex }) => recordItem(spec, result, key, itemIndex),
	};
}

function getMany(spec: ResourceSpec): Operation<ListRequest> {
	return {
		methods: kindMethods(spec, 'getMany', 'list'),
		build(itemIndex) {
			const kind = readKind(this, spec, 'getMany', itemIndex);
			const parents = readParents(this, spec, itemIndex);
			const fixed = { ...kind.listFilter, ...parents };
			const { request, named } = readListRequest(this, spec, itemIndex, fixed, kind);
			const plan = { call: firstPage(request), input: request, known: knownFirstPage(request) };
			if (named.length === 0) return plan;
			// Bitrix24 drops a filter key it does not know, and the list then holds every record.
			return {
				verify: async () => {
					const fields = await readFieldList(this, spec, 'getMany', parents, itemIndex);
					for (const where of named) assertKnownField(this, spec, fields, where, itemIndex);
					return plan;
				},
			};
		},
		resultShape: (request) => listResult(request.key),
		async toItems(result, request, context) {
			// Each page's rows become output as they arrive: a long list is held once, not twice.
			const rows = await allRows(this.getNode(), request, result, context, (row) =>
				presented(spec, row),
			);
			return itemsOf(sortedHere(rows, request), context.itemIndex);
		},
	};
}

/** The key a written record comes back under: the kind's group decides it. */
interface Written {
	key: string;
}

function create(spec: ResourceSpec): Operation<Written> {
	return {
		methods: kindMethods(spec, 'create', 'add'),
		build(itemIndex) {
			const kind = readKind(this, spec, 'create', itemIndex);
			const parents = readParents(this, spec, itemIndex);
			const mapped = readMappedFields(this, itemIndex, spec);
			return {
				verify: async () => ({
					call: {
						method: `${kind.method}.add`,
						params: {
							fields: {
								...(await checkedFields(this, itemIndex, spec, 'create', parents, mapped)),
								...parents,
							},
						},
						// Never sent twice: with no way to find what a lost answer created, the item says so.
						creates: { what: spec.noun },
					},
					input: { key: kind.keys.written },
				}),
			};
		},
		resultShape: ({ key }) => objectResult(key, true),
		toItems: (result, { key }, { itemIndex }) => recordItem(spec, result, key, itemIndex),
	};
}

/**
 * An update's record, fields and the key its answer comes under; `reads`: the record is read
 * first, for the fields Bitrix24 wants on every update.
 */
interface UpdateInput {
	id: number;
	fields: IDataObject;
	method: string;
	key: string;
	reads: boolean;
}

function update(spec: ResourceSpec): Operation<UpdateInput> {
	const kept = spec.keptOnUpdate ?? [];
	const updateCall = ({ id, fields, method }: UpdateInput) => ({
		method: `${method}.update`,
		params: { ...idParams(spec, id), fields },
	});
	return {
		methods: [
			...kindMethods(spec, 'update', 'update'),
			...(kept.length > 0 ? [`${spec.method}.get`] : []),
		],
		build(itemIndex) {
			const id = recordId(this, spec, itemIndex);
			const kind = readKind(this, spec, 'update', itemIndex);
			const parents = readParents(this, spec, itemIndex);
			const mapped = readMappedFields(this, itemIndex, spec);
			return {
				verify: async () => {
					// Bitrix24 wants the record's parents on an update too.
					const fields = {
						...(await checkedFields(this, itemIndex, spec, 'update', parents, mapped)),
						...parentsAsText(parents),
					};
					const reads = kept.some((name) => fields[name] === undefined);
					const input = { id, fields, method: kind.method, key: kind.keys.written, reads };
					const call = reads
						? { method: `${spec.method}.get`, params: idParams(spec, id) }
						: updateCall(input);
					return { call, input };
				},
			};
		},
		resultShape: ({ reads, key }) => recordResult(spec, reads ? spec.keys.one : key),
		followUp(result, input) {
			if (!input.reads) return undefined;
			// What the user left out of the fields Bitrix24 wants is sent as the record holds it.
			const current = (result as Record<string, IDataObject>)[spec.keys.one];
			const fields = {
				...Object.fromEntries(
					kept.filter((name) => current[name] != null).map((name) => [name, current[name]]),
				),
				...input.fields,
			};
			const written = { ...input, fields, reads: false };
			return {
				call: updateCall(written),
				input: written,
				resultShape: recordResult(spec, written.key),
			};
		},
		toItems: (result, { key }, { itemIndex }) => recordItem(spec, result, key, itemIndex),
	};
}

/** Delete; sent again after a lost answer, it takes "no such record" as done (the item's `note` says so). */
function remove(spec: ResourceSpec): Operation<string> {
	return {
		methods: kindMethods(spec, 'delete', 'delete'),
		build(itemIndex) {
			const id = recordId(this, spec, itemIndex);
			const { method } = readKind(this, spec, 'delete', itemIndex);
			const call = {
				method: `${method}.delete`,
				params: idParams(spec, id),
				resultOfFailure: deletedBefore,
			};
			return { call, input: call.method };
		},
		resultShape: TRUE_OR_DELETED_BEFORE,
		toItems: (result, method, { itemIndex }) =>
			itemsOf([isDeletedBefore(result) ? deletedBeforeOutput(method) : { result: true }], itemIndex),
	};
}

function getFields(spec: ResourceSpec): Operation<string> {
	return {
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
		resultShape: (key) => objectResult(key, false),
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

/** Every generic operation but Create or Update: a plain table's, matched on nothing of its own. */
export const PLAIN_CRUD: readonly CrudOperation[] = ALL_CRUD.filter((name) => name !== 'upsert');

/** The generic reads, for a resource REST does not write (markups, unit ratios, stock). */
export const READ_ONLY = [
	'get',
	'getMany',
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
