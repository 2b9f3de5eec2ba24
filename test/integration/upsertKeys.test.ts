import { AUTHENTICATIONS, locator, mapped } from '../harness/nodeInputs';
import { resourceRunner, usePortal } from './fixtures';

describe.each(AUTHENTICATIONS)('Create or Update keys, %s credentials', (authentication) => {
	const portal = usePortal();
	const run = resourceRunner(portal, authentication);
	const upsertProducts = (
		items: Array<Record<string, unknown>>,
		onError?: 'continueRegularOutput',
	) =>
		run(
			'product',
			'upsert',
			{
				productKind: 'product',
				iblockId: locator('23'),
				fields: mapped({ xmlId: '={{ $json.xmlId }}', name: '={{ $json.name }}' }, {}, ['xmlId']),
			},
			items,
			onError,
		);
	const withXmlId = (xmlId: string) =>
		portal.emulator.portal.productsIn(23).filter((product) => product.fields?.xmlId === xmlId);

	it('refuses a second item with the key of an earlier one before anything is sent, naming both', async () => {
		const { error } = await upsertProducts([
			{ xmlId: 'SKU-1', name: 'Kettle' },
			{ xmlId: 'SKU-2', name: 'Toaster' },
			{ xmlId: 'SKU-1', name: 'Kettle, steel' },
		]);
		expect(error).toMatchObject({
			message:
				'Fields: xmlId "SKU-1" is item 0\'s too: one run creates or updates a product once [item 2]',
			description:
				'Items 0 and 2 would both look for the product before either writes: with none there yet, each would create one. Merge them into one item, or send them in separate executions.',
			context: { itemIndex: 2 },
		});
		expect(portal.emulator.requests).toEqual([]);
		expect(withXmlId('SKU-1')).toEqual([]);
	});

	it('with Continue, the first item creates one product and the second is an error item; a later run updates it', async () => {
		const { output } = await upsertProducts(
			[
				{ xmlId: 'SKU-1', name: 'Kettle' },
				{ xmlId: 'sku-1 ', name: 'Kettle, steel' },
			],
			'continueRegularOutput',
		);
		const [created] = withXmlId('SKU-1');
		expect(withXmlId('SKU-1')).toHaveLength(1);
		expect(output).toEqual([
			{
				json: expect.objectContaining({ id: created.id, name: 'Kettle' }),
				pairedItem: { item: 0 },
			},
			{
				json: {
					error:
						'Fields: xmlId "sku-1 " is item 0\'s too: one run creates or updates a product once [item 1]',
				},
				pairedItem: { item: 1 },
			},
		]);
		const again = await upsertProducts([{ xmlId: 'SKU-1', name: 'Kettle, steel' }]);
		expect(again.error).toBeUndefined();
		expect(again.output[0].json).toMatchObject({ id: created.id, name: 'Kettle, steel' });
	});

	it('refuses a section code given twice before anything is sent', async () => {
		const { error } = await run(
			'section',
			'upsert',
			{
				iblockId: locator('23'),
				fields: mapped({ code: '={{ $json.code }}', name: '={{ $json.name }}' }, {}, ['code']),
			},
			[
				{ code: 'lamps', name: 'Lamps' },
				{ code: 'lamps', name: 'Lights' },
			],
		);
		expect(error?.message).toBe(
			'Fields: code "lamps" is item 0\'s too: one run creates or updates a section once [item 1]',
		);
		expect(portal.emulator.requests).toEqual([]);
	});

	it('takes the same key in two catalogs', async () => {
		const { error } = await run(
			'section',
			'upsert',
			{
				iblockId: locator('={{ $json.catalog }}'),
				fields: mapped({ code: 'lamps', name: 'Lamps' }, {}, ['code']),
			},
			[{ catalog: 23 }, { catalog: 25 }],
		);
		expect(error).toBeUndefined();
		expect(portal.emulator.portal.sections.inCatalog(25).map((section) => section.code)).toContain(
			'lamps',
		);
	});

	it.each([
		['abc', 'must be a number, but got "abc"'],
		['11x', 'must be a number, but got "11x"'],
		['-5', 'must be 1 or greater, but got -5'],
		['1.5', 'must be a whole number, but got 1.5'],
	])('refuses %s as an ID to match on before anything is sent', async (id, problem) => {
		const { error } = await run(
			'section',
			'upsert',
			{
				iblockId: locator('23'),
				fields: mapped({ id: '={{ $json.id }}', name: 'Lamps' }, {}, ['id']),
			},
			[{ id }],
		);
		expect(error).toMatchObject({
			message: `Fields: id, the field to match on, ${problem} [item 0]`,
			description:
				'Map the ID of the record to update, a whole number from 1, or match on another field.',
		});
		expect(portal.emulator.requests).toEqual([]);
	});

	it('matched on an ID given as text, updates that section', async () => {
		const { output, error } = await run(
			'section',
			'upsert',
			{
				iblockId: locator('23'),
				fields: mapped({ id: '={{ $json.id }}', name: 'Lamps' }, {}, ['id']),
			},
			[{ id: ' 11 ' }],
		);
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ id: 11, name: 'Lamps' });
		expect(portal.emulator.restCalls('catalog.section.list')[0].params).toMatchObject({
			filter: { iblockId: 23, '=id': 11 },
		});
	});
});
