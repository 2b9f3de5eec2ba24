import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { AUTHENTICATIONS, credentialsFor, locator, mapped } from '../harness/nodeInputs';
import { batchCommands, usePortal } from './fixtures';

describe.each(AUTHENTICATIONS)('Section resource with %s credentials', (authentication) => {
	const portal = usePortal();
	const run = (operation: string, extra: INodeParameters, items?: Array<Record<string, unknown>>) =>
		runNode({
			parameters: { authentication, resource: 'section', operation, ...extra } as INodeParameters,
			credentials: credentialsFor(portal.emulator, authentication),
			items,
		});

	it('creates a section in the chosen catalog, Y/N fields from switches, and outputs it', async () => {
		const { output, error } = await run('create', {
			iblockId: locator('23'),
			fields: mapped(
				{ name: 'Chairs', active: false, sort: 150 },
				{ active: 'boolean', sort: 'number' },
			),
		});
		expect(error).toBeUndefined();
		const created = portal.emulator.portal.sections.inCatalog(23).at(-1)!;
		expect(created).toMatchObject({ name: 'Chairs', active: 'N', sort: 150, iblockId: 23 });
		expect(output).toEqual([
			{
				json: expect.objectContaining({ id: created.id, name: 'Chairs' }),
				pairedItem: { item: 0 },
			},
		]);
		expect(portal.emulator.restCalls('catalog.section.add')[0].params).toEqual({
			fields: { name: 'Chairs', active: 'N', sort: 150, iblockId: 23 },
		});
	});

	it('creates the sections of many items in one batch, each output paired with its item', async () => {
		const names = Array.from({ length: 60 }, (_, index) => `Shelf ${index}`);
		const { output, error } = await run(
			'create',
			{ iblockId: locator('23'), fields: mapped({ name: '={{ $json.name }}' }) },
			names.map((name) => ({ name })),
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.name, item.pairedItem])).toEqual(
			names.map((name, item) => [name, { item }]),
		);
		expect(batchCommands(portal.emulator).map((commands) => commands.length)).toEqual([50, 10]);
	});

	it('gets, updates and deletes a section by its ID', async () => {
		const got = await run('get', { sectionId: locator('11') });
		expect(got.output).toEqual([
			{
				json: expect.objectContaining({ id: 11, name: 'Coffee machines' }),
				pairedItem: { item: 0 },
			},
		]);

		const updated = await run('update', {
			iblockId: locator('23'),
			sectionId: locator('11'),
			fields: mapped({ name: 'Espresso' }),
		});
		expect(updated.error).toBeUndefined();
		expect(portal.emulator.portal.sections.get(11)?.name).toBe('Espresso');
		expect(updated.output[0].json).toMatchObject({ id: 11, name: 'Espresso' });

		const deleted = await run('delete', { sectionId: locator('14') });
		expect(deleted.output).toEqual([{ json: { result: true }, pairedItem: { item: 0 } }]);
		expect(portal.emulator.portal.sections.get(14)).toBeUndefined();
	});

	it("lists a catalog's sections with a filter, and all of many sections in few requests", async () => {
		const filtered = await run('getMany', {
			iblockId: locator('23'),
			returnAll: true,
			filters: { conditions: [{ field: 'name', operator: 'contains', value: 'shirt' }] },
		});
		expect(filtered.output.map((item) => item.json.id)).toEqual([13]);

		for (let index = 0; index < 520; index++)
			portal.emulator.portal.sections.add({ iblockId: 23, name: `Bulk ${index}` });
		portal.emulator.clearRequests();
		const all = await run('getMany', { iblockId: locator('23'), returnAll: true });
		expect(all.error).toBeUndefined();
		const ids = all.output.map((item) => item.json.id as number);
		expect(ids).toEqual(portal.emulator.portal.sections.inCatalog(23).map((section) => section.id));
		expect(ids).toHaveLength(524);
		// The first page alone, then pages chained in batches that grow: 2, 4, then 8 (of which 3 are read).
		expect(portal.emulator.restCalls().map((call) => call.restMethod)).toEqual([
			'catalog.section.list',
			'batch',
			'batch',
			'batch',
		]);
	});

	it('stops at the limit', async () => {
		const { output } = await run('getMany', {
			iblockId: locator('23'),
			returnAll: false,
			limit: 3,
		});
		expect(output.map((item) => item.json.id)).toEqual([11, 12, 13]);
		expect(portal.emulator.restCalls()).toHaveLength(1);
	});

	it('refuses a missing catalog or section ID before sending anything', async () => {
		const list = await run(
			'getMany',
			{ iblockId: locator('={{ $json.catalog }}'), returnAll: true },
			[{ catalog: '' }],
		);
		expect(list.error?.message).toBe('Catalog is empty [item 0]');
		const get = await run('get', { sectionId: locator('={{ $json.section }}') }, [
			{ section: 'abc' },
		]);
		expect(get.error?.message).toBe('Section ID must be a number, but got "abc" [item 0]');
		const create = await run('create', { iblockId: locator('23'), fields: mapped({}) });
		expect(create.error?.message).toBe('Fields: nothing to write [item 0]');
		expect(portal.emulator.requests).toEqual([]);
	});

	it('gives a missing section its Bitrix24 code, as one item with Continue', async () => {
		const { output } = await runNode({
			parameters: {
				authentication,
				resource: 'section',
				operation: 'get',
				sectionId: locator('999'),
			} as INodeParameters,
			credentials: credentialsFor(portal.emulator, authentication),
			onError: 'continueRegularOutput',
		});
		expect(output).toEqual([
			{
				json: {
					error: expect.stringMatching(/^Bitrix24 error /),
					details: expect.objectContaining({ httpCode: '400' }),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('outputs the fields a section has', async () => {
		const { output } = await run('getFields', {});
		expect(output).toHaveLength(1);
		expect(output[0].json.name).toEqual(
			expect.objectContaining({ type: 'string', isRequired: true }),
		);
	});

	describe('Create or Update', () => {
		const feed = [
			{ code: 'coffee-machines', name: 'Coffee makers' },
			{ code: 'lamps', name: 'Lamps' },
			{ code: 'clothing', name: 'Apparel' },
		];
		const upsert = (items = feed, match = 'code') =>
			run(
				'upsert',
				{
					iblockId: locator('23'),
					fields: mapped({ code: '={{ $json.code }}', name: '={{ $json.name }}' }, {}, [match]),
				},
				items,
			);

		it('updates the sections found by the field matched on and creates the others, in two batches', async () => {
			const { output, error } = await upsert();
			expect(error).toBeUndefined();
			const { sections } = portal.emulator.portal;
			const lamps = sections.inCatalog(23).find((section) => section.code === 'lamps')!;
			expect(output.map((item) => [item.json.id, item.json.name, item.pairedItem])).toEqual([
				[11, 'Coffee makers', { item: 0 }],
				[lamps.id, 'Lamps', { item: 1 }],
				[12, 'Apparel', { item: 2 }],
			]);
			expect(sections.get(11)?.name).toBe('Coffee makers');
			const rounds = batchCommands(portal.emulator).map((commands) =>
				commands.map((command) => command.split('?')[0]),
			);
			expect(rounds).toEqual([
				['catalog.section.list', 'catalog.section.list', 'catalog.section.list'],
				['catalog.section.update', 'catalog.section.add', 'catalog.section.update'],
			]);
			// The section fields, read once to check the items', then the two batches.
			expect(portal.emulator.restCalls()).toHaveLength(3);
		});

		it('creates nothing twice when run again', async () => {
			await upsert();
			const count = portal.emulator.portal.sections.inCatalog(23).length;
			await upsert();
			expect(portal.emulator.portal.sections.inCatalog(23)).toHaveLength(count);
		});

		it('finds the created section after a lost answer instead of creating it again', async () => {
			portal.emulator.injectFault({ kind: 'commitThenDrop', method: 'catalog.section.add' });
			const { output, error } = await upsert([{ code: 'lamps', name: 'Lamps' }]);
			expect(error).toBeUndefined();
			const lamps = portal.emulator.portal.sections
				.inCatalog(23)
				.filter((section) => section.code === 'lamps');
			expect(lamps).toHaveLength(1);
			expect(output[0].json).toMatchObject({ id: lamps[0].id, code: 'lamps', name: 'Lamps' });
			expect(
				portal.emulator.restCalls().map((call) => `${call.restMethod} ${call.status}`),
			).toEqual([
				'catalog.section.getFields 200',
				'catalog.section.list 200',
				'catalog.section.add 0',
				'catalog.section.list 200',
			]);
		});

		it('refuses to choose between two sections that match', async () => {
			portal.emulator.portal.sections.add({ iblockId: 23, name: 'Clothing', code: 'clothing-2' });
			const { error } = await upsert([{ code: 'x', name: 'Clothing' }], 'name');
			expect(error?.message).toMatch(
				/^2 sections have name "Clothing" \(12, \d+\): which one to update is unclear \[item 0\]$/,
			);
			expect(portal.emulator.restCalls().map((call) => call.restMethod)).toEqual([
				'catalog.section.getFields',
				'catalog.section.list',
			]);
		});

		it('refuses an item without a value to match on before anything is sent', async () => {
			const { error } = await upsert([{ code: '', name: 'Nameless' }]);
			expect(error?.message).toBe('Fields: code, the field to match on, is empty [item 0]');
			expect(portal.emulator.requests).toEqual([]);
		});
	});
});
