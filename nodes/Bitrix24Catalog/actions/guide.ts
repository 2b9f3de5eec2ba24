import type { IBuilderHint, INodeProperties } from 'n8n-workflow';

/**
 * The catalog's traps, a sentence each: the fields they concern show them as their descriptions
 * (and as hints for n8n's AI builder), and the node's builder hint names them all, so a user and
 * an AI agent read the same words.
 */
export const CATALOG_GUIDE = {
	kinds:
		'Bitrix24 keeps four kinds of product, each served by its own methods: Simple Product (type 1), Parent Product (types 3 and 6, with or without variations), Variation (types 4 and 5, in the variations catalog) and Service (type 7).',
	prices:
		'Prices are not product fields: read and write them with the Price resource (Set Product Prices for one product), never through a product\'s Create or Update.',
	properties:
		'A property value is the field propertyN, N the property\'s ID (the form shows its name beside it; Product Property → Get Many gives the ID of a property code); a list property takes the ID of its value.',
	stock:
		'Stock is read-only: quantities change only through inventory documents (Inventory Document → Create, add Document Items, then Conduct).',
	xmlId:
		'To find a product by its XML ID (the external code), use Product → Get Many with a filter on xmlId equal to it; Get takes only the Bitrix24 ID.',
	paging:
		'Return All reads the list by ID, page after page without counting the total, the fast way on large catalogs; sorting by another field with a Limit pages by position and is slower.',
} as const;

/** Where n8n's AI workflow builder learns how the catalog works before it places the node. */
export const builderHint: IBuilderHint = {
	searchHint: [
		'Bitrix24 product catalog: products, prices, stock, inventory documents, images.',
		CATALOG_GUIDE.kinds,
		CATALOG_GUIDE.prices,
		CATALOG_GUIDE.properties,
		CATALOG_GUIDE.stock,
		CATALOG_GUIDE.xmlId,
		CATALOG_GUIDE.paging,
	].join(' '),
	relatedNodes: [
		{
			nodeType: 'n8n-nodes-bitrix24-catalog.bitrix24CatalogTrigger',
			relationHint: 'Starts a workflow when products, prices, price types, units or rounding rules change',
		},
	],
};

/** A field's description and its hint for n8n's AI builder, the same words (none without text). */
export function explained(text: string | undefined): Pick<INodeProperties, 'description' | 'builderHint'> {
	return text ? { description: text, builderHint: { propertyHint: text } } : {};
}
