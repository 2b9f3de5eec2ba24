import { ALL_CRUD, crudOperations } from '../../kit/crud';
import { parentField, recordIdField } from '../../kit/fields';
import { kindFields } from '../../kit/kinds';
import { listFields } from '../../kit/list';
import { recordFields } from '../../kit/record';
import type { OperationField, Resource } from '../../operation';
import * as downloadFile from './downloadFile.operation';
import { productSpec } from './spec';

const operations = {
	...crudOperations(productSpec, ALL_CRUD),
	downloadFile,
};

const operationField: OperationField<typeof operations> = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['product'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a simple product, parent product, variation or service',
			action: 'Create a product',
		},
		{
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update a product',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a product of any kind',
			action: 'Delete a product',
		},
		{
			name: 'Download File',
			value: 'downloadFile',
			description: "Get a product's picture or file property as binary data",
			action: 'Download a file of a product',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a product of any kind',
			action: 'Get a product',
		},
		{
			name: 'Get Fields',
			value: 'getFields',
			description: "Get the fields a catalog's products of one kind have, properties included",
			action: 'Get the fields of products',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: "List a catalog's products",
			action: 'Get many products',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change a product's fields and property values",
			action: 'Update a product',
		},
	],
	default: 'getMany',
};

const [catalogParent] = productSpec.parents ?? [];

/** Get, Delete and Download File take a product of any catalog; Update lists the chosen catalog's. */
const anyCatalogProduct = {
	...productSpec,
	id: { ...productSpec.id, searchListMethod: 'searchProducts' },
};

export const product: Resource<typeof operations> = {
	name: 'Product',
	value: 'product',
	operations,
	spec: productSpec,
	description: [
		operationField,
		...kindFields(productSpec, ['create', 'upsert', 'getMany', 'getFields']),
		parentField(productSpec, catalogParent, ['create', 'upsert', 'getMany', 'update', 'getFields']),
		recordIdField(productSpec, ['update']),
		recordIdField(anyCatalogProduct, ['get', 'delete', 'downloadFile']),
		recordFields(productSpec, 'create'),
		recordFields(productSpec, 'update'),
		recordFields(productSpec, 'upsert'),
		...listFields(productSpec),
		...downloadFile.description,
	],
};
