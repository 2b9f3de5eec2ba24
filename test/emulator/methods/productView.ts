import { DEMO_PRODUCTS_CREATED_AT } from '../demoSeed';
import type { ImageType, Portal, Product, ProductImage } from '../portal';
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

/** One documented field of a product: what it holds, else the portal's default. */
function fieldValue(product: Product, name: string, portal: Portal): unknown {
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
	/** The group's answered fields, without properties. */
	readonly fields: readonly string[];
	private readonly propertiesByCatalog = new Map<number, ReturnType<typeof propertyFields>>();

	constructor(
		kind: ProductKind,
		private readonly portal: Portal,
	) {
		this.fields = shownFields(kind.fields);
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
		if (!property) return fieldValue(product, name, this.portal);
		return comparedProperty(property, this.portal.properties.valuesOf(product.id, property.id));
	}

	/** The product with `fields` (all of them by default), in that order. */
	row(product: Product, fields?: readonly string[]): Record<string, unknown> {
		const properties = this.properties(product.iblockId);
		const wanted = fields ?? this.allFields(product.iblockId);
		return Object.fromEntries(
			wanted.map((name) => {
				const property = properties.get(name);
				const values = property ? this.portal.properties.valuesOf(product.id, property.id) : [];
				return [
					name,
					property ? renderedProperty(property, values) : fieldValue(product, name, this.portal),
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
