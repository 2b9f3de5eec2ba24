import { field, type FieldSpec, type FieldTable } from './fieldTable';

/**
 * The four method groups of the catalog's products, one table each: fields as the group's
 * `getFieldsByFilter` page lists them (titles included) and as the `catalog_product*` object
 * pages show them in answers, result keys as the method pages show them, the product types
 * each group reads and writes, and the text it answers for a product it does not read.
 */

/** Product types: 1 product, 3 parent, 4 variation, 5 variation without parent, 6 parent without variations, 7 service. */
export const PRODUCT_TYPE = {
	product: 1,
	parent: 3,
	variation: 4,
	freeVariation: 5,
	emptyParent: 6,
	service: 7,
} as const;

export interface ProductKind {
	/** `catalog.product`, `catalog.product.sku`, ... */
	prefix: string;
	/** Result keys: get, list, and add/update. */
	keys: { item: string; list: string; saved: string };
	/** Types the group reads; `undefined`: every type (catalog.product.get and .list). */
	types?: readonly number[];
	/** The type a product added through the group gets (before parent links are counted). */
	addedType: number;
	/** The type `getFieldsByFilter` describes. */
	describedType: number;
	/** Whether the group refuses catalogs whose kind does not hold its type (the typed groups do). */
	checksCatalog: boolean;
	/** Code 0 text for an id the group does not read. */
	missing: string;
	fields: FieldTable;
}

/** Every product field, with the product page's titles and flags. */
const FIELDS: Readonly<Record<string, FieldSpec>> = {
	id: field('integer', 'R', 'Identifier'),
	iblockId: field('integer', 'IQ', 'Information Block Identifier'),
	name: field('string', 'Q', 'Name'),
	active: field('char', '', 'Activity'),
	available: field('char', 'R', 'Availability for Purchase'),
	barcodeMulti: field('char'),
	bundle: field('char', 'R', 'Set Availability'),
	canBuyZero: field('char', '', 'Allow Purchase When Out of Stock'),
	code: field('string', '', 'Symbolic Code'),
	createdBy: field('integer', '', 'Created By'),
	dateActiveFrom: field('datetime', '', 'DATE_ACTIVE_FROM'),
	dateActiveTo: field('datetime', '', 'DATE_ACTIVE_TO'),
	dateCreate: field('datetime', '', 'Creation Date'),
	detailPicture: field('file', '', 'Detail Picture'),
	detailText: field('string', '', 'Detailed Description'),
	detailTextType: field('string', '', 'Type of Detailed Description'),
	height: field('double', '', 'Height'),
	iblockSectionId: field('integer', '', 'Main Section'),
	length: field('double', '', 'Length'),
	measure: field('integer', '', 'Unit of Measurement'),
	modifiedBy: field('integer', '', 'Modified By'),
	negativeAmountTrace: field('char', 'R', 'NEGATIVE_AMOUNT_TRACE'),
	previewPicture: field('file', '', 'Preview Picture'),
	previewText: field('string', '', 'Preview Description'),
	previewTextType: field('string', '', 'Type of Preview Description'),
	priceType: field('char', '', 'Payment Type'),
	purchasingCurrency: field('string', '', 'Purchasing Price Currency'),
	purchasingPrice: field('string', '', 'Purchasing Price'),
	quantity: field('double', '', 'Available Quantity'),
	quantityReserved: field('double', '', 'Reserved Quantity'),
	quantityTrace: field('char', '', 'Quantity Accounting Mode'),
	recurSchemeLength: field('integer'),
	recurSchemeType: field('char'),
	sort: field('integer', '', 'Sort Index'),
	subscribe: field('char', '', 'Allow Subscription to Product'),
	timestampX: field('datetime', '', 'Modification Date'),
	trialPriceId: field('integer'),
	type: field('integer', 'R', 'Product Type'),
	vatId: field('integer', '', 'VAT Identifier'),
	vatIncluded: field('char', '', 'VAT Included in Price'),
	weight: field('double', '', 'Weight'),
	width: field('double', '', 'Width'),
	withoutOrder: field('char'),
	xmlId: field('string', '', 'External Code'),
};

/**
 * A group's table from its field names in answer order: `name-` is answered but not in
 * `getFieldsByFilter`, `name+` only in `getFieldsByFilter`; `titles` and `flags` override.
 */
function kindTable(
	names: string,
	overrides: {
		titles?: Record<string, string>;
		flags?: Record<string, string>;
	} = {},
): FieldTable {
	const table: Record<string, FieldSpec> = {};
	for (const entry of names.trim().split(/\s+/)) {
		const name = entry.replace(/[-+]$/, '');
		const base = FIELDS[name];
		const flags = overrides.flags?.[name];
		const spec = flags === undefined ? base : field(base.type, flags, base.title);
		table[name] = {
			...spec,
			...(overrides.titles?.[name] ? { title: overrides.titles[name] } : {}),
			described: !entry.endsWith('-'),
			shown: !entry.endsWith('+'),
		};
	}
	return table;
}

