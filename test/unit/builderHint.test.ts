import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Bitrix24Catalog } from '../../nodes/Bitrix24Catalog/Bitrix24Catalog.node';
import { Bitrix24CatalogTrigger } from '../../nodes/Bitrix24Catalog/Bitrix24CatalogTrigger.node';
import { CATALOG_GUIDE } from '../../nodes/Bitrix24Catalog/actions/guide';
import { Bitrix24CatalogOfflineTrigger } from '../../nodes/Bitrix24Catalog/Bitrix24CatalogOfflineTrigger.node';
import { validateNodeDescription } from 'n8n-core/dist/nodes-loader/validate-node-description';

/** What n8n's AI builder and an AI agent read of the node: the catalog's traps, a sentence each. */

const { description } = new Bitrix24Catalog();
const { properties } = description;

/** The field `name` shown for the resource and operation given. */
function field(name: string, resource: string, operation?: string): INodeProperties {
	const found = properties.find(
		({ name: own, displayOptions }) =>
			own === name &&
			(displayOptions?.show?.resource?.includes(resource) ?? true) &&
			(!operation || (displayOptions?.show?.operation?.includes(operation) ?? true)),
	);
	if (!found) throw new Error(`No field ${name} for ${resource} ${operation ?? ''}`);
	return found;
}

const resourceOption = (value: string) =>
	(field('resource', 'product').options as INodePropertyOptions[]).find(
		(option) => option.value === value,
	);

describe('the builder hint: the catalog traps, each a sentence', () => {
	it('names every trap in the hint n8n shows its AI builder when it searches for nodes', () => {
		const hint = description.builderHint?.searchHint ?? '';
		for (const sentence of Object.values(CATALOG_GUIDE)) expect(hint).toContain(sentence);
		expect(hint).toMatch(/^Bitrix24 product catalog/);
		expect(description.builderHint?.relatedNodes).toEqual([
			{
				nodeType: 'n8n-nodes-bitrix24-catalog.bitrix24CatalogTrigger',
				relationHint: expect.stringContaining('products'),
			},
		]);
		// The trigger is one of this package's nodes, under the type the hint names.
		expect(`n8n-nodes-bitrix24-catalog.${new Bitrix24CatalogTrigger().description.name}`).toBe(
			'n8n-nodes-bitrix24-catalog.bitrix24CatalogTrigger',
		);
	});

	it.each([
		['the four product kinds', 'productKind', 'product', 'create', CATALOG_GUIDE.kinds],
		['the four product kinds, any kind too', 'productKindOrAny', 'product', 'getMany', CATALOG_GUIDE.kinds],
		['finding a product by XML ID', 'filters', 'product', 'getMany', CATALOG_GUIDE.xmlId],
	])('explains %s where the user picks it (%s)', (_, name, resource, operation, sentence) => {
		const shown = field(name, resource, operation);
		expect(shown.description).toBe(sentence);
		expect(shown.builderHint).toEqual({ propertyHint: sentence });
	});

	it.each(['create', 'update', 'upsert'])(
		"explains on Product → %s's Fields that properties are propertyN and prices are not fields",
		(operation) => {
			const fields = field('fields', 'product', operation);
			expect(fields.description).toBe(`${CATALOG_GUIDE.properties} ${CATALOG_GUIDE.prices}`);
			expect(fields.builderHint?.propertyHint).toBe(fields.description);
		},
	);

	it('says under Return All how lists are paged, the fast way', () => {
		const returnAll = field('returnAll', 'product', 'getMany');
		expect(returnAll.description).toBe('Whether to return all results or only up to a given limit');
		expect(returnAll.hint).toBe(CATALOG_GUIDE.paging);
		expect(returnAll.builderHint).toEqual({ propertyHint: CATALOG_GUIDE.paging });
	});

	it('says in the Resource list that prices and stock are kept apart from products', () => {
		expect(resourceOption('price')?.description).toBe(CATALOG_GUIDE.prices);
		expect(resourceOption('stock')?.description).toBe(CATALOG_GUIDE.stock);
		expect(resourceOption('inventoryDocument')?.description).toBe(CATALOG_GUIDE.stock);
		expect(resourceOption('product')?.description).toBe(CATALOG_GUIDE.kinds);
	});

	// n8n-core refuses to load a package whose node has a builder hint on Resource, Operation or
	// Mode (its AI builder reads those from the options): the editor would not know the nodes.
	it.each([
		['Bitrix24 Catalog', description],
		['Bitrix24 Catalog Trigger', new Bitrix24CatalogTrigger().description],
		['Bitrix24 Catalog Offline Trigger', new Bitrix24CatalogOfflineTrigger().description],
	])('passes the check n8n-core makes when it loads %s', (_, nodeDescription) => {
		expect(() => validateNodeDescription(nodeDescription)).not.toThrow();
	});

	it('keeps each trap to one sentence', () => {
		for (const sentence of Object.values(CATALOG_GUIDE)) {
			expect(sentence.match(/[.!?](\s|$)/g)).toHaveLength(1);
		}
	});
});
