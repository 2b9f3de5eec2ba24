import { DEMO_PRODUCTS_CREATED_AT } from '../demoSeed';
import type { ImageType, Portal, Product, ProductFields, ProductImage } from '../portal';
import { formatBitrixDate } from '../time';
import { shownFields } from './fieldTable';
import { comparedProperty, propertyFields, renderedProperty } from './productProperties';
import type { ProductKind } from './productKinds';

/** Products as the product methods answer them: the group's fields, then property values. */

// What a product created by hand on a cloud portal holds where nothing was given.
const DEFAULTS: Readonly<Record<string, unknown>> = {
	available: 'Y',
	barcodeMulti: 'N',
	bundle: 'N',
	canBuyZero: 'N',
	createdBy: 1,
	dateActiveFrom: null,
	dateActiveTo: null,
	detailText: null,
	detailTextType: 'text',
	height: null,
	iblockSectionId: null,
	length: null,
	measure: 5,
	modifiedBy: 1,
	previewText: null,
	previewTextType: 'text',
	purchasingCurrency: null,
	purchasingPrice: null,
	quantity: 0,
	quantityReserved: 0,
	quantityTrace: 'N',
	recurSchemeLength: null,
	recurSchemeType: null,
	sort: 500,
	subscribe: 'N',
	trialPriceId: null,
	vatId: null,
	vatIncluded: 'N',
	weight: null,
	width: null,
	withoutOrder: null,
};

const CREATED = formatBitrixDate(new Date(DEMO_PRODUCTS_CREATED_AT));

/** The image fields and the image types they show. */
export const PICTURE_FIELDS: Readonly<Record<string, ImageType>> = {
	detailPicture: 'DETAIL_PICTURE',
	previewPicture: 'PREVIEW_PICTURE',
};

function slug(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

/** A picture field points at `catalog.product.download`, as the portal's do. */
function picture(images: ProductImage[], product: Product, type: ImageType, fieldName: string) {
	const image = images.find((candidate) => candidate.type === type);
	if (!image) return null;
	const url =
		`/rest/catalog.product.download?fields%5BfieldName%5D=${fieldName}` +
		`&fields%5BfileId%5D=${image.id}&fields%5BproductId%5D=${product.id}`;
	return { id: String(image.id), url, urlMachine: url };
}

/**
 * Decimal columns (catalog_product.PURCHASING_PRICE, decimal(18,6)): one record's answer prints
 * them as the database holds them, `"1000.000000"`; a list answers the number, `1000`, as the
 * pages' examples of get and list show.
 */
const DECIMALS: ReadonlySet<string> = new Set(['purchasingPrice']);

function decimal(value: unknown, listed: boolean): unknown {
	if (value === null || value === undefined || value === '') return null;
	const number = Number(value);
	return listed ? number : number.toFixed(6);
}

/**
 * What the element and product tables keep of a written value: empty texts are stored as NULL,
 * and an element added without an external code gets its id as one (CIBlockElement::Add), as
 * the add page's example shows (`xmlId: ""` sent, `"1267"` answered).
 */
export function storedValues(fields: ProductFields, adding: boolean): ProductFields {
	const stored = { ...fields };
	for (const name of ['detailText', 'previewText']) if (stored[name] === '') stored[name] = null;
	if (adding && stored.xmlId === '') delete stored.xmlId;
	return stored;
}

/** One documented field of a product: what it holds, else the portal's default. */
function fieldValue(product: Product, name: string, portal: Portal, listed = false): unknown {
	switch (name) {
		case 'id':
		case 'iblockId':
		case 'name':
		case 'active':
		case 'type':
			return product[name];
		case 'detailPicture':
		case 'previewPicture':
			return picture(portal.imagesOf(product.id), product, PICTURE_FIELDS[name], name);
	}
	const stored = product.fields?.[name];
	if (DECIMALS.has(name)) return decimal(stored, listed);
	if (stored !== undefined) return stored;
	if (name === 'code') return slug(product.name);
	if (name === 'xmlId') return String(product.id);
	if (name === 'dateCreate' || name === 'timestampX') return CREATED;
	return DEFAULTS[name] ?? null;
}

/**
 * Reads products field by field, for a group: documented fields and the catalog's properties.
 * Made for one call: it remembers each catalog's properties.
 */
export class ProductView {
	/** The group's answered fields, without properties: a list may select any of them. */
	readonly fields: readonly string[];
	/**
	 * What one record's answer (get, add, update) carries: the fields `getFieldsByFilter` lists.
	 * The others (`barcodeMulti`, `withoutOrder`, ...) only come when a list selects them, as
	 * the pages' get and list examples show.
	 */
	private readonly recordFields: readonly string[];
	private readonly propertiesByCatalog = new Map<number, ReturnType<typeof propertyFields>>();

	constructor(
		kind: ProductKind,
		private readonly portal: Portal,
	) {
		this.fields = shownFields(kind.fields);
		this.recordFields = this.fields.filter((name) => kind.fields[name].described);
	}

	/** The fields a product of `iblockId` is answered with: the group's, then its properties. */
	allFields(iblockId: number): string[] {
		return [...this.fields, ...this.properties(iblockId).keys()];
	}

	/** Whether `name` is a field of products in `iblockId` (filters and `order` ignore others). */
	knows(iblockId: number, name: string): boolean {
		return this.fields.includes(name) || this.properties(iblockId).has(name);
	}

	/** A field as filters and `order` compare it. */
	value(product: Product, name: string): unknown {
		const property = this.properties(product.iblockId).get(name);
		if (!property) return fieldValue(product, name, this.portal, true);
		return comparedProperty(property, this.portal.properties.valuesOf(product.id, property.id));
	}

	/** A list's row with `fields`, in that order, or without them one record's answer. */
	row(product: Product, fields?: readonly string[]): Record<string, unknown> {
		const properties = this.properties(product.iblockId);
		const listed = fields !== undefined;
		const wanted = fields ?? [...this.recordFields, ...properties.keys()];
		return Object.fromEntries(
			wanted.map((name) => {
				const property = properties.get(name);
				const values = property ? this.portal.properties.valuesOf(product.id, property.id) : [];
				return [
					name,
					property
						? renderedProperty(property, values)
						: fieldValue(product, name, this.portal, listed),
				];
			}),
		);
	}

	private properties(iblockId: number): ReturnType<typeof propertyFields> {
		let found = this.propertiesByCatalog.get(iblockId);
		if (!found) {
			found = propertyFields(this.portal, iblockId);
			this.propertiesByCatalog.set(iblockId, found);
		}
		return found;
	}
}