const ELEMENT_HEAD = 'id iblockId name active available code xmlId';
const ELEMENT_DATES =
	'createdBy modifiedBy dateActiveFrom dateActiveTo dateCreate timestampX iblockSectionId';
const ELEMENT_TEXTS =
	'measure previewText detailText previewPicture detailPicture previewTextType detailTextType sort';

// The simple product's order is the catalog_product object page's.
const PRODUCT_FIELDS = kindTable(`
	id iblockId name active available barcodeMulti- bundle canBuyZero code createdBy dateActiveFrom
	dateActiveTo dateCreate detailPicture detailText detailTextType height iblockSectionId length
	measure modifiedBy previewPicture previewText previewTextType purchasingCurrency purchasingPrice
	quantity quantityReserved quantityTrace recurSchemeLength- recurSchemeType- sort subscribe
	timestampX trialPriceId- type vatId vatIncluded weight width withoutOrder- xmlId
	negativeAmountTrace+ priceType+`);

const PARENT_TITLES = {
	canBuyZero: 'Permission to Buy When Out of Stock',
	purchasingCurrency: 'Currency of Purchase Price',
	purchasingPrice: 'Purchase Price',
	subscribe: 'Permission to Subscribe to Product',
};

export const PRODUCT: ProductKind = {
	prefix: 'catalog.product',
	keys: { item: 'product', list: 'products', saved: 'element' },
	addedType: PRODUCT_TYPE.product,
	describedType: PRODUCT_TYPE.product,
	checksCatalog: false,
	missing: 'product does not exist.',
	fields: PRODUCT_FIELDS,
};

export const SKU: ProductKind = {
	prefix: 'catalog.product.sku',
	keys: { item: 'sku', list: 'units', saved: 'sku' },
	types: [PRODUCT_TYPE.parent, PRODUCT_TYPE.emptyParent],
	addedType: PRODUCT_TYPE.emptyParent,
	describedType: PRODUCT_TYPE.parent,
	checksCatalog: true,
	missing: 'The parent product does not exist',
	fields: kindTable(
		`${ELEMENT_HEAD} bundle canBuyZero ${ELEMENT_DATES} ${ELEMENT_TEXTS} subscribe vatId
		vatIncluded height length weight width type purchasingCurrency purchasingPrice quantity priceType+`,
		{ titles: PARENT_TITLES },
	),
};

export const OFFER: ProductKind = {
	prefix: 'catalog.product.offer',
	keys: { item: 'offer', list: 'offers', saved: 'offer' },
	types: [PRODUCT_TYPE.variation, PRODUCT_TYPE.freeVariation],
	addedType: PRODUCT_TYPE.variation,
	describedType: PRODUCT_TYPE.variation,
	checksCatalog: true,
	missing: 'The product variation does not exist',
	fields: kindTable(
		`${ELEMENT_HEAD} barcodeMulti- bundle canBuyZero ${ELEMENT_DATES} ${ELEMENT_TEXTS} subscribe
		vatId vatIncluded height length weight width quantityTrace type purchasingCurrency
		purchasingPrice quantity quantityReserved recurSchemeLength- recurSchemeType- trialPriceId-
		withoutOrder- negativeAmountTrace+ priceType+`,
		{
			titles: {
				canBuyZero: PARENT_TITLES.canBuyZero,
				subscribe: PARENT_TITLES.subscribe,
				sort: 'Sorting Index',
			},
		},
	),
};

export const SERVICE: ProductKind = {
	prefix: 'catalog.product.service',
	keys: { item: 'service', list: 'services', saved: 'service' },
	types: [PRODUCT_TYPE.service],
	addedType: PRODUCT_TYPE.service,
	describedType: PRODUCT_TYPE.service,
	checksCatalog: true,
	missing: 'The service does not exist',
	fields: kindTable(
		`${ELEMENT_HEAD} bundle ${ELEMENT_DATES} measure- previewText detailText previewPicture
		detailPicture previewTextType detailTextType sort vatId vatIncluded type priceType+`,
		// A service's availability is set by hand (catalog/lib/restview/product.php).
		{ flags: { available: '' } },
	),
};

export const PRODUCT_KINDS: readonly ProductKind[] = [PRODUCT, SKU, OFFER, SERVICE];

/** Types a catalog holds: a variations catalog holds variations, a product catalog the rest. */
export function typesOfCatalog(isVariations: boolean): readonly number[] {
	return isVariations
		? [PRODUCT_TYPE.variation, PRODUCT_TYPE.freeVariation]
		: [PRODUCT_TYPE.service, PRODUCT_TYPE.product, PRODUCT_TYPE.parent, PRODUCT_TYPE.emptyParent];
}
