import { CATALOG_GUIDE } from '../../guide';
import { PLAIN_CRUD } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';
import { replaceProductPrices } from './replaceProductPrices.operation';
import { setProductPrices } from './setProductPrices.operation';

/** Products' prices (`catalog.price.*`): one per product and price type, in a currency. */
export const priceSpec: ResourceSpec = {
	value: 'price',
	noun: 'price',
	method: 'catalog.price',
	id: { name: 'priceId', label: 'Price ID' },
	keys: { one: 'price', many: 'prices', written: 'price' },
};

export const price = specResource({
	name: 'Price',
	about: CATALOG_GUIDE.prices,
	spec: priceSpec,
	crud: PLAIN_CRUD,
	operationDescriptions: { getMany: 'List prices (filter on productId for one product)' },
	default: 'setProductPrices',
	custom: {
		setProductPrices: {
			operation: setProductPrices,
			label: {
				name: 'Set Product Prices',
				description: "Set a product's prices by price type, keeping its other prices unless asked",
				action: "Set a product's prices",
			},
		},
		replaceProductPrices: {
			operation: replaceProductPrices,
			label: {
				name: 'Replace Product Prices',
				description:
					"Replace all of a product's prices with those given (Bitrix24's modify: it deletes them first)",
				action: "Replace a product's prices",
			},
		},
	},
});
