import type { IDataObject } from 'n8n-workflow';

import type { ProductKind } from '../../../bitrix24Api/productKinds';
import { PRODUCT_KIND_METHODS } from '../../../bitrix24Api/productKinds';
import { CATALOG_GUIDE } from '../../guide';
import type { RecordKind, ResourceSpec } from '../../kit/spec';
import { measureSpec } from '../measure';
import { vatSpec } from '../vat';
import { publicProduct } from './productFiles';

/** The kinds a user picks, each served by its own method group. */
const KINDS: Array<{ kind: ProductKind; name: string; description: string; only?: IDataObject }> = [
	{
		kind: 'product',
		name: 'Simple Product',
		description: 'A product without variations (type 1)',
		// catalog.product.list lists every kind: a simple product is type 1.
		only: { type: 1 },
	},
	{
		kind: 'sku',
		name: 'Parent Product',
		description: 'A product that has, or may have, variations (types 3 and 6)',
	},
	{
		kind: 'offer',
		name: 'Variation',
		description: 'A variation of a parent product, kept in the variations catalog (types 4 and 5)',
	},
	{ kind: 'service', name: 'Service', description: 'A service (type 7)' },
];

function recordKind({ kind, name, description, only }: (typeof KINDS)[number]): RecordKind {
	const { method, keys, type } = PRODUCT_KIND_METHODS[kind];
	return {
		value: kind,
		name,
		description,
		method,
		keys,
		// catalog.product's own getFieldsByFilter requires the type; the typed groups set theirs.
		describeFilter: { productType: type },
		listFilter: only,
	};
}

/** `property258` (a property of the product's catalog), or `parentId`, a variation's parent link. */
export function isPropertyField(name: string): boolean {
	return /^property\d+$/.test(name) || name === 'parentId';
}

/**
 * Products of every kind (`catalog.product.*`). Get, Update, Delete and Download File take the
 * ID, and by default ("Any Kind") send catalog.product's own method: Bitrix24 serves every kind
 * through it (the typed groups are the same methods narrowed to their types, and a product is
 * answered with the fields of its own type), so 50 items take one batch request. A kind picked
 * sends its group's method, which also refuses a product of another kind. The kind matters most
 * where it decides which group adds a product, lists products, or describes their fields.
 */
export const productSpec: ResourceSpec = {
	value: 'product',
	noun: 'product',
	method: PRODUCT_KIND_METHODS.product.method,
	id: { name: 'productId', label: 'Product ID', searchListMethod: 'searchCatalogProducts' },
	keys: PRODUCT_KIND_METHODS.product.keys,
	parents: [
		{
			name: 'iblockId',
			label: 'Catalog',
			description: 'The catalog the products belong to (variations: the variations catalog)',
			searchListMethod: 'searchCatalogs',
		},
	],
	references: { measure: measureSpec, vatId: vatSpec },
	// Bitrix24 refuses a product list whose select lacks either; `*` is every field.
	requiredSelect: ['id', 'iblockId'],
	defaultSelect: ['*', 'id', 'iblockId'],
	kinds: {
		name: 'productKind',
		label: 'Product Kind',
		description: CATALOG_GUIDE.kinds,
		options: KINDS.map(recordKind),
		// The products of a variations catalog are variations; of any other, simple products.
		kindOfParents: async ({ iblockId }, send) =>
			(await send({ method: 'catalog.catalog.isOffers', params: { id: iblockId } })) === true
				? 'offer'
				: 'product',
	},
	describedByFilter: true,
	guide: {
		fields: `${CATALOG_GUIDE.properties} ${CATALOG_GUIDE.prices}`,
		filters: CATALOG_GUIDE.xmlId,
	},
	isPropertyField,
	present: publicProduct,
};
