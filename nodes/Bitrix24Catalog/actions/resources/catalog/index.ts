import { READ_ONLY } from '../../kit/crud';
import type { IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';
import type { Operation } from '../../operation';
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
	methods: ['catalog.catalog.isOffers'],
	build(this: IExecuteFunctions, itemIndex: number) {
		const id = readId(this, 'catalogId', 'Catalog ID', itemIndex);
		return { call: { method: 'catalog.catalog.isOffers', params: { id } }, input: id };
	},
	resultShape: {
		expected: 'true or false',
		problem: (result) => (typeof result === 'boolean' ? undefined : `result is a ${typeof result}`),
	},
	toItems: (result, id, { itemIndex }) => itemsOf([{ id, isOffers: result as boolean }], itemIndex),
};

export const catalog = specResource({
	name: 'Catalog',
	spec: catalogSpec,
	crud: READ_ONLY,
	operationDescriptions: { getMany: "List the portal's catalogs" },
	custom: {
		isOffers: {
			operation: isOffers,
			takesId: true,
			label: {
				name: 'Is Offers',
				description: 'Whether the catalog holds variations of products',
				action: 'Check whether a catalog holds variations',
			},
		},
	},
});
