/**
 * The kinds of product the catalog keeps, and the method group each has: a simple product
 * `catalog.product.*`, a parent product `catalog.product.sku.*`, a variation
 * `catalog.product.offer.*`, a service `catalog.product.service.*`. The node and the trigger
 * read them from here.
 */
export type ProductKind = 'product' | 'sku' | 'offer' | 'service';

export interface ProductKindMethods {
	/** The group's common prefix: 'catalog.product.sku' (then .add, .get, .list, ...). */
	method: string;
	/** Where results sit: one product (get, getFieldsByFilter), a list, a written product (add, update). */
	keys: { one: string; many: string; written: string };
	/** The word of the group's "... does not exist" for a product it does not read. */
	missing: string;
	/** The type the group makes and describes (`productType` of getFieldsByFilter). */
	type: number;
}

/** Result keys and texts as the method pages show them (docs: catalog/product and its sku, offer, service). */
export const PRODUCT_KIND_METHODS: Readonly<Record<ProductKind, ProductKindMethods>> = {
	product: {
		method: 'catalog.product',
		keys: { one: 'product', many: 'products', written: 'element' },
		missing: 'product',
		type: 1,
	},
	sku: {
		method: 'catalog.product.sku',
		keys: { one: 'sku', many: 'units', written: 'sku' },
		missing: 'product',
		type: 3,
	},
	offer: {
		method: 'catalog.product.offer',
		keys: { one: 'offer', many: 'offers', written: 'offer' },
		missing: 'variation',
		type: 4,
	},
	service: {
		method: 'catalog.product.service',
		keys: { one: 'service', many: 'services', written: 'service' },
		missing: 'service',
		type: 7,
	},
};

/** Product types as the catalog numbers them (REST docs, catalog product events). */
const PRODUCT_TYPES: Record<number, { name: string; kind: ProductKind }> = {
	1: { name: 'Product', kind: 'product' },
	3: { name: 'Product with variations', kind: 'sku' },
	4: { name: 'Variation', kind: 'offer' },
	5: { name: 'Variation without product', kind: 'offer' },
	6: { name: 'Product without variations', kind: 'sku' },
	7: { name: 'Service', kind: 'service' },
};

export function productTypeName(type: number): string {
	return PRODUCT_TYPES[type]?.name ?? `Type ${type}`;
}

/** An unknown or missing type is read as a simple product. */
export function productKindOf(type: number | undefined): ProductKind {
	return (type !== undefined && PRODUCT_TYPES[type]?.kind) || 'product';
}
