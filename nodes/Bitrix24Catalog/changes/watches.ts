/**
 * What the Changes Trigger can watch, one spec each: the list it reads and how it tells a change.
 * Bitrix24 sends no event for any of these (REST docs, catalog events: products, prices, price
 * types, measures and rounding rules only), so they are polled.
 */

/** Compared with what the last poll saw: the list has no modification time (stock, sections). */
export interface ComparedWay {
	kind: 'compared';
	/** The fields whose values make a change; the row's ID tells rows apart. */
	compared: readonly string[];
}

/** Read since the last poll by modification time (documents, products). */
export interface TimedWay {
	kind: 'timed';
	/**
	 * The times that move when a record changes: each is read with `>=`, and a record found by any
	 * of them counts once. A document's status (conducted, cancelled) has its own time.
	 */
	times: readonly string[];
	/** When the record was made: a record made since the last poll is new. */
	created: string;
}

export interface WatchSpec {
	value: WatchName;
	/** For texts: "stock row". */
	noun: string;
	method: string;
	/** Where the list's rows sit in its result. */
	key: string;
	/** The fields read; the compared fields and times are among them. */
	select: readonly string[];
	way: ComparedWay | TimedWay;
	/** The list needs `filter.iblockId` (the Catalog parameter). */
	byCatalog: boolean;
}

export type WatchName = 'stock' | 'sections' | 'documents' | 'products';

/** What a section is made of, all but its ID and catalog: any of them changing is a change. */
const SECTION_FIELDS = [
	'iblockSectionId',
	'name',
	'xmlId',
	'code',
	'sort',
	'active',
	'description',
	'descriptionType',
] as const;

export const WATCHES: Record<WatchName, WatchSpec> = {
	// Docs: catalog/store-product, data-types.md#catalog_storeproduct: no modification time.
	stock: {
		value: 'stock',
		noun: 'stock row',
		method: 'catalog.storeproduct.list',
		key: 'storeProducts',
		select: ['id', 'productId', 'storeId', 'amount', 'quantityReserved'],
		way: { kind: 'compared', compared: ['amount', 'quantityReserved'] },
		byCatalog: false,
	},
	// Docs: data-types.md#catalog_section lists no modification time.
	sections: {
		value: 'sections',
		noun: 'section',
		method: 'catalog.section.list',
		key: 'sections',
		select: ['id', 'iblockId', ...SECTION_FIELDS],
		way: { kind: 'compared', compared: SECTION_FIELDS },
		byCatalog: true,
	},
	// Docs: data-types.md#catalog_document: dateModify, and dateStatus for conduct and cancel.
	documents: {
		value: 'documents',
		noun: 'document',
		method: 'catalog.document.list',
		key: 'documents',
		select: [
			'id',
			'docType',
			'docNumber',
			'title',
			'status',
			'currency',
			'total',
			'responsibleId',
			'createdBy',
			'modifiedBy',
			'statusBy',
			'dateCreate',
			'dateModify',
			'dateStatus',
			'dateDocument',
			'commentary',
		],
		way: { kind: 'timed', times: ['dateModify', 'dateStatus'], created: 'dateCreate' },
		byCatalog: false,
	},
	// Docs: catalog/product/catalog-product-list.md: `timestampX` is the modification date.
	products: {
		value: 'products',
		noun: 'product',
		method: 'catalog.product.list',
		key: 'products',
		select: ['id', 'iblockId', 'timestampX', 'dateCreate'],
		way: { kind: 'timed', times: ['timestampX'], created: 'dateCreate' },
		byCatalog: true,
	},
};
