import type { IDataObject, INode } from 'n8n-workflow';

import type { Bitrix24Call, CallOutcome } from '../../../../transport';
import type { ItemContext } from '../../../operation';
import type { ListRequest } from '../../../kit/paging';
import { allRows, firstPage } from '../../../kit/paging';
import { PRICE_FIELDS } from '../../price/productPrices';
import type { SyncSettings, WantedProduct } from './wanted';

/** How the sync reaches the portal: one call, or many in batches of 50. */
export interface Sender {
	send(call: Bitrix24Call): Promise<unknown>;
	sendAll(calls: Bitrix24Call[]): Promise<CallOutcome[]>;
	mayBatch(call: Bitrix24Call): boolean;
}

/** The catalog as it stands, read in bulk before anything is compared. */
export interface PortalState {
	products: IDataObject[];
	/** The variations catalog, where the sync reads it, and its variations. */
	variationsIblockId?: number;
	variations: IDataObject[];
	priceTypes: IDataObject[];
	stores: IDataObject[];
	sections: IDataObject[];
	/** Prices of the price types the feed names, by product ID. */
	prices: Map<number, IDataObject[]>;
	/** What the feed's stores hold, by product ID, then store ID. */
	stock: Map<number, Map<number, number>>;
	/** Inventory management: stock changes only through documents. Undefined: the feed has no stock. */
	inventoryManagement?: boolean;
	/** The user the documents are made out to. */
	userId?: number;
}

/**
 * Every page of every list after the first goes 50 pages to a request (the pages of a sync are
 * the whole catalog, so no smaller batch is worth its request).
 */
const WHOLE = 1e9;

function list(method: string, key: string, select: string[], filter: IDataObject = {}): ListRequest {
	return { method, key, select, filter, order: {}, limit: WHOLE };
}

async function rowsOf(node: INode, request: ListRequest, first: unknown, portal: Sender): Promise<IDataObject[]> {
	// allRows asks only for these of an item's context: the reads belong to the run, not an item.
	const context = { itemIndex: 0, ...portal } as unknown as ItemContext;
	return await allRows(node, request, first, context);
}

function resultOf(outcome: CallOutcome): unknown {
	if ('error' in outcome) throw outcome.error;
	return outcome.result;
}

/**
 * The fields the product list reads: the key, what the feed maps, and what the sync compares;
 * of the variations (`variations`), their parent link and their own fingerprints.
 */
export function productSelect(settings: SyncSettings, wanted: WantedProduct[], variations = false): string[] {
	const names = new Set(['id', 'iblockId', 'type', 'xmlId', 'code', 'name', 'active', 'quantity', settings.keyField]);
	for (const product of wanted) {
		if ((product.parentKeyMatch !== undefined) !== variations) continue;
		for (const name of Object.keys(product.fields)) names.add(name);
	}
	const fingerprints = variations ? settings.variationFingerprintProperty : settings.fingerprintProperty;
	if (fingerprints) names.add(fingerprints);
	if (variations) names.add('parentId');
	else names.add('iblockSectionId');
	if (settings.scope.kind === 'marker' && !variations) names.add(settings.scope.field);
	return [...names];
}

/**
 * Reads what the sync compares, in as few requests as the lists allow: the small lists and the
 * first page of products (and sections) in one batch, then every list's further pages 50 to a
 * request, the lists side by side; the prices only of the price types named, the stock only of
 * the stores named.
 */
