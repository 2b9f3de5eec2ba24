import { PLAIN_CRUD } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';

/** The portal's warehouses (`catalog.store.*`), where inventory documents move goods. */
export const storeSpec: ResourceSpec = {
	value: 'store',
	noun: 'store',
	method: 'catalog.store',
	id: { name: 'storeId', label: 'Store ID', searchListMethod: 'searchStores' },
	keys: { one: 'store', many: 'stores', written: 'store' },
	titleField: 'title',
};

export const store = specResource({
	name: 'Store',
	spec: storeSpec,
	crud: PLAIN_CRUD,
	operationDescriptions: { getMany: "List the portal's stores (warehouses)" },
});
