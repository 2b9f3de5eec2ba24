import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { AnyOperation } from '../operation';
import { crudOperations } from './crud';
import { parentField, recordIdField } from './fields';
import { kindFields } from './kinds';
import { listFields } from './list';
import { recordFields } from './record';
import type { CrudOperation, ResourceSpec } from './spec';

/** A resource's operations by the value of its Operation field. */
export type OperationMap = Record<string, AnyOperation>;

/**
 * The Operation field of a resource: its options' values must name operations of the map, so a
 * wrong name fails to compile (and a unit test checks that every operation is shown).
 */
export type OperationField<Operations extends OperationMap> = INodeProperties & {
	name: 'operation';
	options: Array<INodePropertyOptions & { value: keyof Operations & string }>;
};

/** One resource of the node: its label, its operations and the fields they show. */
export interface Resource<Operations extends OperationMap = OperationMap> {
	name: string;
	value: string;
	/** What the Resource field says of it, where a trap needs saying (stock is read-only). */
	about?: string;
	operations: Operations;
	description: INodeProperties[];
	/** For a resource built from a spec: what pickers and field lists read. */
	spec?: ResourceSpec;
	/**
	 * The Custom API Call: it calls whichever catalog method the user names, so its `methods`
	 * say nothing of the documented API's coverage; offered last, where n8n puts its own.
	 */
	customApiCall?: true;
}

/**
 * The fields the operations show of their own, each once (operations of one resource may share a
 * field, as the list forms of a lifecycle share Document IDs), in the operations' order.
 */
export function ownFieldsOf(operations: AnyOperation[]): INodeProperties[] {
	return [...new Set(operations.flatMap((operation) => operation.description ?? []))];
}

/** How the Operation field offers an operation. */
export interface OperationLabel {
	name: string;
	description: string;
	action: string;
}

/** 'a section', 'an inventory document'. */
function withArticle(noun: string): string {
	return `${/^[aeio]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function pluralOf(spec: ResourceSpec): string {
	return spec.plural ?? `${spec.noun}s`;
}

/** The generic operations' labels, worded from the spec's noun. */
function genericLabel(spec: ResourceSpec, operation: CrudOperation): OperationLabel {
	const one = withArticle(spec.noun);
	const many = pluralOf(spec);
	const labels: Record<CrudOperation, OperationLabel> = {
		create: { name: 'Create', description: `Create ${one}`, action: `Create ${one}` },
		upsert: {
			name: 'Create or Update',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: `Create or update ${one}`,
		},
		delete: { name: 'Delete', description: `Delete ${one}`, action: `Delete ${one}` },
		get: { name: 'Get', description: `Get ${one}`, action: `Get ${one}` },
		getFields: {
			name: 'Get Fields',
			description: `Get the fields ${one} has`,
			action: `Get the fields of ${many}`,
		},
		getMany: { name: 'Get Many', description: `List ${many}`, action: `Get many ${many}` },
		update: { name: 'Update', description: `Change ${one}'s fields`, action: `Update ${one}` },
	};
	return labels[operation];
}

/** An operation of a resource's own, beside the generic ones. */
export interface CustomOperation {
	operation: AnyOperation;
	label: OperationLabel;
	/** It works on one record, picked in the record ID field. */
	takesId?: boolean;
	/** It works on the records of the parents picked (a property's available features). */
	takesParents?: boolean;
	/** It picks the record's kind as Get does, any kind allowed (a product's Download File). */
	picksKindLikeGet?: boolean;
}

export interface OperationFieldOptions {
	/** Descriptions that say more than the generic wording ('Create a section in a catalog'). */
	operationDescriptions?: Partial<Record<CrudOperation, string>>;
	default?: string;
}

