import type { INodePropertyOptions } from 'n8n-workflow';

/** What a catalog event is about, and the key its ID gets in the trigger's output. */
interface CatalogEntity {
	code: string;
	label: string;
	idKey: string;
}

const ENTITIES: readonly CatalogEntity[] = [
	{ code: 'PRODUCT', label: 'Product', idKey: 'productId' },
	{ code: 'PRICE', label: 'Price', idKey: 'priceId' },
	{ code: 'PRICE.TYPE', label: 'Price Type', idKey: 'priceTypeId' },
	{ code: 'MEASURE', label: 'Measure', idKey: 'measureId' },
	{ code: 'ROUNDING', label: 'Rounding Rule', idKey: 'roundingRuleId' },
];

const ACTIONS = [
	{ code: 'ADD', label: 'Created' },
	{ code: 'UPDATE', label: 'Updated' },
	{ code: 'DELETE', label: 'Deleted' },
] as const;

/** The events a product can be fetched for: after a delete there is nothing left to fetch. */
export const PRODUCT_DETAIL_EVENTS = ['CATALOG.PRODUCT.ON.ADD', 'CATALOG.PRODUCT.ON.UPDATE'];

/** Every catalog event, by its Bitrix24 code (`CATALOG.PRODUCT.ON.UPDATE`). */
const EVENTS = new Map(
	ENTITIES.flatMap((entity) =>
		ACTIONS.map((action) => [
			`CATALOG.${entity.code}.ON.${action.code}`,
			{ entity, name: `${entity.label} ${action.label}` },
		]),
	),
);

export const EVENT_OPTIONS: INodePropertyOptions[] = [...EVENTS.entries()]
	.map(([code, { name }]) => ({ name, value: code, description: code }))
	.sort((a, b) => a.name.localeCompare(b.name));

/** `productId` for product events, `priceId` for price events, and so on. */
export function idKeyOf(code: string): string {
	return EVENTS.get(code)?.entity.idKey ?? 'id';
}

/**
 * How the catalog reads a product: a simple one with catalog.product.get, the others with their
 * own method (catalog.product.sku.get, .offer.get, .service.get), as the event pages say.
 */
export type ProductKind = 'product' | 'sku' | 'offer' | 'service';

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
