// Product → Sync with variations: an item with a Parent Key is a variation of the product with
// that key, kept in the variations catalog (25) of the catalog synced (23). Runs: syncRuns.ts.
import { PRICE_TABLE } from '../emulator/methods/catalogPrice';
import { recordsOf } from '../emulator/methods/recordTable';
import { methodsCalled } from '../harness/batches';
import { runResourceMapping } from '../harness/listSearch';
import { credentialsFor, locator } from '../harness/nodeInputs';
import { usePortal } from './fixtures';
import { callsSent, runSync, summaryOf, syncParameters, writeCallsSent, writesSent } from './syncRuns';

/** A parent with two variations, and a simple product, in one list. */
const FEED = [
	{ sku: 'TEE', name: 'Tee', retail: 10 },
	{ sku: 'TEE-S', parent: 'TEE', name: 'Tee, S', retail: 11 },
	{ sku: 'TEE-M', parent: 'TEE', name: 'Tee, M', retail: 12 },
	{ sku: 'MUG', name: 'Mug', retail: 5 },
];

const parameters = (extra = {}, fields = {}) =>
	syncParameters(
		{
			syncParentKey: '={{ $json.parent }}',
			syncPrices: { price: [{ priceType: 'BASE', price: '={{ $json.retail }}', currency: 'USD' }] },
			...extra,
		},
		fields,
	);

