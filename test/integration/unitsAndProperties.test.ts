import type { INodeParameters } from 'n8n-workflow';

import { runListSearch, runResourceMapping } from '../harness/listSearch';
import { AUTHENTICATIONS, credentialsFor, locator, mapped } from '../harness/nodeInputs';
import { runNode } from '../harness/runNode';
import { batchCommands, usePortal } from './fixtures';

/**
 * What is special about units, VAT rates, properties and their values: fields Bitrix24 wants on
 * every update, pickers by name, a property's list values in the product form, the enums.
 * (Get, Get Many and Get Fields of each, with both credentials, are in resourceKit.test.ts.)
 */

const portal = usePortal({ catalogDemo: true });

const run = (
	resource: string,
	operation: string,
	extra: INodeParameters,
	items?: Array<Record<string, unknown>>,
) =>
	runNode({
		parameters: { authentication: 'webhook', resource, operation, ...extra } as INodeParameters,
		credentials: credentialsFor(portal.emulator, 'webhook'),
		items,
	});

const editor = (parameters: Record<string, unknown>, filter?: string) => ({
	parameters: { authentication: 'webhook', ...parameters } as INodeParameters,
	credentials: credentialsFor(portal.emulator, 'webhook'),
	filter,
});

/** Every call that reached the portal, a batch's commands one by one: `[method, query]`. */
function callsMade(): Array<[string, Record<string, string>]> {
	return portal.emulator.restCalls().flatMap((call): Array<[string, Record<string, string>]> => {
		if (call.restMethod !== 'batch') {
			return [[String(call.restMethod), call.params as Record<string, string>]];
		}
		return Object.values(call.params.cmd as Record<string, string>).map((command) => {
			const [method, query] = command.split('?');
			return [method, Object.fromEntries(new URLSearchParams(query))];
		});
	});
}

const json = (output: Array<{ json: unknown }>) => output.map((item) => item.json);

describe('VAT Rate → Update', () => {
	it("sends the rate's current name where the item leaves it out", async () => {
		const { output, error } = await run('vat', 'update', {
			vatId: locator('2'),
			fields: mapped({ rate: 12 }, { rate: 'number' }),
			options: { batching: false },
		});
		expect(error).toBeUndefined();
		expect(portal.emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
			['catalog.vat.getFields', {}],
			['catalog.vat.get', { id: 2 }],
			['catalog.vat.update', { id: 2, fields: { name: 'VAT 10%', rate: 12 } }],
		]);
		expect(json(output)).toEqual([expect.objectContaining({ id: 2, name: 'VAT 10%', rate: 12 })]);
	});

	it('reads the rates of many items in one batch and updates them in the next; an item naming both is updated at once', async () => {
		const { output, error } = await run(
			'vat',
			'update',
			{
				vatId: locator('={{ $json.id }}'),
				fields: mapped({ name: '={{ $json.name }}', rate: '={{ $json.rate }}' }),
			},
			[
				{ id: 1, rate: 5 },
				{ id: 2, name: 'Reduced', rate: 7 },
				{ id: 3, name: 'Standard' },
			],
		);
		expect(error).toBeUndefined();
		expect(batchCommands(portal.emulator).map((commands) => commands.length)).toEqual([3, 2]);
		expect(callsMade()).toEqual([
			['catalog.vat.getFields', {}],
			['catalog.vat.get', { id: '1' }],
			['catalog.vat.update', { id: '2', 'fields[name]': 'Reduced', 'fields[rate]': '7' }],
			['catalog.vat.get', { id: '3' }],
			['catalog.vat.update', { id: '1', 'fields[name]': 'VAT 0%', 'fields[rate]': '5' }],
			['catalog.vat.update', { id: '3', 'fields[name]': 'Standard', 'fields[rate]': '20' }],
		]);
		expect(
			output.map((item) => [item.json.id, item.json.name, item.json.rate, item.pairedItem]),
		).toEqual([
			[1, 'VAT 0%', 5, { item: 0 }],
			[2, 'Reduced', 7, { item: 1 }],
			[3, 'Standard', 20, { item: 2 }],
		]);
	});

	it('refuses a bad ID in a later item before anything is sent, the read included', async () => {
		const { error, output } = await run(
			'vat',
			'update',
			{ vatId: locator('={{ $json.id }}'), fields: mapped({ rate: 5 }, { rate: 'number' }) },
			[{ id: 1 }, { id: 'two' }],
		);
		expect(output).toEqual([]);
		expect(error).toMatchObject({
			message: 'VAT Rate ID must be a number, but got "two" [item 1]',
			context: { itemIndex: 1 },
		});
		expect(portal.emulator.requests).toEqual([]);
	});
});

