import { ALL_CRUD, crudOperations } from '../../kit/crud';
import { parentField, recordIdField } from '../../kit/fields';
import { kindFields } from '../../kit/kinds';
import { listFields } from '../../kit/list';
import { recordFields } from '../../kit/record';
import { operationField } from '../../kit/resource';
import type { Resource } from '../../resource';
import * as downloadFile from './downloadFile.operation';
import { productSpec } from './spec';

const operations = {
	...crudOperations(productSpec, ALL_CRUD),
	downloadFile,
};

const operationChoice = operationField<typeof operations>(
	productSpec,
	ALL_CRUD,
	{
		downloadFile: {
			operation: downloadFile,
			label: {
				name: 'Download File',
				description: "Get a product's picture or file property as binary data",
				action: 'Download a file of a product',
			},
		},
	},
	{
		operationDescriptions: {
			create: 'Create a simple product, parent product, variation or service',
			delete: 'Delete a product of any kind',
			get: 'Get a product of any kind',
			getFields: "Get the fields a catalog's products of one kind have, properties included",
			getMany: "List a catalog's products",
			update: "Change a product's fields and property values",
		},
	},
);

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
		operationChoice,
		...kindFields(productSpec, [...ALL_CRUD], ['downloadFile']),
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