export async function readPortalState(
	node: INode,
	portal: Sender,
	settings: SyncSettings,
	wanted: WantedProduct[],
	variationsIblockId?: number,
): Promise<PortalState> {
	const withPrices = wanted.some((product) => product.prices.length > 0);
	const withStock = wanted.some((product) => product.stock.length > 0);
	const withSections = wanted.some((product) => product.section);
	const products = list('catalog.product.list', 'products', productSelect(settings, wanted), { iblockId: settings.iblockId });
	const priceTypes = list('catalog.priceType.list', 'priceTypes', ['id', 'name', 'base']);
	const stores = list('catalog.store.list', 'stores', ['id', 'title']);
	const sections = list('catalog.section.list', 'sections', ['id', 'name', 'iblockSectionId'], { iblockId: settings.iblockId });
	const calls: Array<[string, Bitrix24Call]> = [
		['products', firstPage(products)],
		...(withPrices ? [['priceTypes', firstPage(priceTypes)] as [string, Bitrix24Call]] : []),
		...(withStock
			? ([
					['stores', firstPage(stores)],
					['mode', { method: 'catalog.document.mode.status', params: {} }],
					['profile', { method: 'profile', params: {} }],
				] as Array<[string, Bitrix24Call]>)
			: []),
		...(withSections ? [['sections', firstPage(sections)] as [string, Bitrix24Call]] : []),
	];
	const outcomes = await portal.sendAll(calls.map(([, call]) => call));
	const first = new Map(calls.map(([name], index) => [name, outcomes[index]]));
	const rest = async (name: string, request: ListRequest) =>
		first.has(name) ? await rowsOf(node, request, resultOf(first.get(name) as CallOutcome), portal) : [];
	// The variations' first page waits for nothing but a request of its own.
	const variations = variationsIblockId === undefined
		? undefined
		: list('catalog.product.offer.list', 'offers', productSelect(settings, wanted, true), { iblockId: variationsIblockId });
	const [productRows, priceTypeRows, storeRows, sectionRows, variationRows] = await Promise.all([
		rest('products', products),
		rest('priceTypes', priceTypes),
		rest('stores', stores),
		rest('sections', sections),
		variations ? (async () => await rowsOf(node, variations, await portal.send(firstPage(variations)), portal))() : [],
	]);
	const state: PortalState = {
		products: productRows,
		variationsIblockId,
		variations: variationRows,
		priceTypes: priceTypeRows,
		stores: storeRows,
		sections: sectionRows,
		prices: new Map(),
		stock: new Map(),
	};
	if (withStock) {
		state.inventoryManagement = resultOf(first.get('mode') as CallOutcome) === 'Y';
		state.userId = Number((resultOf(first.get('profile') as CallOutcome) as IDataObject)?.ID);
	}
	return state;
}

/**
 * The prices of the price types and the stock of the stores the feed names, once they are
 * resolved: two lists read side by side, each 50 pages to a request.
 */
export async function readPricesAndStock(
	node: INode,
	portal: Sender,
	state: PortalState,
	priceTypeIds: number[],
	storeIds: number[],
): Promise<void> {
	const prices = list('catalog.price.list', 'prices', PRICE_FIELDS, { catalogGroupId: priceTypeIds });
	const stock = list('catalog.storeproduct.list', 'storeProducts', ['id', 'productId', 'storeId', 'amount'], { storeId: storeIds });
	const wanted: Array<[ListRequest, boolean]> = [
		[prices, priceTypeIds.length > 0],
		[stock, storeIds.length > 0 && state.inventoryManagement === true],
	];
	const asked = wanted.filter(([, needed]) => needed).map(([request]) => request);
	if (asked.length === 0) return;
	const firsts = await portal.sendAll(asked.map(firstPage));
	const rows = await Promise.all(asked.map(async (request, index) => await rowsOf(node, request, resultOf(firsts[index]), portal)));
	asked.forEach((request, index) => {
		for (const row of rows[index]) {
			const productId = Number(row.productId);
			if (request === prices) {
				const list = state.prices.get(productId) ?? [];
				list.push(row);
				state.prices.set(productId, list);
			} else {
				const stores = state.stock.get(productId) ?? new Map<number, number>();
				stores.set(Number(row.storeId), Number(row.amount ?? 0));
				state.stock.set(productId, stores);
			}
		}
	});
}