describe('Property Value List', () => {
	it('adds a value to a list property, which the product form then offers', async () => {
		const { output, error } = await run('productPropertyEnum', 'create', {
			propertyId: locator('113'),
			fields: mapped({ value: 'Silk', xmlId: 'silk' }),
		});
		expect(error).toBeUndefined();
		expect(portal.emulator.restCalls('catalog.productPropertyEnum.add')[0].params).toEqual({
			fields: { value: 'Silk', xmlId: 'silk', propertyId: 113 },
		});
		expect(json(output)).toEqual([
			{ def: 'N', id: 1304, propertyId: 113, sort: 500, value: 'Silk', xmlId: 'silk' },
		]);
		const { fields } = await runResourceMapping(
			'getCreateColumns',
			editor({
				resource: 'product',
				operation: 'create',
				productKind: 'product',
				iblockId: locator('23'),
			}),
		);
		expect(fields.find((field) => field.id === 'property113')?.options).toEqual([
			{ name: 'Cotton', value: '1301' },
			{ name: 'Steel', value: '1302' },
			{ name: 'Wool', value: '1303' },
			{ name: 'Silk', value: '1304' },
		]);
	});

	it('sends the current value and XML ID where an update leaves them out', async () => {
		const { output, error } = await run('productPropertyEnum', 'update', {
			valueId: locator('1302'),
			propertyId: locator('113'),
			fields: mapped({ sort: 10 }, { sort: 'number' }),
			options: { batching: false },
		});
		expect(error).toBeUndefined();
		expect(portal.emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
			['catalog.productPropertyEnum.getFields', {}],
			['catalog.productPropertyEnum.get', { id: 1302 }],
			[
				'catalog.productPropertyEnum.update',
				{ id: 1302, fields: { value: 'Steel', xmlId: 'steel', sort: 10, propertyId: '113' } },
			],
		]);
		expect(json(output)).toEqual([
			{ def: 'N', id: 1302, propertyId: 113, sort: 10, value: 'Steel', xmlId: 'steel' },
		]);
	});

	it("lists a property's values", async () => {
		const { output } = await run('productPropertyEnum', 'getMany', {
			propertyId: locator('113'),
			returnAll: true,
		});
		expect(output.map((item) => item.json.value)).toEqual(['Cotton', 'Steel', 'Wool']);
	});

	it('refuses a property that is not a number before anything is sent', async () => {
		const { error } = await run(
			'productPropertyEnum',
			'create',
			{ propertyId: locator('={{ $json.property }}'), fields: mapped({ value: 'A', xmlId: 'a' }) },
			[{ property: 113 }, { property: 'Material' }],
		);
		expect(error).toMatchObject({
			message: 'Property must be a number, but got "Material" [item 1]',
			context: { itemIndex: 1 },
		});
		expect(portal.emulator.requests).toEqual([]);
	});
});

describe('pickers', () => {
	it('picks a list property among every catalog’s while no catalog is chosen', async () => {
		const found = await runListSearch(
			'searchListProperties',
			'propertyId',
			editor({ resource: 'productPropertyEnum', operation: 'create' }),
		);
		expect(found).toEqual({ results: [{ name: 'Material (#113)', value: '113' }] });
		expect(portal.emulator.restCalls()[0].params).toEqual({
			select: ['id', 'name'],
			filter: { propertyType: 'L' },
			order: { name: 'ASC' },
			start: 0,
		});
	});

	it("picks a list value by its text among the chosen property's", async () => {
		const found = await runListSearch(
			'searchListValues',
			'valueId',
			editor(
				{ resource: 'productPropertyEnum', operation: 'update', propertyId: locator('113') },
				'st',
			),
		);
		expect(found).toEqual({ results: [{ name: 'Steel (#1302)', value: '1302' }] });
		expect(portal.emulator.restCalls()[0].params).toEqual({
			select: ['id', 'value'],
			filter: { propertyId: 113, '%value': 'st' },
			order: { value: 'ASC' },
			start: 0,
		});
	});

	it('picks a unit of measure by its title and a VAT rate by its name', async () => {
		const units = await runListSearch(
			'searchMeasures',
			'measureId',
			editor({ resource: 'measure', operation: 'get' }, 'kilo'),
		);
		expect(units).toEqual({ results: [{ name: 'Kilogram (#4)', value: '4' }] });
		const rates = await runListSearch(
			'searchVatRates',
			'vatId',
			editor({ resource: 'vat', operation: 'get' }, '20'),
		);
		expect(rates).toEqual({ results: [{ name: 'VAT 20% (#3)', value: '3' }] });
	});
});