describe('Product → Sync: variations', () => {
	const portal = usePortal({ catalogDemo: true });
	const emulator = () => portal.emulator;
	const byKey = (iblockId: number, xmlId: string) =>
		emulator().portal.productsIn(iblockId).filter((product) => product.fields?.xmlId === xmlId);
	const one = (iblockId: number, xmlId: string) => {
		const found = byKey(iblockId, xmlId);
		expect(found).toHaveLength(1);
		return found[0];
	};
	/** The parent a variation is linked to, as the portal keeps it. */
	const parentOf = (id: number) => emulator().portal.properties.valuesOf(id, 97).map(({ value }) => Number(value));
	const retailOf = (productId: number) =>
		recordsOf(emulator().portal, PRICE_TABLE)
			.all()
			.find((row) => row.productId === productId && row.catalogGroupId === 1);
	/** The feed speaks for section 13 (T-shirts), which holds no demo product: its products are placed there. */
	const SECTION_SCOPE = { syncScope: 'section', syncScopeSection: 13 };
	const placeInScope = (...xmlIds: string[]) => {
		for (const xmlId of xmlIds) emulator().portal.updateProduct(one(23, xmlId).id, { fields: { iblockSectionId: 13 } });
	};
	const apply = async (feed: Array<Record<string, unknown>> = FEED, extra = {}) => {
		const result = await runSync(emulator(), parameters(extra), feed);
		expect(result.error).toBeUndefined();
		return result;
	};

	it('first import: parents first, then their variations in the variations catalog, then the prices', async () => {
		const { output } = await apply();
		const tee = one(23, 'TEE');
		const mug = one(23, 'MUG');
		const small = one(25, 'TEE-S');
		const medium = one(25, 'TEE-M');
		// The parent named by the variations is a parent product, the other item a simple one.
		expect([tee.type, mug.type, small.type, medium.type]).toEqual([3, 1, 4, 4]);
		expect([parentOf(small.id), parentOf(medium.id)]).toEqual([[tee.id], [tee.id]]);
		expect(writeCallsSent(emulator())).toEqual([
			{ method: 'catalog.product.sku.add', params: { 'fields[xmlId]': 'TEE', 'fields[name]': 'Tee', 'fields[iblockId]': '23' } },
			{ method: 'catalog.product.add', params: { 'fields[xmlId]': 'MUG', 'fields[name]': 'Mug', 'fields[iblockId]': '23' } },
			{
				method: 'catalog.product.offer.add',
				params: { 'fields[xmlId]': 'TEE-S', 'fields[name]': 'Tee, S', 'fields[parentId]': String(tee.id), 'fields[iblockId]': '25' },
			},
			{
				method: 'catalog.product.offer.add',
				params: { 'fields[xmlId]': 'TEE-M', 'fields[name]': 'Tee, M', 'fields[parentId]': String(tee.id), 'fields[iblockId]': '25' },
			},
			...[
				[tee.id, '10'],
				[small.id, '11'],
				[medium.id, '12'],
				[mug.id, '5'],
			].map(([productId, price]) => ({
				method: 'catalog.price.add',
				params: { 'fields[productId]': String(productId), 'fields[catalogGroupId]': '1', 'fields[price]': price, 'fields[currency]': 'USD' },
			})),
		]);
		// The variations catalog is found once, its variations read with the products.
		expect(methodsCalled(emulator().requests).filter((method) => method.startsWith('catalog.catalog.') || method.startsWith('catalog.product.offer.'))).toEqual([
			'catalog.catalog.list',
			'catalog.product.offer.getFieldsByFilter',
			'catalog.product.offer.list',
			'catalog.product.offer.add',
			'catalog.product.offer.add',
		]);
		expect(summaryOf(output)).toMatchObject({ create: 4, update: 0, unchanged: 0, failed: 0 });
		expect(output.slice(1).map((item) => [item.json.key, item.json.parentKey, item.json.productId, item.json.action, item.pairedItem])).toEqual([
			['TEE', undefined, tee.id, 'create', { item: 0 }],
			['TEE-S', 'TEE', small.id, 'create', { item: 1 }],
			['TEE-M', 'TEE', medium.id, 'create', { item: 2 }],
			['MUG', undefined, mug.id, 'create', { item: 3 }],
		]);
		expect(retailOf(small.id)).toMatchObject({ price: 11, currency: 'USD' });
	});

	it('the same feed again writes nothing', async () => {
		await apply();
		const sent = emulator().requests.length;
		const { output } = await apply();
		expect(writeCallsSent(emulator(), sent)).toEqual([]);
		expect(summaryOf(output)).toMatchObject({ create: 0, update: 0, unchanged: 4, failed: 0 });
		expect(output[2].json).toEqual({ key: 'TEE-S', parentKey: 'TEE', productId: one(25, 'TEE-S').id, action: 'unchanged', changes: {} });
	});

	it('a changed variation: only its field and its price are written', async () => {
		await apply();
		const medium = one(25, 'TEE-M');
		const sent = emulator().requests.length;
		const { output } = await apply([FEED[0], FEED[1], { ...FEED[2], name: 'Tee, medium', retail: 13 }, FEED[3]]);
		expect(writeCallsSent(emulator(), sent)).toEqual([
			{ method: 'catalog.product.offer.update', params: { id: String(medium.id), 'fields[name]': 'Tee, medium' } },
			{ method: 'catalog.price.update', params: { id: String(retailOf(medium.id)?.id), 'fields[price]': '13', 'fields[currency]': 'USD' } },
		]);
		expect(output[3].json).toEqual({
			key: 'TEE-M',
			parentKey: 'TEE',
			productId: medium.id,
			action: 'update',
			changes: {
				fields: { name: { old: 'Tee, M', new: 'Tee, medium' } },
				prices: { BASE: { old: { price: 12, currency: 'USD' }, new: { price: 13, currency: 'USD' } } },
			},
		});
		expect(emulator().portal.product(medium.id)?.name).toBe('Tee, medium');
		expect(summaryOf(output)).toMatchObject({ update: 1, unchanged: 3 });
	});

	it('a variation moved to another parent is linked to it', async () => {
		await apply();
		const polo = [{ sku: 'POLO', name: 'Polo', retail: 20 }];
		const sent = emulator().requests.length;
		const { output } = await apply([...FEED.slice(0, 2), { ...FEED[2], parent: 'POLO' }, FEED[3], ...polo]);
		const medium = one(25, 'TEE-M');
		const poloId = one(23, 'POLO').id;
		expect(writeCallsSent(emulator(), sent).map(({ method, params }) => [method, params])).toEqual([
			['catalog.product.sku.add', { 'fields[xmlId]': 'POLO', 'fields[name]': 'Polo', 'fields[iblockId]': '23' }],
			['catalog.product.offer.update', { id: String(medium.id), 'fields[parentId][value]': String(poloId) }],
			['catalog.price.add', { 'fields[productId]': String(poloId), 'fields[catalogGroupId]': '1', 'fields[price]': '20', 'fields[currency]': 'USD' }],
		]);
		expect(output[3].json.changes).toEqual({ parent: { old: 'TEE', new: 'POLO' } });
		expect(parentOf(medium.id)).toEqual([poloId]);
	});

	it('a dry run shows variations in the plan and writes nothing', async () => {
		await apply([FEED[0], FEED[1]]);
		placeInScope('TEE');
		const small = one(25, 'TEE-S');
		const before = emulator().requests.length;
		const { output, error } = await runSync(emulator(), parameters({ syncMode: 'dryRun', syncMissing: 'deactivate', ...SECTION_SCOPE }), [
			FEED[0],
			FEED[2],
			FEED[3],
		]);
		expect(error).toBeUndefined();
		expect(writeCallsSent(emulator(), before)).toEqual([]);
		expect(summaryOf(output)).toMatchObject({
			mode: 'dryRun',
			create: 2,
			update: 0,
			unchanged: 1,
			remove: 1,
			removals: [{ productId: small.id, key: 'TEE-S', parentKey: 'TEE', action: 'deactivate' }],
		});
		expect(output[2].json).toEqual({
			key: 'TEE-M',
			parentKey: 'TEE',
			productId: null,
			action: 'create',
			changes: {
				fields: { xmlId: { old: null, new: 'TEE-M' }, name: { old: null, new: 'Tee, M' } },
				parent: { old: null, new: 'TEE' },
				prices: { BASE: { old: null, new: { price: 12, currency: 'USD' } } },
			},
		});
		expect(byKey(25, 'TEE-M')).toEqual([]);
		expect(emulator().portal.product(small.id)?.active).toBe('Y');
	});

	describe('parents that are not there', () => {
		it('a Parent Key nothing has fails the run before any write, naming the item and the key', async () => {
			const { error } = await runSync(emulator(), parameters(), [FEED[0], { ...FEED[1], parent: 'NOPE' }]);
			expect(error?.message).toBe('Parent Key "NOPE": no item of the feed and no product of catalog 23 has XML ID "NOPE" [item 1]');
			expect(writesSent(emulator())).toEqual([]);
		});

		it('with Continue On Fail, nothing is sent for that variation and the others go on', async () => {
			const { output } = await runSync(emulator(), parameters(), [FEED[0], { ...FEED[1], parent: 'NOPE' }, FEED[2]], 'continueRegularOutput');
			expect(output[2]).toEqual({
				json: { error: 'Parent Key "NOPE": no item of the feed and no product of catalog 23 has XML ID "NOPE" [item 1]' },
				pairedItem: { item: 1 },
			});
			expect(callsSent(emulator()).filter(({ params }) => Object.values(params).includes('TEE-S'))).toEqual([]);
			expect(writesSent(emulator())).toEqual(['catalog.product.sku.add', 'catalog.product.offer.add', 'catalog.price.add', 'catalog.price.add']);
			expect(summaryOf(output)).toMatchObject({ create: 2, failed: 1 });
		});

		it("a Parent Key of another variation of the feed is refused, naming it", async () => {
			const { error } = await runSync(emulator(), parameters(), [FEED[0], FEED[1], { ...FEED[2], parent: 'TEE-S' }]);
			expect(error?.message).toBe('Parent Key "TEE-S": it is item 1\'s, a variation [item 2]');
			expect(writesSent(emulator())).toEqual([]);
		});

		it('a Parent Key of a service is refused', async () => {
			// Installation (104) is a service of the demo.
			emulator().portal.updateProduct(104, { fields: { xmlId: 'SETUP' } });
			const { error } = await runSync(emulator(), parameters(), [{ ...FEED[1], parent: 'SETUP' }]);
			expect(error?.message).toBe('Parent Key "SETUP": product 104 is a service (type 7), not a parent product [item 0]');
			expect(writesSent(emulator())).toEqual([]);
		});

		it('a simple product the variations name becomes a parent product as they are linked to it', async () => {
			await apply([FEED[0]]);
			const tee = one(23, 'TEE');
			expect(tee.type).toBe(1);
			const dry = await runSync(emulator(), parameters({ syncMode: 'dryRun' }), FEED.slice(0, 2));
			expect(dry.output[1].json).toEqual({ key: 'TEE', productId: tee.id, action: 'update', changes: { kind: { old: 'simple product', new: 'parent product' } } });
			const sent = emulator().requests.length;
			await apply(FEED.slice(0, 2));
			// Nothing is written to the parent: the link makes it one.
			expect(writeCallsSent(emulator(), sent).map(({ method }) => method)).toEqual(['catalog.product.offer.add', 'catalog.price.add']);
			expect(emulator().portal.product(tee.id)?.type).toBe(3);
			expect(parentOf(one(25, 'TEE-S').id)).toEqual([tee.id]);
			const again = emulator().requests.length;
			await apply(FEED.slice(0, 2));
			expect(writeCallsSent(emulator(), again)).toEqual([]);
		});

		it('a parent of the catalog, not in the feed, takes variations', async () => {
			// The T-shirt (102) is a parent product of the demo.
			emulator().portal.updateProduct(102, { fields: { xmlId: 'SHIRT' } });
			await apply([{ sku: 'SHIRT-L', parent: 'shirt', name: 'T-shirt, L', retail: 9 }]);
			expect(parentOf(one(25, 'SHIRT-L').id)).toEqual([102]);
		});

		it('the variations of a parent that failed are not sent', async () => {
			emulator().injectFault({ kind: 'error', method: 'catalog.product.sku.add', inBatch: true, times: 1, status: 400, code: 0, description: 'Parent could not be saved' });
			const { output } = await runSync(emulator(), parameters(), FEED, 'continueRegularOutput');
			expect(writesSent(emulator()).filter((method) => method.startsWith('catalog.product.'))).toEqual(['catalog.product.sku.add', 'catalog.product.add']);
			expect(output.slice(1, 4).map((item) => item.json.error)).toEqual([
				expect.stringContaining('Parent could not be saved'),
				expect.stringMatching(/^Parent Key "TEE": its parent, item 0, failed \[item 1\]$/),
				expect.stringMatching(/^Parent Key "TEE": its parent, item 0, failed \[item 2\]$/),
			]);
			// The next run finishes the job.
			await apply();
			expect(byKey(25, 'TEE-S')).toHaveLength(1);
			expect(byKey(23, 'TEE')).toHaveLength(1);
		});
	});

	describe('variations not in the feed', () => {
		it('deactivates the variations no item names whose parent is in the scope, and no others', async () => {
			await apply();
			// Another parent, outside the section the feed speaks for, with a variation.
			await apply([{ sku: 'CAP', name: 'Cap', retail: 3 }, { sku: 'CAP-1', parent: 'CAP', name: 'Cap, one size', retail: 3 }]);
			placeInScope('TEE', 'MUG');
			const sectionScope = { syncMissing: 'deactivate', ...SECTION_SCOPE };
			const sent = emulator().requests.length;
			const { output } = await runSync(emulator(), parameters(sectionScope), [FEED[0], FEED[1], FEED[3]]);
			const medium = one(25, 'TEE-M');
			expect(writeCallsSent(emulator(), sent)).toEqual([{ method: 'catalog.product.update', params: { id: String(medium.id), 'fields[active]': 'N' } }]);
			expect(summaryOf(output)).toMatchObject({ remove: 1, removals: [{ productId: medium.id, key: 'TEE-M', parentKey: 'TEE', action: 'deactivate' }] });
			expect(one(25, 'CAP-1').active).toBe('Y');
			// Named again: active again.
			const back = await runSync(emulator(), parameters(sectionScope), FEED);
			expect(back.output[3].json.changes).toEqual({ fields: { active: { old: 'N', new: 'Y' } } });
			expect(emulator().portal.product(medium.id)?.active).toBe('Y');
		});

		it('deletes a parent no item names with its variations, the variations first; a parent a variation names stays', async () => {
			await apply();
			placeInScope('TEE', 'MUG');
			const tee = one(23, 'TEE');
			const [small, medium] = [one(25, 'TEE-S'), one(25, 'TEE-M')];
			const deleting = parameters({ syncMissing: 'delete', ...SECTION_SCOPE });
			const sent = emulator().requests.length;
			const { output } = await runSync(emulator(), deleting, [FEED[3]]);
			expect(writeCallsSent(emulator(), sent).map(({ method, params }) => [method, params.id])).toEqual([
				['catalog.product.delete', String(small.id)],
				['catalog.product.delete', String(medium.id)],
				['catalog.product.delete', String(tee.id)],
			]);
			expect(summaryOf(output)).toMatchObject({ remove: 3 });
			expect([tee, small, medium].map(({ id }) => emulator().portal.product(id))).toEqual([undefined, undefined, undefined]);

			await apply();
			placeInScope('TEE');
			const sibling = one(25, 'TEE-M').id;
			const again = emulator().requests.length;
			// Only a variation in the feed: its parent is the feed's too, and its sibling goes.
			await runSync(emulator(), deleting, [FEED[1], FEED[3]]);
			expect(writeCallsSent(emulator(), again).map(({ method, params }) => [method, params.id])).toEqual([['catalog.product.delete', String(sibling)]]);
			expect(byKey(23, 'TEE')).toHaveLength(1);
		});

		it('with Parent Key empty, the feed speaks for no variation: none is read or removed', async () => {
			await apply();
			placeInScope('TEE', 'MUG');
			const tee = one(23, 'TEE');
			const sent = emulator().requests.length;
			const { output } = await runSync(emulator(), parameters({ syncParentKey: '', syncMissing: 'delete', ...SECTION_SCOPE }), [FEED[3]]);
			expect(writeCallsSent(emulator(), sent)).toEqual([{ method: 'catalog.product.delete', params: { id: String(tee.id) } }]);
			expect(summaryOf(output)).toMatchObject({ remove: 1, removals: [{ productId: tee.id, key: 'TEE', action: 'delete' }] });
			expect(methodsCalled(emulator().requests.slice(sent)).filter((method) => /^catalog\.(catalog|product\.offer)\./.test(method))).toEqual([]);
		});
	});

	it('a variation add whose answer was lost is found by its key in the variations catalog, not sent again', async () => {
		await apply([FEED[0], FEED[2]]);
		emulator().injectFault({ kind: 'commitThenDrop', method: 'catalog.product.offer.add' });
		const sent = emulator().requests.length;
		const { output, error } = await runSync(emulator(), parameters(), FEED.slice(0, 3));
		expect(error).toBeUndefined();
		expect(methodsCalled(emulator().requests.slice(sent)).filter((method) => method.startsWith('catalog.product.offer.'))).toEqual([
			'catalog.product.offer.getFieldsByFilter',
			'catalog.product.offer.list',
			'catalog.product.offer.add',
			// The lost answer: the variation is looked up by its key, and found.
			'catalog.product.offer.list',
		]);
		const small = one(25, 'TEE-S');
		expect(output[2].json).toMatchObject({ key: 'TEE-S', productId: small.id, action: 'create' });
		expect(retailOf(small.id)).toMatchObject({ price: 11 });
	});

	describe("the variations catalog's properties", () => {
		it("the Fields form lists them after the products' columns, named as variations'", async () => {
			const { fields } = await runResourceMapping('getSyncColumns', {
				parameters: { authentication: 'webhook', resource: 'product', operation: 'sync', iblockId: locator('23') },
				credentials: credentialsFor(emulator(), 'webhook'),
			});
			const ids = fields.map((field) => field.id);
			const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
			expect(byId.property110).toMatchObject({ displayName: 'Brand (property110)' });
			expect(ids.slice(-2)).toEqual(['property120', 'property121']);
			expect(byId.property120).toMatchObject({ displayName: 'Size, variations (property120)', required: false, type: 'string' });
			expect(byId.property121).toMatchObject({ displayName: 'Colour, variations (property121)' });
			expect(ids).not.toContain('parentId');
		});

		it("are written to variations and compared on the next run; a product's item with one is refused", async () => {
			const sized = (extra = {}) => parameters(extra, { property120: '={{ $json.size }}' });
			const feed = [FEED[0], { ...FEED[1], size: 'S' }];
			const { error: first } = await runSync(emulator(), sized(), feed);
			expect(first).toBeUndefined();
			const small = one(25, 'TEE-S');
			expect(writeCallsSent(emulator()).find(({ method }) => method === 'catalog.product.offer.add')?.params).toEqual({
				'fields[xmlId]': 'TEE-S',
				'fields[name]': 'Tee, S',
				'fields[property120][value]': 'S',
				'fields[parentId]': String(one(23, 'TEE').id),
				'fields[iblockId]': '25',
			});
			expect(emulator().portal.properties.valuesOf(small.id, 120).map(({ value }) => value)).toEqual(['S']);
			const sent = emulator().requests.length;
			await runSync(emulator(), sized(), feed);
			expect(writeCallsSent(emulator(), sent)).toEqual([]);
			const changed = emulator().requests.length;
			await runSync(emulator(), sized(), [FEED[0], { ...FEED[1], size: 'XS' }]);
			expect(writeCallsSent(emulator(), changed)).toEqual([
				{ method: 'catalog.product.offer.update', params: { id: String(small.id), 'fields[property120][value]': 'XS' } },
			]);
			expect(emulator().portal.properties.valuesOf(small.id, 120).map(({ value }) => value)).toEqual(['XS']);
			const { error } = await runSync(emulator(), sized(), [{ ...FEED[0], size: 'M' }]);
			expect(error?.message).toMatch(/^Fields: property120 is not a product field/);
		});
	});

	describe('bad input', () => {
		it('refuses a variation with a section, before any request', async () => {
			const { error } = await runSync(emulator(), parameters({ syncSection: '={{ $json.section }}' }), [{ ...FEED[1], section: 'Clothing' }]);
			expect(error?.message).toBe("Section: a variation has none of its own, it is shown in its parent's [item 0]");
			expect(emulator().requests).toEqual([]);
		});

		it('refuses variations when the key is a property of the catalog', async () => {
			const keyedOnBrand = parameters({ syncKey: 'property', syncKeyProperty: 'property110' }, { property110: '={{ $json.sku }}' });
			const { error } = await runSync(emulator(), keyedOnBrand, [FEED[1]]);
			expect(error?.message).toBe('Parent Key: variations cannot be synced on property110 [item 0]');
			expect(emulator().requests).toEqual([]);
		});

		it('refuses a field a parent product lacks on an item variations name, before any write', async () => {
			// Simple products have a quantity accounting mode; parent products do not.
			const { error } = await runSync(emulator(), parameters({}, { quantityTrace: 'Y' }), FEED);
			expect(error?.message).toBe('Fields: quantityTrace is not a parent product field [item 0]');
			expect(writesSent(emulator())).toEqual([]);
		});

		it("refuses an item whose key is a variation's when it has no Parent Key", async () => {
			await apply();
			const sent = emulator().requests.length;
			const { error } = await runSync(emulator(), parameters(), [FEED[0], { sku: 'TEE-S', name: 'Tee, S', retail: 11 }, FEED[2]]);
			expect(error?.message).toBe(`Variation ${one(25, 'TEE-S').id} has XML ID "TEE-S": the item is not a variation (it has no Parent Key) [item 1]`);
			expect(writeCallsSent(emulator(), sent)).toEqual([]);
		});
	});
});
