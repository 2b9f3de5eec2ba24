import type { Portal } from '../portal';
import type { StoredRecord } from '../recordStore';
import { field } from './fieldTable';
import { recordsOf, recordTableMethods, type RecordTableSpec } from './recordTable';

/**
 * catalog.storeproduct.* (what each warehouse holds, read-only: conducted inventory documents
 * change it). Docs: catalog/store-product.
 */
export const STORE_PRODUCT_TABLE: RecordTableSpec = {
	method: 'catalog.storeproduct',
	keys: { one: 'storeProduct', many: 'storeProducts' },
	table: {
		amount: field('double', 'R'),
		id: field('integer', 'R'),
		productId: field('integer', 'R'),
		quantityReserved: field('double', 'R'),
		storeId: field('integer', 'R'),
	},
	// What the demo products hold before any document: the espresso machine in both warehouses.
	seed: [
		{ productId: 101, storeId: 1, amount: 54, quantityReserved: null },
		{ productId: 101, storeId: 2, amount: 3, quantityReserved: null },
	],
	// The page gives this one no code (`"error": ""`).
	notFound: { code: '', text: 'Store product does not exist' },
	methods: ['get', 'list', 'getFields'],
};

/** The stock row of a product in a store, if it has one. */
export function findStockRow(
	portal: Portal,
	productId: number,
	storeId: number,
): StoredRecord | undefined {
	// Indexed by product, so that a document of thousands of goods conducts in a blink.
	return recordsOf(portal, STORE_PRODUCT_TABLE)
		.indexBy('productId')
		.withValue('productId', productId)
		?.find((row) => row.storeId === storeId);
}

/** Sets what a product has in a store, making its row on the first goods that come in. */
export function setStock(portal: Portal, productId: number, storeId: number, amount: number): void {
	const row = findStockRow(portal, productId, storeId);
	if (row) row.amount = amount;
	else
		recordsOf(portal, STORE_PRODUCT_TABLE).add({
			productId,
			storeId,
			amount,
			quantityReserved: null,
		});
}

/** A product's stock over every store: what its `quantity` shows under inventory management. */
export function totalStock(portal: Portal, productId: number): number {
	return recordsOf(portal, STORE_PRODUCT_TABLE)
		.all()
		.filter((row) => row.productId === productId)
		.reduce((sum, row) => sum + Number(row.amount), 0);
}

export const catalogStoreProductMethods = recordTableMethods(STORE_PRODUCT_TABLE);
