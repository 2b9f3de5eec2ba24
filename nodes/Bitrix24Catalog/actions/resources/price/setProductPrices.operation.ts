import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import { listResult } from '../../resultShape';
import { shownFor } from '../../kit/fields';
import type { Operation } from '../../operation';
import { itemsOf } from '../../operation';
import { productIdField } from '../productImage/fields';
import { priceEntriesField, readPriceEntries } from './priceEntries';
import type { PricesInput } from './priceWrites';
import { pricesCall } from './productPrices';
import { setPricesOfItems } from './writePrices';

const OPERATION = 'setProductPrices';
/** Replace Product Prices takes the same Product and Prices. */
const WITH_PRICES = [OPERATION, 'replaceProductPrices'];

const removeOthersField: INodeProperties = {
	displayName: 'Remove Other Prices',
	name: 'removeOtherPrices',
	type: 'boolean',
	default: false,
	description:
		"Whether to delete the product's prices of every price type not given here, once the prices given are set. Off, they are kept as they are.",
	displayOptions: shownFor('price', [OPERATION]),
};

/**
 * The prices of one product by price type. Only the prices given are written, each on its own:
 * updated in place (keeping its markup and quantity range) or added; the product's other prices
 * are never sent back. With Remove Other Prices, the others are then deleted by ID. Currencies
 * are checked against the portal's first; items are read and written in rounds, a product's
 * items one after the other (see writePrices).
 */
export const setProductPrices: Operation<PricesInput> = {
	description: [
		productIdField(WITH_PRICES, 'price'),
		priceEntriesField(WITH_PRICES),
		removeOthersField,
	],
	methods: [
		'catalog.price.list',
		'catalog.price.add',
		'catalog.price.update',
		'catalog.price.delete',
	],
	build(itemIndex) {
		const productId = readId(this, 'productId', 'Product ID', itemIndex);
		const prices = readPriceEntries(this, itemIndex);
		const removeOthers = this.getNodeParameter('removeOtherPrices', itemIndex, false) as boolean;
		// The item's read, were it alone: sendItems reads the prices of many products at once.
		return { call: pricesCall({ productId }), input: { productId, prices, removeOthers } };
	},
	resultShape: listResult('prices'),
	async sendItems(plans, run) {
		return await setPricesOfItems(this, plans, run);
	},
	toItems: (result, _input, { itemIndex }) => itemsOf([result as IDataObject], itemIndex),
};
