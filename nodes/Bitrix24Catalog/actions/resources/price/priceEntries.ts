import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readBitrix24Id } from '../../../helpers/ids';
import { itemError } from '../../../helpers/itemError';
import { shownFor } from '../../kit/fields';

/** One price of a product as Bitrix24 takes it: by price type, in a currency. */
export interface PriceEntry extends IDataObject {
	catalogGroupId: number;
	price: number;
	currency: string;
}

const CURRENCY_CODE = /^[A-Za-z]{3}$/;

const priceTypeField: INodeProperties = {
	displayName: 'Price Type',
	name: 'priceType',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The price type, such as retail (the base one) or wholesale',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Search price types by name...',
			typeOptions: { searchListMethod: 'searchPriceTypes', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*\\d+\\s*$',
						errorMessage: 'A price type ID is a whole number, e.g. 1',
					},
				},
			],
		},
	],
};

const currencyField: INodeProperties = {
	displayName: 'Currency',
	name: 'currency',
	type: 'resourceLocator',
	default: { mode: 'code', value: '' },
	required: true,
	description: "The price's currency, one of the portal's currencies",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Choose a currency...',
			typeOptions: { searchListMethod: 'searchCurrencies', searchable: true },
		},
		{
			displayName: 'By Code',
			name: 'code',
			type: 'string',
			placeholder: 'e.g. USD',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[A-Za-z]{3}\\s*$',
						errorMessage: 'A currency code has three letters, e.g. USD',
					},
				},
			],
		},
	],
};

/** The prices an item sets: a price type, a price and a currency each. */
export function priceEntriesField(operations: string[]): INodeProperties {
	return {
		displayName: 'Prices',
		name: 'prices',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Price',
		default: {},
		required: true,
		displayOptions: shownFor('price', operations),
		options: [
			{
				displayName: 'Price',
				name: 'price',
				values: [
					priceTypeField,
					{
						displayName: 'Price',
						name: 'price',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0, numberPrecision: 2 },
						description: 'The price, 0 or more',
					},
					currencyField,
				],
			},
		],
	};
}

/** A resource locator's value, or the value itself where an expression gave one. */
function locatorValue(value: unknown): unknown {
	return value !== null && typeof value === 'object' && '__rl' in value
		? (value as unknown as { value: unknown }).value
		: value;
}

/** A price as a number of 0 or more: numbers, and numeric text from expressions. */
function priceOf(value: unknown): { price: number } | { problem: string } {
	const text = typeof value === 'string' ? value.trim() : value;
	if (text === '' || text === undefined || text === null) return { problem: 'is empty' };
	const price = typeof text === 'number' ? text : typeof text === 'string' ? Number(text) : NaN;
	if (!Number.isFinite(price))
		return { problem: `must be a number, but got ${JSON.stringify(text)}` };
	if (price < 0) return { problem: `must be 0 or more, but got ${price}` };
	return { price };
}

/**
 * The item's prices, each checked: a price type chosen (an ID), a price of 0 or more, a
 * three-letter currency code (upper-cased); each price type once. Errors name the price by its
 * place and the item, before anything is sent.
 */
export function readPriceEntries(context: IExecuteFunctions, itemIndex: number): PriceEntry[] {
	const raw = context.getNodeParameter('prices.price', itemIndex, []) as IDataObject[];
	const fail = (message: string, description: string) =>
		itemError(context.getNode(), message, itemIndex, description);
	if (raw.length === 0) {
		throw fail('Prices: add at least one price', 'Add a price with its price type and currency.');
	}
	const seen = new Map<number, number>();
	return raw.map((entry, index) => {
		const which = `Prices: price ${index + 1}`;
		const type = readBitrix24Id(locatorValue(entry.priceType));
		if ('problem' in type) {
			throw fail(
				type.problem === 'is empty'
					? `${which} has no price type`
					: `${which}: Price Type ${type.problem}`,
				'Choose the price type from the list, or give its ID.',
			);
		}
		const earlier = seen.get(type.id);
		if (earlier !== undefined) {
			throw fail(
				`${which} has the price type of price ${earlier + 1} (ID ${type.id})`,
				'A product has one price per price type: give each price type once.',
			);
		}
		seen.set(type.id, index);
		const price = priceOf(entry.price);
		if ('problem' in price) {
			throw fail(
				`${which}: Price ${price.problem}`,
				'A price is a number of 0 or more, e.g. 19.90.',
			);
		}
		const currency = String(locatorValue(entry.currency) ?? '').trim();
		if (!CURRENCY_CODE.test(currency)) {
			throw fail(
				currency === ''
					? `${which} has no currency`
					: `${which}: Currency must be a three-letter code, but got ${JSON.stringify(currency.slice(0, 20))}`,
				"Give the currency's code, e.g. USD, or choose it from the portal's currencies.",
			);
		}
		return { catalogGroupId: type.id, price: price.price, currency: currency.toUpperCase() };
	});
}
