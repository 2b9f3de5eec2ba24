import type {
	FieldType,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	ResourceMapperField,
	ResourceMapperValue,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBitrix24Id } from '../../helpers/ids';
import { itemError } from '../../helpers/itemError';
import { explained } from '../guide';
import { fieldLabel } from './fieldLabel';
import { readFieldList } from './fieldList';
import { chooseFirst, FIELDS_LOAD } from './parents';
import { assertKnownField } from './fieldNames';
import { checkedPropertyEntries, checkedValue } from './fieldValues';
import { shownFor } from './fields';
import { kindFieldNames } from './kinds';
import { propertyValue } from './propertyValues';
import type { ResourceSpec } from './spec';

/** A field as a `getFields` (or `getFieldsByFilter`) method describes it. */
export interface FieldDescription {
	type?: string;
	isRequired?: boolean;
	isReadOnly?: boolean;
	isImmutable?: boolean;
	/** A property's own name in the portal ("Colours"); the standard fields are shown by ID. */
	name?: string;
	/** A property of the records' parent (`productproperty`), rather than a standard field. */
	isDynamic?: boolean;
	isMultiple?: boolean;
	/** Property type: `S` text, `N` number, `L` list, `F` file, `E` link to a record. */
	propertyType?: string;
	/** A list property's choices, by ID. */
	values?: Record<string, { id?: unknown; value?: unknown }>;
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

export type WriteMode = 'create' | 'update' | 'upsert';

/** Fields a Create or Update may find its record by, where the resource has them. */
export const MATCH_FIELDS = ['xmlId', 'code', 'name', 'id'];

/** Files go as `{ fileData: [name, base64] }`, which a mapped text cannot be: left off the form. */
function isFile(field: FieldDescription): boolean {
	return field.type === 'file' || field.propertyType === 'F';
}

function isWritable(field: FieldDescription, mode: WriteMode): boolean {
	return !field.isReadOnly && !(mode === 'update' && field.isImmutable) && !isFile(field);
}

/** A multiple property takes a list; a list property one of its choices (by ID). */
function columnType(field: FieldDescription): Pick<ResourceMapperField, 'type' | 'options'> {
	if (field.isMultiple) return { type: 'array' };
	if (field.values) {
		return {
			type: 'options',
			options: Object.entries(field.values).map(([id, choice]) => ({
				name: String(choice.value ?? id),
				value: String(choice.id ?? id),
			})),
		};
	}
	return { type: FIELD_TYPES[field.type ?? ''] ?? 'string' };
}

/**
 * The mapping form's columns from a `getFields` resultShape: what can be written, required first;
 * properties under their names in the portal. For Create or Update, also the fields a record
 * can be found by (ID too, though it is not written). `omit`: fields the node fills from fields
 * of its own (the parents picked, such as the catalog).
 */
export function mappingColumns(
	fields: Record<string, FieldDescription>,
	mode: WriteMode,
	omit: string[] = [],
): ResourceMapperField[] {
	const matchable = (id: string) => mode === 'upsert' && MATCH_FIELDS.includes(id);
	return Object.entries(fields)
		.filter(([id, field]) => matchable(id) || (isWritable(field, mode) && !omit.includes(id)))
		.map(([id, field]) => ({
			id,
			displayName: fieldLabel(id, field),
			required: mode !== 'update' && field.isRequired === true,
			defaultMatch: id === 'xmlId',
			canBeUsedToMatch: matchable(id),
			display: true,
			...columnType(field),
		}))
		.sort((a, b) => Number(b.required) - Number(a.required) || a.id.localeCompare(b.id));
}

const MAPPERS: Record<WriteMode, { method: string; mode: 'add' | 'update' | 'upsert' }> = {
	create: { method: 'getCreateColumns', mode: 'add' },
	update: { method: 'getUpdateColumns', mode: 'update' },
	upsert: { method: 'getUpsertColumns', mode: 'upsert' },
};

/**
 * The Fields of Create and Update: mapped one by one from the resource's own fields, or from the
 * input. Where the parents decide the fields (a catalog its products'), a notice asks for each
 * parent until it is chosen, in the form's place: n8n's form would only say "No fields found".
 */
export function recordFields(
	spec: ResourceSpec,
	operation: WriteMode,
	/** The operations that show the form; another operation may borrow a write's form (Sync). */
	shownOn: string[] = [operation],
	/** The method that lists its columns, where the borrower adds columns of its own. */
	columnsMethod?: string,
): INodeProperties[] {
	const mapper = { ...MAPPERS[operation], ...(columnsMethod ? { method: columnsMethod } : {}) };
	const shown = shownFor(spec.value, shownOn);
	const deciding = spec.describedByFilter ? (spec.parents ?? []) : [];
	// A picker's value when nothing is picked yet; n8n compares a picker's value, not its mode.
	const unchosen = Object.fromEntries(deciding.map(({ name }) => [name, ['']]));
	const notices: INodeProperties[] = deciding.map(({ name, label }) => ({
		displayName: chooseFirst(label, FIELDS_LOAD),
		name: `${name}Notice`,
		type: 'notice',
		default: '',
		// Hidden once chosen (an expression too): a `show` rule would take an expression as a match.
		displayOptions: { ...shown, hide: { [name]: [{ _cnd: { not: '' } }] } },
	}));
	const form: INodeProperties = {
		displayName: 'Fields',
		name: 'fields',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		...explained(spec.guide?.fields),
		typeOptions: {
			loadOptionsDependsOn: [
				'resource',
				'operation',
				...(spec.parents ?? []).map(({ name }) => `${name}.value`),
				...kindFieldNames(spec),
			],
			resourceMapper: {
				resourceMapperMethod: mapper.method,
				mode: mapper.mode,
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
		displayOptions: deciding.length > 0 ? { ...shown, hide: unchosen } : shown,
	};
	return [...notices, form];
}

/**
 * The field a Create or Update finds its record by (the mapping form's "column to match on") and
 * the item's value of it, checked before anything is sent.
 */
export function readMatch(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): { field: string; value: IDataObject[keyof IDataObject] } {
	const mapping = context.getNodeParameter('fields', itemIndex, {}) as Partial<ResourceMapperValue>;
	const [field] = mapping.matchingColumns ?? [];
	const fail = (message: string, description: string) =>
		itemError(context.getNode(), message, itemIndex, description);
	if (!field) {
		throw fail('Fields: choose the field to match on', 'Pick it under "Columns to match on".');
	}
	const value = fields[field];
	if (value === undefined || value === '' || typeof value === 'object') {
		throw fail(
			`Fields: ${field}, the field to match on, is empty`,
			`Map a value for ${field}: the record with that ${field} is updated, or created if there is none.`,
		);
	}
	if (field !== 'id') return { field, value };
	// Looked up, a value that is no ID finds nothing, and a record would be created.
	const id = readBitrix24Id(value);
	if ('problem' in id) {
		throw fail(
			`Fields: id, the field to match on, ${id.problem}`,
			'Map the ID of the record to update, a whole number from 1, or match on another field.',
		);
	}
	return { field, value: id.id };
}

/** An item's mapped values, not empty, before they are checked against the records' fields. */
export interface MappedFields {
	values: IDataObject;
}

function nothingToWrite(context: IExecuteFunctions, itemIndex: number): NodeOperationError {
	return itemError(
		context.getNode(),
		'Fields: nothing to write',
		itemIndex,
		'Map at least one field, or map the input automatically.',
	);
}

/**
 * One item's mapped values (or the input item's own fields, when mapped automatically), empty
 * values left out, property values as `{ value }` (see `propertyValue`); at least one.
 */
export function readMappedFields(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: ResourceSpec,
	mapping = context.getNodeParameter('fields', itemIndex, {}) as Partial<ResourceMapperValue>,
): MappedFields {
	const schema = new Map((mapping.schema ?? []).map((field) => [field.id, field]));
	const source =
		mapping.mappingMode === 'autoMapInputData'
			? pick(context.getInputData()[itemIndex]?.json ?? {}, schema)
			: ((mapping.value ?? {}) as IDataObject);
	const values: IDataObject = {};
	for (const [name, value] of Object.entries(source)) {
		if (value === undefined || value === null || value === '') continue;
		if (!spec.isPropertyField?.(name)) {
			values[name] = value;
			continue;
		}
		const multiple = schema.get(name)?.type === 'array';
		const written = propertyValue(context.getNode(), name, value, multiple, itemIndex);
		if (written !== undefined) values[name] = written;
	}
	if (Object.keys(values).length === 0) throw nothingToWrite(context, itemIndex);
	return { values };
}

/**
 * Mapped values as Bitrix24 takes them, each checked against the field the records have (read
 * once per run, see `readFieldList`) before anything is sent: a name they lack is refused,
 * naming the nearest ones; a value is refused unless it is of the field's type, and is given in
 * it (switches as `Y`/`N`, dates as text). n8n does not check a mapping read whole, and Bitrix24
 * would store a wrong type as something else (0, N, now) and drop an unknown name, both without
 * a word.
 */
export async function checkedFields(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: ResourceSpec,
	operation: WriteMode,
	parents: IDataObject,
	{ values }: MappedFields,
	/** The kind whose fields they are, where the item decides it (see `readFieldList`). */
	kind?: string,
): Promise<IDataObject> {
	const described = await readFieldList(context, spec, operation, parents, itemIndex, kind);
	const node = context.getNode();
	const fields: IDataObject = {};
	for (const [name, value] of Object.entries(values)) {
		assertKnownField(context, spec, described, { label: 'Fields', key: name, field: name }, itemIndex);
		const field = described[name];
		fields[name] = spec.isPropertyField?.(name)
			? checkedPropertyEntries(node, name, value as IDataObject | IDataObject[], field, itemIndex)
			: checkedValue(node, name, value, field, itemIndex);
	}
	return fields;
}

function pick(json: IDataObject, known: Map<string, ResourceMapperField>): IDataObject {
	return Object.fromEntries(Object.entries(json).filter(([name]) => known.has(name)));
}
