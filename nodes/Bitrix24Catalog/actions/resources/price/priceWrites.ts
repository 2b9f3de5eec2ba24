import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemError } from '../../../helpers/itemError';
import type { Bitrix24Call } from '../../../transport';
import type { PriceEntry } from './priceEntries';
import { PRICE_FIELDS, pricesCall } from './productPrices';

/** What one item of Set Product Prices asks for. */
export interface PricesInput {
	productId: number;
	prices: PriceEntry[];
	removeOthers: boolean;
}

/** A write of one price, and the price type it is of. */
export interface PriceWrite {
	catalogGroupId: number;
	call: Bitrix24Call;
}

/**
 * An item's writes, each naming one price only: the prices given, updated in place or added;
 * with Remove Other Prices, the deletes of the others, sent only once those writes are done.
 */
export interface PlannedWrites {
	writes: PriceWrite[];
	removals: PriceWrite[];
}

const sameType = (row: IDataObject, catalogGroupId: number) =>
	Number(row.catalogGroupId) === catalogGroupId;

/**
 * The writes that give the product the item's prices, from its prices as just read. A price type
 * the product has one price of is updated in place (`catalog.price.update` merges the fields given
 * into the stored price, so its markup and quantity range stay: modules/catalog/lib/controller/
 * price.php, `updateAction`); one it has none of is added; one already at that price and
 * currency is left alone. A price type with several prices (quantity ranges) is refused with the
 * item: one price cannot say which range it is for, and setting them all alike would undo the
 * ranges. Prices of other types are never written; Remove Other Prices deletes them by ID.
 */
export function planWrites(
	node: INode,
	input: PricesInput,
	current: IDataObject[],
	itemIndex: number,
): PlannedWrites {
	const writes: PriceWrite[] = [];
	input.prices.forEach((entry, index) => {
		const { catalogGroupId, price, currency } = entry;
		const rows = current.filter((row) => sameType(row, catalogGroupId));
		if (rows.length > 1) throw rangesRefused(node, input.productId, entry, index, rows, itemIndex);
		const [row] = rows;
		if (!row) writes.push({ catalogGroupId, call: addCall(input.productId, entry) });
		else if (Number(row.price) !== price || String(row.currency) !== currency) {
			writes.push({
				catalogGroupId,
				call: {
					method: 'catalog.price.update',
					params: { id: row.id, fields: { price, currency } },
				},
			});
		}
	});
	const removals = input.removeOthers
		? current
				.filter((row) => !input.prices.some((entry) => sameType(row, entry.catalogGroupId)))
				.map((row) => ({
					catalogGroupId: Number(row.catalogGroupId),
					call: { method: 'catalog.price.delete', params: { id: row.id } },
				}))
		: [];
	return { writes, removals };
}

function addCall(productId: number, { catalogGroupId, price, currency }: PriceEntry): Bitrix24Call {
	return {
		method: 'catalog.price.add',
		params: { fields: { productId, catalogGroupId, price, currency } },
		// After a lost resultShape: the price of that type, if one was stored since the add left.
		creates: {
			what: 'price',
			lookup: {
				call: pricesCall({ productId, catalogGroupId }, 0, [...PRICE_FIELDS, 'timestampX']),
				pick: (result, since) => {
					const prices = (result as { prices?: IDataObject[] } | undefined)?.prices ?? [];
					const made = prices.find((row) => Date.parse(String(row.timestampX)) >= since);
					return made ? { price: made } : undefined;
				},
			},
		},
	};
}

function rangesRefused(
	node: INode,
	productId: number,
	entry: PriceEntry,
	index: number,
	rows: IDataObject[],
	itemIndex: number,
): NodeOperationError {
	const range = ({ quantityFrom: from, quantityTo: to }: IDataObject) =>
		to === null || to === undefined ? `${from ?? 1} and more` : `${from ?? 1} to ${to}`;
	const ranges = rows.map((row) => `${range(row)} (price ID ${row.id})`).join(', ');
	return itemError(
		node,
		`Prices: price ${index + 1}: product ${productId} has ${rows.length} quantity ranges of price type ${entry.catalogGroupId}, so one price cannot be set for it`,
		itemIndex,
		`Nothing was written for this item. Its ranges: ${ranges}. Set each range's price with Price → Update and its price ID, or remove the ranges in Bitrix24 first.`,
	);
}

/** The product's prices after the item's writes: as read, with what the writes answered. */
export function pricesAfter(
	current: IDataObject[],
	written: IDataObject[],
	removedIds: unknown[],
): IDataObject[] {
	const byId = new Map(current.map((row) => [String(row.id), row]));
	for (const price of written) byId.set(String(price.id), price);
	for (const id of removedIds) byId.delete(String(id));
	return [...byId.values()].sort(
		(a, b) =>
			Number(a.catalogGroupId) - Number(b.catalogGroupId) ||
			Number(a.quantityFrom ?? 0) - Number(b.quantityFrom ?? 0) ||
			Number(a.id) - Number(b.id),
	);
}
