import type {
	FieldType,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	ResourceMapperField,
	ResourceMapperValue,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { shownFor } from './fields';
import type { ResourceSpec } from './spec';

/** A field as a `getFields` method describes it. */
export interface FieldDescription {
	type?: string;
	isRequired?: boolean;
	isReadOnly?: boolean;
	isImmutable?: boolean;
}

/** Bitrix24's field types as n8n's mapping form shows them; Y/N fields (`char`) are switches. */
const FIELD_TYPES: Record<string, FieldType> = {
	integer: 'number',
	double: 'number',
	float: 'number',
	char: 'boolean',
	datetime: 'dateTime',
	date: 'dateTime',
};

/** The mapping form's columns from a `getFields` answer: what can be written, required first. */
export function mappingColumns(
	fields: Record<string, FieldDescription>,
	mode: 'create' | 'update',
): ResourceMapperField[] {
	return Object.entries(fields)
		.filter(([, field]) => !field.isReadOnly && !(mode === 'update' && field.isImmutable))
		.map(([id, field]) => ({
			id,
			displayName: id,
			required: mode === 'create' && field.isRequired === true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: FIELD_TYPES[field.type ?? ''] ?? 'string',
		}))
		.sort((a, b) => Number(b.required) - Number(a.required) || a.id.localeCompare(b.id));
}

/** The Fields of Create and Update: mapped one by one from the resource's own fields, or from the input. */
export function recordFields(spec: ResourceSpec, operation: 'create' | 'update'): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: [
				'resource',
				'operation',
				...(spec.parents ?? []).map(({ name }) => `${name}.value`),
			],
			resourceMapper: {
				resourceMapperMethod: operation === 'create' ? 'getCreateColumns' : 'getUpdateColumns',
				mode: operation === 'create' ? 'add' : 'update',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
		displayOptions: shownFor(spec.value, [operation]),
	};
}

/**
 * One item's fields as Bitrix24 takes them: the mapped values (or the input item's own fields,
 * when mapped automatically), switches as `Y`/`N`, dates as ISO text, empty values left out.
 */
export function readRecordFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const mapping = context.getNodeParameter('fields', itemIndex, {}) as Partial<ResourceMapperValue>;
	const schema = mapping.schema ?? [];
	const known = new Map(schema.map((field) => [field.id, field]));
	const source =
		mapping.mappingMode === 'autoMapInputData'
			? pick(context.getInputData()[itemIndex]?.json ?? {}, known)
			: ((mapping.value ?? {}) as IDataObject);
	const fields: IDataObject = {};
	for (const [name, value] of Object.entries(source)) {
		if (value === undefined || value === null || value === '') continue;
		fields[name] = known.get(name)?.type === 'boolean' ? yesNo(value) : value;
	}
	if (Object.keys(fields).length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			`Fields: nothing to write [item ${itemIndex}]`,
			{
				itemIndex,
				description: 'Map at least one field, or map the input automatically.',
			},
		);
	}
	return fields;
}

function pick(json: IDataObject, known: Map<string, ResourceMapperField>): IDataObject {
	return Object.fromEntries(Object.entries(json).filter(([name]) => known.has(name)));
}

function yesNo(value: unknown): IDataObject[keyof IDataObject] {
	if (value === true || value === 'true') return 'Y';
	if (value === false || value === 'false') return 'N';
	return value as IDataObject[keyof IDataObject];
}
