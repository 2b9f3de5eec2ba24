import type { Product } from './portal';
import type { ProductProperty, SeedPropertyValue } from './propertyStore';

/**
 * The catalog demo (`Bitrix24Emulator.start({ catalogDemo: true })`): properties in both demo
 * catalogs and products of every kind holding fields and property values. Kept apart from the
 * default demo, whose products' answers tests pin field by field.
 */

const property = (
	fields: Pick<ProductProperty, 'id' | 'iblockId' | 'name' | 'propertyType' | 'sort'> &
		Partial<ProductProperty>,
): ProductProperty => ({
	userType: null,
	multiple: false,
	required: false,
	...fields,
});

const PROPERTIES: readonly ProductProperty[] = [
	property({
		id: 110,
		iblockId: 23,
		name: 'Brand',
		propertyType: 'S',
		sort: 100,
	}),
	property({
		id: 111,
		iblockId: 23,
		name: 'Colours',
		propertyType: 'S',
		sort: 110,
		multiple: true,
	}),
	property({
		id: 112,
		iblockId: 23,
		name: 'Warranty, months',
		propertyType: 'N',
		sort: 120,
	}),
	property({
		id: 113,
		iblockId: 23,
		name: 'Material',
		propertyType: 'L',
		sort: 130,
		choices: [
			{ id: 1301, value: 'Cotton', xmlId: 'cotton' },
			{ id: 1302, value: 'Steel', xmlId: 'steel' },
			{ id: 1303, value: 'Wool', xmlId: 'wool' },
		],
	}),
	property({
		id: 120,
		iblockId: 25,
		name: 'Size',
		propertyType: 'S',
		sort: 100,
	}),
	property({
		id: 121,
		iblockId: 25,
		name: 'Colour',
		propertyType: 'S',
		sort: 110,
	}),
];

const CREATED = '2024-10-02T09:00:00+00:00';

const product = (
	id: number,
	name: string,
	type: number,
	fields: Record<string, unknown>,
	iblockId = 23,
): Product => ({
	id,
	iblockId,
	name,
	type,
	active: 'Y',
	fields: { dateCreate: CREATED, timestampX: CREATED, ...fields },
});

const PRODUCTS: readonly Product[] = [
	product(401, 'Coffee grinder', 1, {
		code: 'coffee-grinder',
		sort: 100,
		iblockSectionId: 11,
		previewText: 'Conical burr grinder, 40 settings',
		quantity: 12,
		purchasingPrice: '89.90',
		purchasingCurrency: 'USD',
		weight: 2100,
		vatIncluded: 'Y',
	}),
	{
		...product(402, 'Milk frother', 1, { iblockSectionId: 11, quantity: 0 }),
		active: 'N',
	},
	product(403, 'Hoodie', 3, {
		iblockSectionId: 12,
		detailText: 'Brushed fleece inside',
	}),
	product(
		404,
		'Hoodie, grey, M',
		4,
		{ quantity: 5, purchasingPrice: '25.00', purchasingCurrency: 'USD' },
		25,
	),
	product(
		405,
		'Hoodie, grey, L',
		4,
		{ quantity: 3, purchasingPrice: '25.00', purchasingCurrency: 'USD' },
		25,
	),
	product(
		406,
		'Hoodie, navy, M',
		4,
		{ quantity: 0, purchasingPrice: '27.00', purchasingCurrency: 'USD' },
		25,
	),
	product(407, 'Descaling service', 7, {
		iblockSectionId: 14,
		previewText: 'Descaling and cleaning at the customer',
		measure: 9,
	}),
	product(408, 'Tote bag', 6, { iblockSectionId: 12 }),
];

let valueId = 601;
const values = (productId: number, propertyId: number, ...texts: string[]): SeedPropertyValue => ({
	productId,
	propertyId,
	values: texts.map((value) => ({ valueId: valueId++, value })),
});

const VALUES: readonly SeedPropertyValue[] = [
	values(401, 110, 'Baratza'),
	values(401, 111, 'black', 'white'),
	values(401, 112, '24'),
	values(401, 113, '1302'),
	values(402, 110, 'Aeroccino'),
	values(403, 110, 'North Wear'),
	values(403, 113, '1303'),
	values(404, 97, '403'),
	values(404, 120, 'M'),
	values(404, 121, 'grey'),
	values(405, 97, '403'),
	values(405, 120, 'L'),
	values(405, 121, 'grey'),
	values(406, 97, '403'),
	values(406, 120, 'M'),
	values(406, 121, 'navy'),
	values(408, 113, '1301'),
];

export const CATALOG_DEMO = {
	properties: PROPERTIES,
	products: PRODUCTS,
	values: VALUES,
} as const;