/** The Operation field of a resource built from a spec: generic and own operations, by name. */
export function operationField<Operations extends OperationMap>(
	spec: ResourceSpec,
	crud: readonly CrudOperation[],
	custom: Record<string, CustomOperation>,
	options: OperationFieldOptions = {},
): OperationField<Operations> {
	const offered = [
		...crud.map((value) => {
			const { name, description, action } = genericLabel(spec, value);
			return {
				name,
				value,
				description: options.operationDescriptions?.[value] ?? description,
				action,
			};
		}),
		...Object.entries(custom).map(([value, { label }]) => ({
			name: label.name,
			value,
			description: label.description,
			action: label.action,
		})),
	].sort((a, b) => a.name.localeCompare(b.name));
	const values = offered.map(({ value }) => value);
	// The default is computed below; the rule sees only literal defaults.
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [spec.value] } },
		options: offered as OperationField<Operations>['options'],
		default: options.default ?? (values.includes('getMany') ? 'getMany' : values[0]),
	};
}

/** Operations where a record's parents are picked: they are sent with it, or filter the list. */
const PARENTS_SHOWN_FOR: CrudOperation[] = ['create', 'upsert', 'getMany', 'update'];

export interface SpecResourceOptions extends OperationFieldOptions {
	/** The Resource field's label: 'Section'. */
	name: string;
	/** What the Resource field says of it, where a trap needs saying. */
	about?: string;
	spec: ResourceSpec;
	/** The generic operations it takes (`ALL_CRUD`, or some of them). */
	crud: readonly CrudOperation[];
	/** Operations of its own, by the Operation field's value; their fields follow the generic ones. */
	custom?: Record<string, CustomOperation>;
	/**
	 * Operations whose record ID picker lists records with another method than the spec's (Get and
	 * Delete take a product of any catalog, Update one of the catalog chosen).
	 */
	idPicker?: { searchListMethod: string; operations: string[] };
}

/**
 * A whole resource from its spec: the operations, the Operation field, and the fields each
 * operation shows (kind, parents, record ID, record fields, list options). A resource that is
 * only data is this call and nothing more.
 */
export function specResource(options: SpecResourceOptions): Resource {
	const { spec, crud, custom = {} } = options;
	const operations: OperationMap = {
		...crudOperations(spec, crud),
		...Object.fromEntries(Object.entries(custom).map(([value, own]) => [value, own.operation])),
	};
	const among = <Name extends string>(names: Name[]) => names.filter((name) => name in operations);
	const parentsFor = among([
		...PARENTS_SHOWN_FOR,
		...(spec.describedByFilter ? (['getFields'] as const) : []),
		...Object.keys(custom).filter((value) => custom[value].takesParents),
	]);
	const idFor = among([
		'get',
		'update',
		'delete',
		...Object.keys(custom).filter((value) => custom[value].takesId),
	]);
	const written = (['create', 'update', 'upsert'] as const).filter((name) => name in operations);
	// The record ID field, and another for the operations whose picker lists records otherwise.
	const { idPicker } = options;
	const ownPicker = (name: string) => idPicker?.operations.includes(name) ?? false;
	const idFields = [
		{ picked: spec, shown: idFor.filter((name) => !ownPicker(name)) },
		...(idPicker
			? [
					{
						picked: { ...spec, id: { ...spec.id, searchListMethod: idPicker.searchListMethod } },
						shown: idFor.filter(ownPicker),
					},
				]
			: []),
	]
		.filter(({ shown }) => shown.length > 0)
		.map(({ picked, shown }) => recordIdField(picked, shown));
	return {
		name: options.name,
		value: spec.value,
		...(options.about ? { about: options.about } : {}),
		operations,
		spec,
		description: [
			operationField(spec, crud, custom, options),
			...(spec.kinds
				? kindFields(
						spec,
						among([...crud]),
						Object.keys(custom).filter((value) => custom[value].picksKindLikeGet),
					)
				: []),
			...(parentsFor.length > 0
				? (spec.parents ?? []).map((parent) => parentField(spec, parent, parentsFor))
				: []),
			...idFields,
			...written.flatMap((name) => recordFields(spec, name)),
			...('getMany' in operations ? listFields(spec) : []),
			...ownFieldsOf(Object.values(custom).map((own) => own.operation)),
		],
	};
}
