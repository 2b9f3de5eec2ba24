import type {
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperFields,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FieldDescription } from '../actions/kit/record';
import { mappingColumns } from '../actions/kit/record';
import type { ResourceSpec } from '../actions/kit/spec';
import { RESOURCES } from '../actions/resources';
import { callBitrix24 } from '../transport';
import { settingsOf } from './settings';

/** The chosen resource's spec: field lists exist only for resources built from one. */
function specOf(context: ILoadOptionsFunctions): ResourceSpec {
	const resource = context.getNodeParameter('resource', '') as string;
	const spec = Object.hasOwn(RESOURCES, resource) ? RESOURCES[resource].spec : undefined;
	if (!spec)
		throw new NodeOperationError(context.getNode(), `Resource "${resource}" lists no fields`);
	return spec;
}

/** The fields a record has, as the resource's `getFields` describes them. */
async function fieldsOf(context: ILoadOptionsFunctions): Promise<Record<string, FieldDescription>> {
	const spec = specOf(context);
	const result = (await callBitrix24.call(
		context,
		{ method: `${spec.method}.getFields`, params: {} },
		settingsOf(context),
		0,
	)) as Record<string, Record<string, FieldDescription> | undefined>;
	return result?.[spec.keys.one] ?? {};
}

/** Field names for Filters, Sort and Fields of Get Many. */
export async function getRecordFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return Object.keys(await fieldsOf(this))
		.sort()
		.map((name) => ({ name, value: name }));
}

/** The mapping form of Create: every writable field, the required ones first. */
export async function getCreateColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: mappingColumns(await fieldsOf(this), 'create') };
}

/** The mapping form of Create or Update: as Create's, with the fields a record is found by. */
export async function getUpsertColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: mappingColumns(await fieldsOf(this), 'upsert') };
}

/** The mapping form of Update: the fields that may change. */
export async function getUpdateColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: mappingColumns(await fieldsOf(this), 'update') };
}
