import type { Bitrix24Emulator } from '../index';
import type { ReferencePage } from './pages';

/**
 * The pages' requests name records of the portals they were written on (product 1267, section 47,
 * property 258). Here each is pointed at the demo portal's record of the same kind, so the
 * request reaches the code the page documents; the answer's form is compared, never its values.
 */

/** A page's request as the emulator's demo portal can answer it. */
export interface ExampleRequest {
	method: string;
	params: unknown;
	/** Renames documented keys (`property258`) to the demo portal's (`property110`) in the answer too. */
	renamed: Record<string, string>;
	/** Puts the portal into the state the page assumes (a conducted document, inventory management). */
	prepare?(emu: Bitrix24Emulator): Promise<void> | void;
}

interface Adjustment {
	/** Values by dotted path (`fields.productId`), replacing the page's. */
	set?: Record<string, unknown>;
	/** Values by dotted path the demo portal cannot take, left out of the request. */
	omit?: readonly string[];
	/** Keys renamed wherever they occur, in the request and in the documented answer. */
	rename?: Record<string, string>;
	prepare?(emu: Bitrix24Emulator): Promise<void> | void;
}

const inventory = (emu: Bitrix24Emulator) => {
	emu.portal.inventoryManagement = true;
};

/** A call the page's state needs before its own request. */
async function callAs(emu: Bitrix24Emulator, method: string, params: object): Promise<void> {
	await fetch(`${emu.webhookUrl()}${method}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(params),
	});
}

// The demo's second receipt moves goods into store 2: without it the store holds no documents.
const removeStoreItems = (emu: Bitrix24Emulator) =>
	callAs(emu, 'catalog.document.element.delete', { id: 2 });

async function conducted(emu: Bitrix24Emulator): Promise<void> {
	inventory(emu);
	await callAs(emu, 'catalog.document.conductList', { documentIds: [1, 2] });
}

// The catalog demo's string property (Brand) and multiple string property (Colours); the
// variations catalog's Size and Colour.
const PRODUCT_PROPERTIES = { property258: 'property110', property259: 'property111' };
const OFFER_PROPERTIES = {
	property258: 'property120',
	property259: 'property121',
	property261: 'property120',
	property262: 'property121',
};
const PRODUCT_FIELDS = { 'fields.iblockSectionId': 11 };
// The demo products have no VAT rate: the pages' filter on one would leave none.
const PRODUCTS_FILTER = { filter: { iblockId: 23, '>id': 10 } };

/** By page, relative to `api-reference/catalog/`. */
const ADJUSTMENTS: Record<string, Adjustment> = {
	'catalog/catalog-catalog-list.md': { set: { filter: { '>id': 10 } } },
	'document/catalog-document-list.md': { set: { filter: {}, start: 0 } },
	'document/document-element/catalog-document-element-list.md': { set: { filter: { docId: 1 } } },
	'documentcontractor/catalog-documentcontractor-list.md': {
		set: { filter: { documentId: 1 } },
	},
	'price-type/price-type-group/catalog-price-type-group-list.md': { set: { filter: {} } },
	'price/catalog-price-list.md': { set: { 'filter.productId': 101 } },
	'product-property-enum/catalog-product-property-enum-list.md': {
		set: { 'filter.propertyId': 113 },
	},
	'product-property-feature/catalog-product-property-feature-list.md': {
		set: { 'filter.propertyId': 110 },
	},
	'product-property-section/catalog-product-property-section-list.md': {
		set: { 'filter.propertyId': 110 },
	},
	'ratio/catalog-ratio-list.md': { set: { filter: { '@productId': [101, 102] } } },
	'store-product/catalog-store-product-list.md': { set: { 'filter.productId': 101 } },
	'userfield-document/catalog-userfield-document-list.md': {
		set: { 'filter.documentId': 1 },
		prepare: (emu) =>
			callAs(emu, 'catalog.userfield.document.update', {
				documentId: 1,
				fields: { documentType: 'A', field7097: 'Test Field' },
			}),
	},
	'document/catalog-document-cancel-list.md': {
		set: { documentIds: [1, 2] },
		prepare: conducted,
	},
	'document/catalog-document-cancel.md': { set: { id: 1 }, prepare: conducted },
	'document/catalog-document-conduct-list.md': {
		set: { documentIds: [1, 2] },
		prepare: inventory,
	},
	'document/catalog-document-conduct.md': { set: { id: 1 }, prepare: inventory },
	'document/catalog-document-delete-list.md': { set: { documentIds: [1, 2] } },
	'document/catalog-document-delete.md': { set: { id: 1 } },
	'document/catalog-document-update.md': { set: { id: 1, 'fields.responsibleId': 1 } },
	'document/document-element/catalog-document-element-add.md': {
		set: { 'fields.docId': 1, 'fields.elementId': 101, 'fields.storeTo': 1 },
	},
	'document/document-element/catalog-document-element-delete.md': { set: { id: 1 } },
	'document/document-element/catalog-document-element-update.md': {
		set: { id: 1, 'fields.storeTo': 1 },
	},
	'documentcontractor/catalog-documentcontractor-add.md': {
		set: { 'fields.documentId': 1, 'fields.entityTypeId': 3, 'fields.entityId': 9 },
	},
	'documentcontractor/catalog-documentcontractor-delete.md': { set: { id: 1 } },
	'measure/catalog-measure-delete.md': { set: { id: 5 } },
	'measure/catalog-measure-get.md': { set: { id: 5 } },
	'measure/catalog-measure-update.md': { set: { id: 5 } },
	'price-type/price-type-group/catalog-price-type-group-add.md': {
		set: { 'fields.catalogGroupId': 2, 'fields.groupId': 5 },
	},
	'price-type/price-type-group/catalog-price-type-group-delete.md': { set: { id: 1 } },
	'price-type/price-type-lang/catalog-price-type-lang-add.md': {
		set: { 'fields.catalogGroupId': 2, 'fields.lang': 'pl' },
	},
	'price-type/price-type-lang/catalog-price-type-lang-update.md': { set: { id: 1 } },
	'price/catalog-price-modify.md': {
		set: {
			'fields.product.id': 101,
			'fields.product.prices': [
				{ catalogGroupId: 1, currency: 'USD', price: 2001 },
				{ catalogGroupId: 2, currency: 'USD', price: 2001 },
			],
		},
	},
	'product-image/catalog-product-image-add.md': { set: { 'fields.productId': 101 } },
	'product-image/catalog-product-image-delete.md': { set: { productId: 101, id: 1001 } },
	'product-image/catalog-product-image-get.md': { set: { productId: 101, id: 1001 } },
	'product-image/catalog-product-image-list.md': { set: { productId: 101 } },
	'product-property-enum/catalog-product-property-enum-add.md': {
		set: { 'fields.propertyId': 113, 'fields.xmlId': 'average' },
	},
	'product-property-enum/catalog-product-property-enum-delete.md': { set: { id: 1303 } },
	'product-property-enum/catalog-product-property-enum-get.md': { set: { id: 1301 } },
	'product-property-enum/catalog-product-property-enum-update.md': {
		set: { id: 1301, 'fields.propertyId': 113 },
	},
	'product-property-feature/catalog-product-property-feature-add.md': {
		set: { 'fields.propertyId': 112, 'fields.featureId': 'DETAIL_PAGE_SHOW' },
	},
	'product-property-feature/catalog-product-property-feature-get-available-features-by-property.md':
		{ set: { propertyId: 110 } },
	'product-property-feature/catalog-product-property-feature-get.md': { set: { id: 2 } },
	'product-property-feature/catalog-product-property-feature-update.md': {
		set: { id: 2, 'fields.propertyId': 110 },
	},
	'product-property-section/catalog-product-property-section-get.md': {
		set: { propertyId: 110 },
	},
	'product-property-section/catalog-product-property-section-set.md': {
		set: { propertyId: 110 },
	},
	'product-property/catalog-product-property-add.md': { set: { 'fields.iblockId': 23 } },
	'product-property/catalog-product-property-delete.md': { set: { id: 112 } },
	'product-property/catalog-product-property-get.md': { set: { id: 110 } },
	'product-property/catalog-product-property-update.md': {
		set: { id: 113, 'fields.iblockId': 23 },
	},
	'product/catalog-product-get-fields-by-filter.md': { rename: PRODUCT_PROPERTIES },
	'product/sku/catalog-product-sku-get-fields-by-filter.md': { rename: PRODUCT_PROPERTIES },
	'product/catalog-product-add.md': { set: PRODUCT_FIELDS, rename: PRODUCT_PROPERTIES },
	'product/catalog-product-delete.md': { set: { id: 201 } },
	'product/catalog-product-get.md': { set: { id: 101 }, rename: PRODUCT_PROPERTIES },
	'product/catalog-product-list.md': { set: PRODUCTS_FILTER, rename: PRODUCT_PROPERTIES },
	'product/catalog-product-update.md': {
		set: { id: 101, ...PRODUCT_FIELDS },
		rename: PRODUCT_PROPERTIES,
	},
	'product/offer/catalog-product-offer-add.md': {
		set: { 'fields.iblockId': 25, 'fields.parentId': 102 },
		// Variations live outside the product catalog's sections (the page's answer shows null).
		omit: ['fields.iblockSectionId'],
		rename: OFFER_PROPERTIES,
	},
	'product/offer/catalog-product-offer-delete.md': { set: { id: 404 } },
	'product/offer/catalog-product-offer-get-fields-by-filter.md': {
		set: { 'filter.iblockId': 25 },
		rename: OFFER_PROPERTIES,
	},
	'product/offer/catalog-product-offer-get.md': { set: { id: 103 }, rename: OFFER_PROPERTIES },
	'product/offer/catalog-product-offer-list.md': {
		set: { filter: { iblockId: 25 } },
		rename: OFFER_PROPERTIES,
	},
	'product/offer/catalog-product-offer-update.md': {
		// The catalog as text: the update compares it strictly with the stored one (catalogProduct.ts).
		set: { id: 103, 'fields.iblockId': '25' },
		omit: ['fields.iblockSectionId'],
		rename: OFFER_PROPERTIES,
	},
	'product/service/catalog-product-service-add.md': {
		set: PRODUCT_FIELDS,
		rename: PRODUCT_PROPERTIES,
	},
	'product/service/catalog-product-service-delete.md': { set: { id: 104 } },
	'product/service/catalog-product-service-get-fields-by-filter.md': {
		set: { 'filter.iblockId': 23 },
		rename: PRODUCT_PROPERTIES,
	},
	'product/service/catalog-product-service-get.md': {
		set: { id: 104 },
		rename: PRODUCT_PROPERTIES,
	},
	'product/service/catalog-product-service-list.md': {
		set: PRODUCTS_FILTER,
		rename: { property94: 'property110', property95: 'property111' },
	},
	'product/service/catalog-product-service-update.md': {
		set: { id: 104, ...PRODUCT_FIELDS },
		rename: PRODUCT_PROPERTIES,
	},
	'product/sku/catalog-product-sku-add.md': { set: PRODUCT_FIELDS, rename: PRODUCT_PROPERTIES },
	'product/sku/catalog-product-sku-delete.md': { set: { id: 105 } },
	'product/sku/catalog-product-sku-get.md': { set: { id: 102 }, rename: PRODUCT_PROPERTIES },
	'product/sku/catalog-product-sku-list.md': { set: PRODUCTS_FILTER, rename: PRODUCT_PROPERTIES },
	'product/sku/catalog-product-sku-update.md': {
		set: { id: 102, ...PRODUCT_FIELDS },
		rename: PRODUCT_PROPERTIES,
	},
	'section/catalog-section-add.md': {
		set: { 'fields.iblockId': 23, 'fields.iblockSectionId': 12 },
	},
	'section/catalog-section-delete.md': { set: { id: 14 } },
	'section/catalog-section-get.md': { set: { id: 11 } },
	'section/catalog-section-update.md': { set: { id: 11, 'fields.iblockId': 23 } },
	'store/catalog-store-delete.md': { set: { id: 2 }, prepare: removeStoreItems },
	'userfield-document/catalog-userfield-document-update.md': { set: { documentId: 1 } },
	'vat/catalog-vat-delete.md': { set: { id: 3 } },
	'vat/catalog-vat-update.md': { set: { id: 2 } },
};

function isMap(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `value` with `renamed` keys renamed at every depth, and in lists (`select`) too. */
export function renameKeys(value: unknown, renamed: Record<string, string>): unknown {
	if (Array.isArray(value)) return value.map((entry) => renameKeys(entry, renamed));
	if (typeof value === 'string') return renamed[value] ?? value;
	if (!isMap(value)) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, entry]) => [renamed[key] ?? key, renameKeys(entry, renamed)]),
	);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
	const keys = path.split('.');
	let container = target;
	for (const key of keys.slice(0, -1)) {
		if (!isMap(container[key])) container[key] = {};
		container = container[key] as Record<string, unknown>;
	}
	container[keys[keys.length - 1]] = value;
}

export function exampleRequest(page: ReferencePage): ExampleRequest {
	const adjustment = ADJUSTMENTS[page.source.replace(/^api-reference\/catalog\//, '')] ?? {};
	const renamed = adjustment.rename ?? {};
	const params = renameKeys(structuredClone(page.request ?? {}), renamed) as Record<
		string,
		unknown
	>;
	for (const [path, value] of Object.entries(adjustment.set ?? {})) setPath(params, path, value);
	for (const path of adjustment.omit ?? []) setPath(params, path, undefined);
	return { method: page.method, params, renamed, prepare: adjustment.prepare };
}
