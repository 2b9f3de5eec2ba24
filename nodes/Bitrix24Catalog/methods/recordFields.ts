import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeCall } from '../actions/kit/describe';
import { describedKind } from '../actions/kit/kinds';
import { type FieldDescription, mappingColumns, type WriteMode } from '../actions/kit/record';
import type { ResourceSpec } from '../actions/kit/spec';
import { RESOURCES } from '../actions/resources';
import type { Bitrix24Call } from '../transport';
import { callBitrix24 } from '../transport';
import { chosenParents } from './chosenParents';
import { recordOptions } from './recordSearch';
import { settingsOf } from './settings';

/** The chosen resource's spec: field lists exist only for resources built from one. */
function specOf(context: ILoadOptionsFunctions): ResourceSpec {
	const resource = context.getNodeParameter('resource', '') as string;
	const spec = Object.hasOwn(RESOURCES, resource) ? RESOURCES[resource].spec : undefined;
	if (!spec)
		throw new NodeOperationError(context.getNode(), `Resource "${resource}" lists no fields`);
	return spec;
}

/**
 * The fields a record has, as the resource describes them: with `getFields`, or for the kind
 * picked (or the parents hold) and the parents chosen, with `getFieldsByFilter`.
 */
async function fieldsOf(
	context: ILoadOptionsFunctions,
	spec: ResourceSpec,
): Promise<Record<string, FieldDescription>> {
	const send = async (call: Bitrix24Call) =>
		await callBitrix24.call(context, call, settingsOf(context), 0);
	const parents = spec.describedByFilter ? chosenParents(context, spec, 'load the fields') : {};
	const kind = await describedKind(
		spec,
		context.getNodeParameter('operation', '') as string,
		(name) => context.getNodeParameter(name, ''),
		parents,
		send,
	);
	const { call, key } = describeCall(spec, kind, parents);
	const result = (await send(call)) as IDataObject | undefined;
	return (result?.[key] ?? {}) as Record<string, FieldDescription>;
}

/** Field names for Filters, Sort and Fields of Get Many. */
export async function getRecordFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return Object.keys(await fieldsOf(this, specOf(this)))
		.sort()
		.map((name) => ({ name, value: name }));
}

/**
 * Columns that name another resource's record (a unit of measure) offer those records by name;
 * columns that take one of a few documented values offer those.
 */
async function withReferences(
	context: ILoadOptionsFunctions,
	spec: ResourceSpec,
	fields: ResourceMapperField[],
): Promise<ResourceMapperField[]> {
	const shown: ResourceMapperField[] = [];
	// One list after the other: a form names a few such fields.
	for (const field of fields) {
		const referenced = spec.references?.[field.id];
		const options = referenced
			? await recordOptions(context, referenced)
			: spec.choices?.[field.id];
		shown.push(options && field.type !== 'array' ? { ...field, type: 'options', options } : field);
	}
	return shown;
}

/** The columns of a form: the fields it may write, less those the node's own fields fill. */
async function columns(
	context: ILoadOptionsFunctions,
	mode: WriteMode,
): Promise<ResourceMapperFields> {
	const spec = specOf(context);
	const filled = (spec.parents ?? []).map(({ name }) => name);
	const fields = mappingColumns(await fieldsOf(context, spec), mode, filled);
	return { fields: await withReferences(context, spec, fields) };
}

/** The mapping form of Create: every writable field, the required ones first. */
export async function getCreateColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await columns(this, 'create');
}

/** The mapping form of Create or Update: as Create's, with the fields a record is found by. */
export async function getUpsertColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await columns(this, 'upsert');
}

/** The mapping form of Update: the fields that may change. */
export async function getUpdateColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return await columns(this, 'update');
}
