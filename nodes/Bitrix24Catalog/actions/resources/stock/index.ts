import { CATALOG_GUIDE } from '../../guide';
import { READ_ONLY } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';

/**
 * What each store holds of each product (`catalog.storeproduct.*`): read-only, as only conducted
 * inventory documents change it while inventory management is on.
 */
export const stockSpec: ResourceSpec = {
	value: 'stock',
	noun: 'stock record',
	method: 'catalog.storeproduct',
	id: { name: 'stockId', label: 'Stock Record ID' },
	keys: { one: 'storeProduct', many: 'storeProducts', written: 'storeProduct' },
	quickFilters: [
		{
			name: 'productId',
			label: 'Product ID',
			description: 'Only the stock of this product',
			key: 'productId',
			type: 'id',
		},
		{
			name: 'storeId',
			label: 'Store ID',
			description: 'Only what this store holds',
			key: 'storeId',
			type: 'id',
		},
		{
			name: 'amountBelow',
			label: 'Amount Below',
			description: 'Only stock of less than this amount (low stock)',
			key: '<amount',
			type: 'number',
		},
		{
			name: 'amountAbove',
			label: 'Amount Above',
			description: 'Only stock of more than this amount',
			key: '>amount',
			type: 'number',
		},
	],
};

export const stock = specResource({
	name: 'Stock',
	about: CATALOG_GUIDE.stock,
	spec: stockSpec,
	crud: READ_ONLY,
	operationDescriptions: {
		get: "Get a product's stock in a store by the stock record's ID",
		getMany: 'List stock by product, by store, or above or below an amount',
	},
});
