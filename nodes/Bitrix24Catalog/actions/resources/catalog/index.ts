import type { IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import { crudOperations } from '../../kit/crud';
import { recordIdField } from '../../kit/fields';
import { listFields } from '../../kit/list';
import type { ResourceSpec } from '../../kit/spec';
import type { Operation, OperationField, Resource } from '../../operation';
import { itemsOf } from '../../operation';

/** The portal's product catalogs (`catalog.catalog.*`): read-only; their ID is the catalog's iblockId. */
export const catalogSpec: ResourceSpec = {
	value: 'catalog',
	noun: 'catalog',
	method: 'catalog.catalog',
	id: { name: 'catalogId', label: 'Catalog ID', searchListMethod: 'searchCatalogs' },
	keys: { one: 'catalog', many: 'catalogs', written: 'catalog' },
};

/** Whether the catalog holds variations (the offers of another catalog's products). */
const isOffers: Operation<number> = {
	description: [],
	build(this: IExecuteFunctions, itemIndex: number) {
		const id = readId(this, 'catalogId', 'Catalog ID', itemIndex);
		return { call: { method: 'catalog.catalog.isOffers', params: { id } }, input: id };
	},
	answer: {
		expected: 'true or false',
		problem: (result) => (typeof result === 'boolean' ? undefined : `result is a ${typeof result}`),
	},
	toItems: (result, id, { itemIndex }) => itemsOf([{ id, isOffers: result as boolean }], itemIndex),
};

const operations = {
	...crudOperations(catalogSpec, ['get', 'getMany', 'getFields'] as const),
	isOffers,
};

const operationField: OperationField<typeof operations> = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['catalog'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			description: 'Get a catalog',
			action: 'Get a catalog',
		},
		{
			name: 'Get Fields',
			value: 'getFields',
			description: 'Get the fields a catalog has',
			action: 'Get the fields of catalogs',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: "List the portal's catalogs",
			action: 'Get many catalogs',
		},
		{
			name: 'Is Offers',
			value: 'isOffers',
			description: 'Whether the catalog holds variations of products',
			action: 'Check whether a catalog holds variations',
		},
	],
	default: 'getMany',
};

export const catalog: Resource<typeof operations> = {
	name: 'Catalog',
	value: 'catalog',
	operations,
	spec: catalogSpec,
	description: [
		operationField,
		recordIdField(catalogSpec, ['get', 'isOffers']),
		...listFields(catalogSpec),
	],
};