describe('Product Property', () => {
	it("offers a property's type and list look as choices in the Create form", async () => {
		const { fields } = await runResourceMapping(
			'getCreateColumns',
			editor({ resource: 'productProperty', operation: 'create', iblockId: locator('23') }),
		);
		const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
		expect(fields.slice(0, 2).map((field) => [field.id, field.required])).toEqual([
			['name', true],
			['propertyType', true],
		]);
		expect(byId.propertyType.options?.map((option) => option.value)).toEqual([
			'N',
			'S',
			'L',
			'F',
			'E',
			'G',
		]);
		expect(byId.listType).toMatchObject({ type: 'options' });
		expect(byId.multiple).toMatchObject({ type: 'boolean' });
		expect(byId).not.toHaveProperty('iblockId');
	});

	it('creates a property in the chosen catalog and updates it with the catalog sent along', async () => {
		const created = await run('productProperty', 'create', {
			iblockId: locator('23'),
			fields: mapped({ name: 'Size', propertyType: 'L' }),
		});
		expect(created.error).toBeUndefined();
		expect(portal.emulator.restCalls('catalog.productProperty.add')[0].params).toEqual({
			fields: { name: 'Size', propertyType: 'L', iblockId: 23 },
		});
		const id = created.output[0].json.id as number;
		const updated = await run('productProperty', 'update', {
			propertyId: locator(String(id)),
			iblockId: locator('23'),
			fields: mapped({ name: 'Sizes' }),
		});
		expect(portal.emulator.restCalls('catalog.productProperty.update')[0].params).toEqual({
			id,
			fields: { name: 'Sizes', iblockId: '23' },
		});
		expect(json(updated.output)).toEqual([
			expect.objectContaining({ id, iblockId: 23, name: 'Sizes', propertyType: 'L' }),
		]);
	});
});

describe('Property Feature and Property Section Settings', () => {
	it('lists the features a property can have, and turns one off with only the switch mapped', async () => {
		const available = await run('productPropertyFeature', 'getAvailable', {
			propertyId: locator('113'),
		});
		expect(json(available.output)).toEqual([
			{
				featureId: 'LIST_PAGE_SHOW',
				featureName: 'Show on the list page of items',
				moduleId: 'iblock',
			},
			{
				featureId: 'DETAIL_PAGE_SHOW',
				featureName: 'Show on the detail page of the item',
				moduleId: 'iblock',
			},
			{ featureId: 'IN_BASKET', featureName: 'Add to the basket properties', moduleId: 'catalog' },
		]);
		portal.emulator.clearRequests();
		const { output, error } = await run('productPropertyFeature', 'update', {
			featureRecordId: locator('5'),
			propertyId: locator('113'),
			fields: mapped({ isEnabled: 'N' }),
			options: { batching: false },
		});
		expect(error).toBeUndefined();
		expect(portal.emulator.restCalls('catalog.productPropertyFeature.update')[0].params).toEqual({
			id: 5,
			fields: {
				moduleId: 'iblock',
				featureId: 'LIST_PAGE_SHOW',
				isEnabled: 'N',
				propertyId: '113',
			},
		});
		expect(json(output)).toEqual([
			{ featureId: 'LIST_PAGE_SHOW', id: 5, isEnabled: 'N', moduleId: 'iblock', propertyId: 113 },
		]);
	});

	it("sets a property's section settings, switches as Y/N", async () => {
		const { output, error } = await run('productPropertySection', 'set', {
			propertyId: locator('113'),
			sectionSettings: { smartFilter: true, displayType: 'K' },
		});
		expect(error).toBeUndefined();
		expect(portal.emulator.restCalls()[0].params).toEqual({
			propertyId: 113,
			fields: { smartFilter: 'Y', displayType: 'K' },
		});
		expect(json(output)).toEqual([
			{
				displayExpanded: 'N',
				displayType: 'K',
				filterHint: null,
				iblockId: '23',
				propertyId: '113',
				sectionId: '0',
				smartFilter: 'Y',
			},
		]);
	});

	it('sends nothing when no setting is given', async () => {
		const { error } = await run('productPropertySection', 'set', {
			propertyId: locator('113'),
			sectionSettings: {},
		});
		expect(error).toMatchObject({
			message: 'Settings: nothing to set [item 0]',
			context: { itemIndex: 0 },
		});
		expect(portal.emulator.requests).toEqual([]);
	});
});

describe('Enum', () => {
	// Not built from a spec, so not in the shared suite: both credentials here.
	it.each(AUTHENTICATIONS)('outputs each rounding type as an item (%s)', async (authentication) => {
		const { output } = await runNode({
			parameters: { authentication, resource: 'enum', operation: 'getRoundTypes' },
			credentials: credentialsFor(portal.emulator, authentication),
		});
		expect(output).toEqual(
			[
				{ id: 1, name: 'Mathematical' },
				{ id: 2, name: 'In Favor of the Store' },
				{ id: 4, name: 'In Favor of the Customer' },
			].map((entry) => ({ json: entry, pairedItem: { item: 0 } })),
		);
	});

	it('outputs each store document type as an item', async () => {
		const { output, error } = await run('enum', 'getStoreDocumentTypes', {});
		expect(error).toBeUndefined();
		expect(json(output)).toEqual([
			{ id: 'A', name: 'Goods Receipt' },
			{ id: 'S', name: 'Goods Acquisition' },
			{ id: 'M', name: 'Goods Transfer Between Warehouses' },
			{ id: 'R', name: 'Goods Return' },
			{ id: 'D', name: 'Goods Write-off' },
		]);
	});
});
