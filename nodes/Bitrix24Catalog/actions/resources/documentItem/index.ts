import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';

/** The goods of an inventory document (`catalog.document.element.*`): product, amount, stores. */
export const documentItemSpec: ResourceSpec = {
	value: 'documentItem',
	noun: 'document item',
	method: 'catalog.document.element',
	id: { name: 'documentItemId', label: 'Document Item ID' },
	keys: { one: 'documentElement', many: 'documentElements', written: 'documentElement' },
	quickFilters: [
		{
			name: 'docId',
			label: 'Document ID',
			description: 'Only the items of this inventory document',
			key: 'docId',
			type: 'id',
		},
	],
};

export const documentItem = specResource({
	name: 'Document Item',
	spec: documentItemSpec,
	crud: ['create', 'getMany', 'update', 'delete', 'getFields'],
	operationDescriptions: {
		create: 'Add a product to an inventory document that is not conducted yet',
		getMany: "List inventory documents' items",
	},
});
