import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import type { Bitrix24Call } from '../../../transport';
import { listAnswer, objectAnswer } from '../../answer';
import { shownFor } from '../../kit/fields';
import type { Operation, Stage } from '../../operation';
import { itemsOf } from '../../operation';
import { productIdField } from '../productImage/fields';
import type { PriceEntry } from './priceEntries';
import { priceEntriesField, readPriceEntries } from './priceEntries';

const OPERATION = 'setProductPrices';

interface Input {
	productId: number;
	prices: PriceEntry[];
	removeOthers: boolean;
	/** The product's prices before (keeping the others), once read. */
	current?: IDataObject[];
}

const removeOthersField: INodeProperties = {
	displayName: 'Remove Other Prices',
	name: 'removeOtherPrices',
	type: 'boolean',
	default: false,
	description:
		"Whether to delete the product's prices of every price type not given here, as Bitrix24's catalog.price.modify does. Off, they are kept.",
	displayOptions: shownFor('price', [OPERATION]),
};

const PRICES = listAnswer('prices');

function modifyCall(productId: number, prices: IDataObject[]): Bitrix24Call {
	return {
		method: 'catalog.price.modify',
		params: { fields: { product: { id: productId, prices } } },
	};
}

/**
 * Runs in which a product is in several items must give one price each: each item then writes
 * its own price type only. With more, an item would write back the others' old prices.
 */
const productsOfRun = new WeakMap<object, Map<number, { itemIndex: number; count: number }>>();

function assertOnceOrSingle(context: IExecuteFunctions, input: Input, itemIndex: number): void {
	if (input.removeOthers) return;
	const run = context.getInputData();
	const seen = productsOfRun.get(run) ?? new Map();
	productsOfRun.set(run, seen);
	const earlier = seen.get(input.productId);
	if (
		earlier &&
		earlier.itemIndex !== itemIndex &&
		(earlier.count > 1 || input.prices.length > 1)
	) {
		throw new NodeOperationError(
			context.getNode(),
			`Product ${input.productId} is also in item ${earlier.itemIndex} [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					"Give all of a product's prices in one item, or one price per item: several items with several prices each would write back each other's old prices.",
			},
		);
	}
	seen.set(input.productId, { itemIndex, count: input.prices.length });
}

/** The write after reading: one price added or updated in place, or the whole set with the others as they were. */
function write(input: Input, current: IDataObject[]): Stage<Input> {
	const next = { ...input, current };
	if (input.prices.length === 1) {
		const [{ catalogGroupId, price, currency }] = input.prices;
		const existing = current.find((row) => Number(row.catalogGroupId) === catalogGroupId);
		const call: Bitrix24Call = existing
			? { method: 'catalog.price.update', params: { id: existing.id, fields: { price, currency } } }
			: {
					method: 'catalog.price.add',
					params: { fields: { productId: input.productId, catalogGroupId, price, currency } },
					creates: { what: 'price' },
				};
		return { call, input: next, answer: objectAnswer('price', true) };
	}
	// One call for all of them: modify, which deletes what it is not given, so the others go again as they are.
	const given = new Set(input.prices.map((entry) => entry.catalogGroupId));
	const others = current
		.filter((row) => !given.has(Number(row.catalogGroupId)))
		.map(({ catalogGroupId, price, currency }) => ({ catalogGroupId, price, currency }));
	return {
		call: modifyCall(input.productId, [...input.prices, ...others]),
		input: next,
		answer: PRICES,
	};
}

/** The product's prices after the write: what modify answered, or those read with the one written. */
function pricesAfter(result: unknown, input: Input): IDataObject[] {
	const written = result as { prices?: IDataObject[]; price?: IDataObject };
	if (written.prices) return written.prices;
	const price = written.price as IDataObject;
	const others = (input.current ?? []).filter((row) => String(row.id) !== String(price.id));
	return [...others, price].sort((a, b) => Number(a.catalogGroupId) - Number(b.catalogGroupId));
}

/**
 * The prices of one product by price type. By default only the price types given change: the
 * product's prices are read first, then one price is added or updated in place, or several are
 * written with modify together with the others as they were. With Remove Other Prices, one
 * modify sets exactly the prices given. Reads and writes go in batches across items.
 */
export const setProductPrices: Operation<Input> = {
	description: [
		productIdField([OPERATION], 'price'),
		priceEntriesField([OPERATION]),
		removeOthersField,
	],
	methods: [
		'catalog.price.list',
		'catalog.price.add',
		'catalog.price.update',
		'catalog.price.modify',
	],
	build(itemIndex) {
		const productId = readId(this, 'productId', 'Product ID', itemIndex);
		const prices = readPriceEntries(this, itemIndex);
		const removeOthers = this.getNodeParameter('removeOtherPrices', itemIndex, false) as boolean;
		const input: Input = { productId, prices, removeOthers };
		assertOnceOrSingle(this, input, itemIndex);
		const call: Bitrix24Call = removeOthers
			? modifyCall(productId, prices)
			: {
					method: 'catalog.price.list',
					params: {
						select: ['id', 'catalogGroupId', 'price', 'currency'],
						filter: { productId },
						order: { catalogGroupId: 'ASC' },
					},
				};
		return { call, input };
	},
	answer: PRICES,
	then: (result, input) =>
		input.removeOthers ? undefined : write(input, (result as { prices: IDataObject[] }).prices),
	toItems: (result, input, { itemIndex }) =>
		itemsOf([{ productId: input.productId, prices: pricesAfter(result, input) }], itemIndex),
};
