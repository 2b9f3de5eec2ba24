import type { IDataObject, INode } from 'n8n-workflow';

import type { Bitrix24Call } from '../../../transport';
import { batchChunks } from '../../../transport/batch';
import { resultShapeError, listResult } from '../../resultShape';
import type { RunContext } from '../../operation';

/** What the node reads of a price: enough to write one back untouched and to tell ranges apart. */
export const PRICE_FIELDS = [
	'id',
	'productId',
	'catalogGroupId',
	'price',
	'currency',
	'extraId',
	'quantityFrom',
	'quantityTo',
];

/** Bitrix24 lists 50 rows a page; a list call names up to this many products. */
const PAGE = 50;
const PRODUCTS_PER_CALL = 50;

const PRICES = listResult('prices');

/** One page of the prices of some products, in id order (so that pages follow on). */
export function pricesCall(filter: IDataObject, start = 0, select = PRICE_FIELDS): Bitrix24Call {
	return {
		method: 'catalog.price.list',
		params: { select, filter, order: { id: 'ASC' }, start },
	};
}

/** A product whose prices are wanted, and the item that wants them (errors name it). */
export interface PricesWanted {
	productId: number;
	itemIndex: number;
}

interface Paged {
	result: { prices: IDataObject[] };
	total?: unknown;
}

/**
 * The prices of many products, each product's complete: one list call names 50 products (an
 * array in the filter is "in" for the price table), calls go 50 to a batch, and the pages past
 * the first follow in one more round, all at once, as the first page tells how many rows there
 * are. A product with more than 50 prices is read whole. Answers each product's prices, or the
 * error its list call failed with.
 */
export async function readProductPrices(
	node: INode,
	run: RunContext,
	wanted: PricesWanted[],
): Promise<Map<number, IDataObject[] | Error>> {
	const groups = batchChunks(wanted, PRODUCTS_PER_CALL);
	const filterOf = (group: PricesWanted[]) => ({
		productId: group.map((product) => product.productId),
	});
	const itemOf = (group: PricesWanted[]) => group[0].itemIndex;
	const read = new Map<number, IDataObject[] | Error>();
	const rows = groups.map((): IDataObject[] => []);
	const failed = new Map<number, Error>();
	const take = (groupIndex: number, outcome: { result: unknown } | { error: Error }) => {
		const error =
			'error' in outcome
				? outcome.error
				: resultShapeError(
						node,
						itemOf(groups[groupIndex]),
						'catalog.price.list',
						(outcome.result as Paged).result,
						PRICES,
					);
		if (error) {
			failed.set(groupIndex, error);
			return undefined;
		}
		const paged = (outcome as { result: Paged }).result;
		// A row moved by a change between two pages could come twice: once is kept.
		const seen = new Set(rows[groupIndex].map((row) => String(row.id)));
		rows[groupIndex].push(...paged.result.prices.filter((row) => !seen.has(String(row.id))));
		return paged;
	};

	const page = (group: PricesWanted[], start = 0) => ({
		...pricesCall(filterOf(group), start),
		withPaging: true,
	});
	const first = await run.sendAll(
		groups.map((group) => page(group)),
		groups.map(itemOf),
	);
	const more: Array<{ groupIndex: number; start: number }> = [];
	first.forEach((outcome, groupIndex) => {
		const paged = take(groupIndex, outcome);
		const total = Number(paged?.total ?? 0);
		for (let start = PAGE; start < total; start += PAGE) more.push({ groupIndex, start });
	});
	if (more.length > 0) {
		const pages = await run.sendAll(
			more.map(({ groupIndex, start }) => page(groups[groupIndex], start)),
			more.map(({ groupIndex }) => itemOf(groups[groupIndex])),
		);
		pages.forEach((outcome, index) => take(more[index].groupIndex, outcome));
	}

	groups.forEach((group, groupIndex) => {
		const error = failed.get(groupIndex);
		for (const { productId } of group) {
			read.set(
				productId,
				error ?? rows[groupIndex].filter((row) => Number(row.productId) === productId),
			);
		}
	});
	return read;
}
