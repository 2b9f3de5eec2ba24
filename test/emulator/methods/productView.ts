import { DEMO_PRODUCTS_CREATED_AT } from '../demoSeed';
import type { ImageType, Portal, Product, ProductImage } from '../portal';
import { formatBitrixDate } from '../time';
import { pick } from './fieldSelection';

/** The `catalog_product` object `catalog.product.get` and `.list` answer with. */

/** Every field, in the order the documentation lists them. */
export const PRODUCT_FIELDS = [
	'id',
	'iblockId',
	'name',
	'active',
	'available',
	'barcodeMulti',
	'bundle',
	'canBuyZero',
	'code',
	'createdBy',
	'dateActiveFrom',
	'dateActiveTo',
	'dateCreate',
	'detailPicture',
	'detailText',
	'detailTextType',
	'height',
	'iblockSectionId',
	'length',
	'measure',
	'modifiedBy',
	'previewPicture',
	'previewText',
	'previewTextType',
	'purchasingCurrency',
	'purchasingPrice',
	'quantity',
	'quantityReserved',
	'quantityTrace',
	'recurSchemeLength',
	'recurSchemeType',
	'sort',
	'subscribe',
	'timestampX',
	'trialPriceId',
	'type',
	'vatId',
	'vatIncluded',
	'weight',
	'width',
	'withoutOrder',
	'xmlId',
] as const;

// What a product created by hand on a cloud portal holds where the emulator keeps nothing.
const DEFAULTS = {
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
} as const;

const CREATED = formatBitrixDate(new Date(DEMO_PRODUCTS_CREATED_AT));

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

/** The product with every field, in documentation order. */
export function productRow(product: Product, portal: Portal): Record<string, unknown> {
	// Both picture fields come from one scan of the portal's images.
	const images = portal.imagesOf(product.id);
	const row = {
		...DEFAULTS,
		id: product.id,
		iblockId: product.iblockId,
		name: product.name,
		active: product.active,
		code: slug(product.name),
		dateCreate: CREATED,
		detailPicture: picture(images, product, 'DETAIL_PICTURE', 'detailPicture'),
		previewPicture: picture(images, product, 'PREVIEW_PICTURE', 'previewPicture'),
		timestampX: CREATED,
		type: product.type,
		xmlId: String(product.id),
	};
	return pick(row, PRODUCT_FIELDS);
}
