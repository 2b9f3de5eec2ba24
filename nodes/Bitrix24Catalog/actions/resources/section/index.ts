import { ALL_CRUD, crudOperations } from '../../kit/crud';
import { parentField, recordIdField } from '../../kit/fields';
import { listFields } from '../../kit/list';
import { recordFields } from '../../kit/record';
import type { ResourceSpec } from '../../kit/spec';
import type { OperationField, Resource } from '../../operation';

/** Sections of a catalog (`catalog.section.*`), nested by `iblockSectionId`. */
export const sectionSpec: ResourceSpec = {
	value: 'section',
	noun: 'section',
	method: 'catalog.section',
	id: { name: 'sectionId', label: 'Section ID' },
	keys: { one: 'section', many: 'sections', written: 'section' },
	parents: [
		{
			name: 'iblockId',
			label: 'Catalog',
			description: 'The catalog the sections belong to',
			searchListMethod: 'searchCatalogs',
		},
	],
};

const operations = crudOperations(sectionSpec, ALL_CRUD);

const operationField: OperationField<typeof operations> = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['section'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a section in a catalog',
			action: 'Create a section',
		},
		{
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update a section',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a section',
			action: 'Delete a section',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a section',
			action: 'Get a section',
		},
		{
			name: 'Get Fields',
			value: 'getFields',
			description: 'Get the fields a section has',
			action: 'Get the fields of sections',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: "List a catalog's sections",
			action: 'Get many sections',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a section's fields",
			action: 'Update a section',
		},
	],
	default: 'getMany',
};

const [catalogParent] = sectionSpec.parents ?? [];

export const section: Resource<typeof operations> = {
	name: 'Section',
	value: 'section',
	operations,
	spec: sectionSpec,
	description: [
		operationField,
		parentField(sectionSpec, catalogParent, ['create', 'getMany', 'update', 'upsert']),
		recordIdField(sectionSpec, ['get', 'update', 'delete']),
		recordFields(sectionSpec, 'create'),
		recordFields(sectionSpec, 'update'),
		recordFields(sectionSpec, 'upsert'),
		...listFields(sectionSpec),
	],
};
