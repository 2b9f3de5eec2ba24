import type { Catalog, ImageType, Product, User } from './portal';
import type { ProductProperty, SeedPropertyValue } from './propertyStore';
import { type Section, SECTION_DEFAULTS } from './sectionStore';
import { formatBitrixDate } from './time';

/** The demo portal every emulator starts with; tests rely on these IDs. */

export const DEMO_CATALOGS: readonly Catalog[] = [
	{ id: 23, iblockId: 23, name: 'Product catalog', productIblockId: null },
	{
		id: 25,
		iblockId: 25,
		name: 'Product catalog (variations)',
		productIblockId: 23,
		skuPropertyId: 97,
	},
];

// Product types as the catalog numbers them: 1 product, 3 SKU parent, 4 variation,
// 5 variation without a parent, 6 parent without variations, 7 service.
export const DEMO_PRODUCTS: readonly Product[] = [
	{ id: 101, iblockId: 23, name: 'Espresso machine', type: 1, active: 'Y' },
	{ id: 102, iblockId: 23, name: 'T-shirt', type: 3, active: 'Y' },
	{ id: 103, iblockId: 25, name: 'T-shirt, red, M', type: 4, active: 'Y' },
	{ id: 104, iblockId: 23, name: 'Installation', type: 7, active: 'Y' },
	{ id: 105, iblockId: 23, name: 'Gift card', type: 6, active: 'Y' },
	{ id: 106, iblockId: 25, name: 'Spare filter', type: 5, active: 'Y' },
];

const section = (fields: Pick<Section, 'id' | 'name'> & Partial<Section>): Section => ({
	...SECTION_DEFAULTS,
	iblockId: 23,
	...fields,
});

/** The product catalog's sections (new sections get 15, 16, ...). */
export const DEMO_SECTIONS: readonly Section[] = [
	section({
		id: 11,
		name: 'Coffee machines',
		code: 'coffee-machines',
		sort: 100,
	}),
	section({ id: 12, name: 'Clothing', code: 'clothing', sort: 200 }),
	section({
		id: 13,
		name: 'T-shirts',
		code: 't-shirts',
		iblockSectionId: 12,
		sort: 100,
	}),
	section({
		id: 14,
		name: 'Services',
		code: 'services',
		sort: 300,
		description: 'Work done for the customer',
	}),
];

/** The variations catalog's link to the parent product: offers show it as `parentId`. */
export const DEMO_PROPERTIES: readonly ProductProperty[] = [
	{
		id: 97,
		iblockId: 25,
		name: 'Catalog Element',
		propertyType: 'E',
		userType: 'SKU',
		multiple: false,
		required: false,
		sort: 5,
	},
];

/** The red T-shirt (103) is a variation of the T-shirt (102); the spare filter (106) has no parent. */
export const DEMO_PROPERTY_VALUES: readonly SeedPropertyValue[] = [
	{ productId: 103, propertyId: 97, values: [{ valueId: 501, value: '102' }] },
];

/** When the demo products were created (and last changed). */
export const DEMO_PRODUCTS_CREATED_AT = Date.UTC(2024, 9, 1, 8, 0, 0);

/** The same moment as the portal writes it, for the demo's other records (documents, stores). */
export const DEMO_RECORDS_STAMP = formatBitrixDate(new Date(DEMO_PRODUCTS_CREATED_AT));

/** Enough plain products in catalog 23 to page through (`Demo product 1` is id 201, ... 120 is 320). */
export const DEMO_BULK_PRODUCTS: readonly Product[] = Array.from({ length: 120 }, (_, index) => ({
	id: 201 + index,
	iblockId: 23,
	name: `Demo product ${index + 1}`,
	type: 1,
	active: 'Y',
}));

export interface DemoImage {
	id: number;
	productId: number;
	type: ImageType;
	name: string;
}

export const DEMO_IMAGES: readonly DemoImage[] = [
	{
		id: 1001,
		productId: 101,
		type: 'DETAIL_PICTURE',
		name: 'espresso-front.png',
	},
	{
		id: 1002,
		productId: 101,
		type: 'PREVIEW_PICTURE',
		name: 'espresso-preview.png',
	},
	{ id: 1003, productId: 101, type: 'MORE_PHOTO', name: 'espresso-side.png' },
	{ id: 1004, productId: 101, type: 'MORE_PHOTO', name: 'espresso-back.png' },
	{ id: 1005, productId: 102, type: 'MORE_PHOTO', name: 't-shirt-folded.png' },
	{ id: 1006, productId: 103, type: 'DETAIL_PICTURE', name: 't-shirt-red.png' },
	{
		id: 1007,
		productId: 104,
		type: 'MORE_PHOTO',
		name: 'installation-kit.png',
	},
];

/** Seeded images were created one minute apart from this moment. */
export const DEMO_IMAGES_CREATED_FROM = Date.UTC(2024, 9, 15, 9, 0, 0);

const RIGHTS = {
	all: { canModifyCatalog: true, canViewCatalog: true },
	view: { canModifyCatalog: false, canViewCatalog: true },
	none: { canModifyCatalog: false, canViewCatalog: false },
} as const;

export const DEMO_USERS: readonly User[] = [
	{
		id: 1,
		name: 'Anna',
		lastName: 'Admin',
		gender: 'F',
		admin: true,
		...RIGHTS.all,
	},
	{
		id: 7,
		name: 'Victor',
		lastName: 'Viewer',
		gender: 'M',
		admin: false,
		...RIGHTS.view,
	},
	{
		id: 9,
		name: 'Carla',
		lastName: 'Sales',
		gender: 'F',
		admin: false,
		...RIGHTS.view,
	},
	// Has the catalog scope on a webhook but no right in the catalog itself.
	{
		id: 11,
		name: 'Nils',
		lastName: 'Nobody',
		gender: 'M',
		admin: false,
		...RIGHTS.none,
	},
];

export interface DemoWebhook {
	name: string;
	userId: number;
	scopes: readonly string[];
}

export const DEMO_WEBHOOKS: readonly DemoWebhook[] = [
	{ name: 'admin', userId: 1, scopes: ['catalog', 'crm', 'user'] },
	{ name: 'viewer', userId: 7, scopes: ['catalog'] },
	{ name: 'noCatalog', userId: 9, scopes: ['crm'] },
	{ name: 'noAccess', userId: 11, scopes: ['catalog'] },
];
