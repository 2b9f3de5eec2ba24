import type { Portal } from '../portal';
import type { StoredRecord } from '../recordStore';
import { STORE_TABLE } from './catalogStore';
import { findStockRow, setStock, totalStock } from './catalogStoreProduct';
import { recordsOf } from './recordTable';

/**
 * What conducting an inventory document does to stock, and what cancelling it undoes. The types
 * as `catalog.enum.getStoreDocumentTypes` lists them: A receipt, S acquisition and R return bring
 * goods into `storeTo`, M moves them from `storeFrom` to `storeTo`, D writes them off `storeFrom`.
 */
const INTO = new Set(['A', 'S', 'R', 'M']);
const OUT_OF = new Set(['M', 'D']);

interface Move {
	productId: number;
	storeId: number;
	delta: number;
}

function productLabel(portal: Portal, productId: number): string {
	return `#${productId} (${portal.product(productId)?.name ?? 'unknown'})`;
}

/** The changes an item makes when its document is conducted (`way` 1) or cancelled (`way` -1). */
function movesOf(
	portal: Portal,
	document: StoredRecord,
	item: StoredRecord,
	way: 1 | -1,
): Move[] | string {
	const productId = Number(item.elementId);
	const amount = Number(item.amount);
	if (!portal.product(productId) || !(amount > 0)) {
		return `Incorrect quantity of goods ${productLabel(portal, productId)} in the warehouse accounting document`;
	}
	const type = String(document.docType);
	const moves: Move[] = [];
	for (const [applies, store, sign] of [
		[INTO.has(type), item.storeTo, 1],
		[OUT_OF.has(type), item.storeFrom, -1],
	] as const) {
		if (!applies) continue;
		if (!store)
			return `The warehouse is not specified for goods ${productLabel(portal, productId)}`;
		moves.push({
			productId,
			storeId: Number(store),
			delta: sign * way * amount,
		});
	}
	return moves;
}

/**
 * Conducts (`way` 1) or cancels (`way` -1) a document's items on the stock: every item is checked
 * first, so a refused document changes nothing. Answers the refusal's text, or undefined.
 */
export function moveStock(portal: Portal, document: StoredRecord, way: 1 | -1): string | undefined {
	const items = portal.records
		.of('catalog.document.element')
		.all()
		.filter((item) => item.docId === document.id);
	if (items.length === 0) return 'There are no goods in the document';
	const moves: Move[] = [];
	for (const item of items) {
		const found = movesOf(portal, document, item, way);
		if (typeof found === 'string') return found;
		moves.push(...found);
	}
	const after = new Map<string, { move: Move; amount: number }>();
	for (const move of moves) {
		const key = `${move.productId}/${move.storeId}`;
		const amount =
			after.get(key)?.amount ??
			Number(findStockRow(portal, move.productId, move.storeId)?.amount ?? 0);
		after.set(key, { move, amount: amount + move.delta });
	}
	for (const { move, amount } of after.values()) {
		if (amount < 0) {
			const store = recordsOf(portal, STORE_TABLE).get(move.storeId);
			return `Insufficient quantity of goods ${productLabel(portal, move.productId)} in the warehouse "${String(store?.title ?? move.storeId)}"`;
		}
	}
	for (const { move, amount } of after.values()) {
		setStock(portal, move.productId, move.storeId, amount);
	}
	// Under inventory management a product's quantity is what its stores hold.
	for (const productId of new Set(moves.map((move) => move.productId))) {
		portal.updateProduct(productId, {
			fields: { quantity: totalStock(portal, productId) },
		});
	}
	return undefined;
}
