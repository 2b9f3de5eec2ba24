import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperFields,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeCall } from '../actions/kit/describe';
import { withChoices } from '../actions/kit/fieldChoices';
import { fieldLabel } from '../actions/kit/fieldLabel';
import { describedKind } from '../actions/kit/kinds';
import { FIELDS_LOAD } from '../actions/kit/parents';
import { type FieldDescription, mappingColumns, type WriteMode } from '../actions/kit/record';
import type { ResourceSpec } from '../actions/kit/spec';
import { RESOURCES } from '../actions/resources';
import type { Bitrix24Call } from '../transport';
import { callBitrix24 } from '../transport';
import { chosenParents, missingParentNotice } from './chosenParents';
import { settingsOf } from './settings';

/** The chosen resource's spec: field lists exist only for resources built from one. */
function specOf(context: ILoadOptionsFunctions): ResourceSpec {
	const resource = context.getNodeParameter('resource', '') as string;
	const spec = Object.hasOwn(RESOURCES, resource) ? RESOURCES[resource].spec : undefined;
	if (!spec)
		throw new NodeOperationError(context.getNode(), `Resource "${resource}" lists no fields`);
	return spec;
}

/** How the editor's field lists call the portal. */
export function senderOf(context: ILoadOptionsFunctions) {
	return async (call: Bitrix24Call) =>
		await callBitrix24.call(context, call, settingsOf(context), 0);
}

/**
 * The fields a record has, as the resource describes them: with `getFields`, or for the kind
 * picked (or the parents hold) and the parents chosen, with `getFieldsByFilter`.
 */
async function fieldsOf(
	context: ILoadOptionsFunctions,
	spec: ResourceSpec,
): Promise<Record<string, FieldDescription>> {
	const send = senderOf(context);
	const parents = spec.describedByFilter ? chosenParents(context, spec, FIELDS_LOAD) : {};
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
	const fields = await fieldsOf(this, specOf(this));
	return Object.keys(fields)
		.map((id) => ({ name: fieldLabel(id, fields[id]), value: id }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The columns of a form: the fields it may write, less those the node's own fields fill. */
async function columns(
	context: ILoadOptionsFunctions,
	mode: WriteMode,
): Promise<ResourceMapperFields> {
	const spec = specOf(context);
	const notice = spec.describedByFilter ? missingParentNotice(context, spec, FIELDS_LOAD) : undefined;
	if (notice) return { fields: [], emptyFieldsNotice: notice };
	const filled = (spec.parents ?? []).map(({ name }) => name);
	const fields = await withChoices(spec, await fieldsOf(context, spec), senderOf(context));
	return { fields: mappingColumns(fields, mode, filled) };
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
