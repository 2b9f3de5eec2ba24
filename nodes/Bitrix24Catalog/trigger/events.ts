import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

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

/** The triggers' choice of events. */
export const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	default: [],
	options: EVENT_OPTIONS,
	description: 'The catalog changes that start the workflow',
};

/** `productId` for product events, `priceId` for price events, and so on. */
export function idKeyOf(code: string): string {
	return EVENTS.get(code)?.entity.idKey ?? 'id';
}
