/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test server for feeds and images, never shipped */
// Product → Sync: a feed compared with the catalog read in bulk, only what differs written; a dry
// run writes nothing. Runs: syncRuns.ts.
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import { onePixelPng } from '../emulator/png';
import { findStockRow } from '../emulator/methods/catalogStoreProduct';
import { PRICE_TABLE } from '../emulator/methods/catalogPrice';
import { DOCUMENT_TABLE } from '../emulator/methods/catalogDocument';
import { formatBitrixDate } from '../emulator/time';
import { recordsOf } from '../emulator/methods/recordTable';
import { methodsCalled } from '../harness/batches';
import { addImages, credentialsFor, deleteParameters, mapped } from '../harness/nodeInputs';
import { binaryItem, runNode } from '../harness/runNode';
import { usePortal } from './fixtures';
import { runSync, summaryOf, syncParameters, writeCallsSent, writesSent } from './syncRuns';

const FEED = [
	{ sku: 'SKU-1', name: 'Drill', retail: 100, wholesale: 80 },
	{ sku: 'SKU-2', name: 'Saw', retail: 50, wholesale: 40 },
];

describe('Product → Sync', () => {
	const portal = usePortal({ catalogDemo: true });
	const emulator = () => portal.emulator;
	const productOf = (xmlId: string) =>
		emulator().portal.productsIn(23).filter((product) => product.fields?.xmlId === xmlId);
	const pricesOf = (productId: number) =>
		recordsOf(emulator().portal, PRICE_TABLE)
			.all()
			.filter((row) => row.productId === productId)
			.map(({ catalogGroupId, price, currency }) => ({ catalogGroupId, price, currency }));
	const apply = async (feed: Array<Record<string, unknown>> = FEED, extra = {}) => {
		const result = await runSync(emulator(), syncParameters(extra), feed);
		expect(result.error).toBeUndefined();
		return result;
	};

	it('a dry run outputs the plan and writes nothing', async () => {
		// SKU-1 is there with another name and retail price; SKU-2 is new; the T-shirt is unchanged.
		const drill = emulator().portal.createProduct({ iblockId: 23, name: 'Old drill', fields: { xmlId: 'SKU-1' } });
		recordsOf(emulator().portal, PRICE_TABLE).add({ productId: drill.id, catalogGroupId: 1, price: 90, currency: 'USD', extraId: null, quantityFrom: null, quantityTo: null });
		recordsOf(emulator().portal, PRICE_TABLE).add({ productId: drill.id, catalogGroupId: 2, price: 80, currency: 'USD', extraId: null, quantityFrom: null, quantityTo: null });
		const before = emulator().requests.length;
		const { output, error } = await runSync(emulator(), syncParameters({ syncMode: 'dryRun' }), FEED);
		expect(error).toBeUndefined();
		expect(writesSent(emulator())).toEqual([]);
		expect(emulator().requests.length).toBeGreaterThan(before);
		expect(summaryOf(output)).toEqual({
			mode: 'dryRun',
			catalog: 23,
			key: 'xmlId',
			create: 1,
			update: 1,
			unchanged: 0,
			remove: 0,
			failed: 0,
			removals: [],
		});
		expect(output.slice(1).map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					key: 'SKU-1',
					productId: drill.id,
					action: 'update',
					changes: {
						fields: { name: { old: 'Old drill', new: 'Drill' } },
						prices: { BASE: { old: { price: 90, currency: 'USD' }, new: { price: 100, currency: 'USD' } } },
					},
				},
				{ item: 0 },
			],
			[
				{
					key: 'SKU-2',
					productId: null,
					action: 'create',
					changes: {
						fields: { xmlId: { old: null, new: 'SKU-2' }, name: { old: null, new: 'Saw' } },
						prices: {
							BASE: { old: null, new: { price: 50, currency: 'USD' } },
							WHOLESALE: { old: null, new: { price: 40, currency: 'USD' } },
						},
					},
				},
				{ item: 1 },
			],
		]);
		expect(productOf('SKU-2')).toEqual([]);
		expect(emulator().portal.product(drill.id)?.name).toBe('Old drill');
	});

	it('an apply creates what is new and updates what differs; the same feed again writes nothing', async () => {
		const first = await apply();
		expect(summaryOf(first.output)).toMatchObject({ mode: 'apply', create: 2, update: 0, unchanged: 0, failed: 0 });
		const [drill] = productOf('SKU-1');
		expect(drill.name).toBe('Drill');
		expect(pricesOf(drill.id)).toEqual([
			{ catalogGroupId: 1, price: 100, currency: 'USD' },
			{ catalogGroupId: 2, price: 80, currency: 'USD' },
		]);
		expect(writesSent(emulator()).sort()).toEqual([
			'catalog.price.add',
			'catalog.price.add',
			'catalog.price.add',
			'catalog.price.add',
			'catalog.product.add',
			'catalog.product.add',
		]);

		const sentBefore = writesSent(emulator()).length;
		const requestsBefore = emulator().requests.length;
		const second = await apply();
		expect(writesSent(emulator()).length).toBe(sentBefore);
		expect(summaryOf(second.output)).toMatchObject({ create: 0, update: 0, unchanged: 2, failed: 0 });
		// The summary counts every request of the run, the field list the items are checked against too.
		expect(second.output[0].json.requests).toBe(emulator().requests.length - requestsBefore);
		// Reads only: the field list, then the catalog in bulk.
		expect([...new Set(methodsCalled(emulator().requests.slice(requestsBefore)))].sort()).toEqual([
			'catalog.price.list',
			'catalog.priceType.list',
			'catalog.product.getFieldsByFilter',
			'catalog.product.list',
		]);
		expect(productOf('SKU-1')).toHaveLength(1);
	});

	it('writes only the field, and the price type, that changed', async () => {
		await apply();
		const [saw] = productOf('SKU-2');
		const sent = emulator().requests.length;
		const { output } = await apply([FEED[0], { ...FEED[1], name: 'Hand saw', wholesale: 45 }]);
		const wholesale = recordsOf(emulator().portal, PRICE_TABLE)
			.all()
			.find((row) => row.productId === saw.id && row.catalogGroupId === 2);
		expect(writeCallsSent(emulator(), sent)).toEqual([
			{ method: 'catalog.product.update', params: { id: String(saw.id), 'fields[name]': 'Hand saw' } },
			{ method: 'catalog.price.update', params: { id: String(wholesale?.id), 'fields[price]': '45', 'fields[currency]': 'USD' } },
		]);
		expect(output[2].json).toEqual({
			key: 'SKU-2',
			productId: saw.id,
			action: 'update',
			changes: {
				fields: { name: { old: 'Saw', new: 'Hand saw' } },
				prices: { WHOLESALE: { old: { price: 40, currency: 'USD' }, new: { price: 45, currency: 'USD' } } },
			},
		});
		expect(pricesOf(saw.id)).toEqual([
			{ catalogGroupId: 1, price: 50, currency: 'USD' },
			{ catalogGroupId: 2, price: 45, currency: 'USD' },
		]);
	});

	describe('stock', () => {
		const stockParameters = (extra = {}) =>
			syncParameters({
				syncPrices: {},
				syncStock: {
					store: [
						{ store: 'Main warehouse', amount: '={{ $json.main }}' },
						{ store: '2', amount: '={{ $json.second }}' },
					],
				},
				...extra,
			});

		it('with inventory management on: one receipt and one write-off per store, conducted', async () => {
			emulator().portal.inventoryManagement = true;
			const feed = [
				{ sku: 'SKU-1', name: 'Drill', main: 10, second: 4 },
				{ sku: 'SKU-2', name: 'Saw', main: 6, second: 0 },
			];
			await runSync(emulator(), stockParameters(), feed);
			const [drill] = productOf('SKU-1');
			const [saw] = productOf('SKU-2');
			const held = (productId: number, storeId: number) => Number(findStockRow(emulator().portal, productId, storeId)?.amount ?? 0);
			expect([held(drill.id, 1), held(drill.id, 2), held(saw.id, 1), held(saw.id, 2)]).toEqual([10, 4, 6, 0]);

			const sent = emulator().requests.length;
			const { output, error } = await runSync(emulator(), stockParameters(), [
				{ sku: 'SKU-1', name: 'Drill', main: 7, second: 4 },
				{ sku: 'SKU-2', name: 'Saw', main: 9, second: 0 },
			]);
			expect(error).toBeUndefined();
			expect([held(drill.id, 1), held(drill.id, 2), held(saw.id, 1), held(saw.id, 2)]).toEqual([7, 4, 9, 0]);
			const writes = writeCallsSent(emulator(), sent);
			expect(writes.map(({ method, params }) => [method, params['fields[docType]'] ?? params['fields[elementId]'] ?? params.id, params['fields[amount]'] ?? null])).toEqual([
				['catalog.document.add', 'D', null],
				['catalog.document.add', 'S', null],
				['catalog.document.element.add', String(drill.id), '3'],
				['catalog.document.element.add', String(saw.id), '3'],
				['catalog.document.conduct', expect.any(String), null],
				['catalog.document.conduct', expect.any(String), null],
			]);
			expect(summaryOf(output)).toMatchObject({ stock: 'inventory documents', update: 2 });
			expect(output[1].json.changes).toEqual({ stock: { 'Main warehouse': { old: 10, new: 7 } } });
		});

		it("deletes the drafts a stopped run left, and no other document, nor a draft of a run at work", async () => {
			emulator().portal.inventoryManagement = true;
			const feed = [{ sku: 'SKU-1', name: 'Drill', main: 10, second: 4 }];
			await runSync(emulator(), stockParameters(), feed);
			const [drill] = productOf('SKU-1');
			const documents = () =>
				recordsOf(emulator().portal, DOCUMENT_TABLE)
					.all()
					.map(({ title, status }) => [title, status]);
			const before = documents();
			expect(before.slice(-2)).toEqual([
				['Stock sync of catalog 23: increases', 'Y'],
				['Stock sync of catalog 23: increases', 'Y'],
			]);
			const draftOf = (catalog: number, hoursAgo: number) =>
				recordsOf(emulator().portal, DOCUMENT_TABLE).add({
					docType: 'D',
					title: `Stock sync of catalog ${catalog}: decreases`,
					status: 'N',
					currency: 'USD',
					responsibleId: 1,
					dateCreate: formatBitrixDate(new Date(Date.now() - hoursAgo * 3_600_000)),
				});
			// A run stopped after adding its documents a night ago: a draft, never conducted.
			const draft = draftOf(23, 20);
			const other = draftOf(24, 20);
			// Another run of the same catalog, at work: its draft is minutes old.
			const working = draftOf(23, 0.1);

			const sent = emulator().requests.length;
			const { error } = await runSync(emulator(), stockParameters(), [{ ...feed[0], main: 7 }]);
			expect(error).toBeUndefined();
			expect(Number(findStockRow(emulator().portal, drill.id, 1)?.amount)).toBe(7);
			expect(writeCallsSent(emulator(), sent).map(({ method, params }) => [method, params.id ?? params['fields[docType]'] ?? params['fields[amount]']])).toEqual([
				['catalog.document.add', 'D'],
				['catalog.document.delete', String(draft.id)],
				['catalog.document.element.add', '3'],
				['catalog.document.conduct', expect.any(String)],
			]);
			expect(documents()).toEqual([
				...before,
				['Stock sync of catalog 24: decreases', 'N'],
				['Stock sync of catalog 23: decreases', 'N'],
				['Stock sync of catalog 23: decreases', 'Y'],
			]);
			expect(recordsOf(emulator().portal, DOCUMENT_TABLE).get(other.id)).toBeDefined();
			expect(recordsOf(emulator().portal, DOCUMENT_TABLE).get(working.id)).toBeDefined();
		});

		it("fails the products whose stock the user's rights do not let change, naming Bitrix24's refusal", async () => {
			emulator().portal.inventoryManagement = true;
			// The document's add rides in a batch, behind the list of drafts left by a stopped run.
			emulator().injectFault({ kind: 'error', method: 'catalog.document.add', inBatch: true, times: Infinity, status: 400, code: 0, description: 'Access denied' });
			const { output } = await runSync(emulator(), stockParameters(), [{ sku: 'SKU-1', name: 'Drill', main: 10, second: 0 }], 'continueRegularOutput');
			expect(summaryOf(output)).toMatchObject({ stock: 'inventory documents', create: 0, failed: 1 });
			expect(output[1]).toMatchObject({ json: { error: expect.stringContaining('Access denied') }, pairedItem: { item: 0 } });
			// The product itself was created: the next run, with the rights, only changes its stock.
			expect(productOf('SKU-1')).toHaveLength(1);
			// The refused document was asked for once; nothing was added to one or conducted.
			expect(writesSent(emulator()).filter((method) => method.startsWith('catalog.document.'))).toEqual(['catalog.document.add']);
			expect(findStockRow(emulator().portal, productOf('SKU-1')[0].id, 1)).toBeUndefined();
		});

		it("a variation's stock: its own quantity, written with its add and its update", async () => {
			const parameters = stockParameters({ syncParentKey: '={{ $json.parent }}' });
			const tee = { sku: 'TEE', name: 'Tee', main: 0, second: 0 };
			const first = await runSync(emulator(), parameters, [tee, { sku: 'TEE-S', parent: 'TEE', name: 'Tee, S', main: 3, second: 1 }]);
			expect(first.error).toBeUndefined();
			const [small] = emulator().portal.productsIn(25).filter((product) => product.fields?.xmlId === 'TEE-S');
			expect(small.fields?.quantity).toBe(4);
			const sent = emulator().requests.length;
			await runSync(emulator(), parameters, [tee, { sku: 'TEE-S', parent: 'TEE', name: 'Tee, S', main: 5, second: 1 }]);
			expect(writeCallsSent(emulator(), sent)).toEqual([
				{ method: 'catalog.product.offer.update', params: { id: String(small.id), 'fields[quantity]': '6' } },
			]);
		});

		it('with inventory management off: the product quantity, the stores summed', async () => {
			const { output } = await runSync(emulator(), stockParameters(), [{ sku: 'SKU-1', name: 'Drill', main: 10, second: 4 }]);
			const [drill] = productOf('SKU-1');
			expect(drill.fields?.quantity).toBe(14);
			expect(summaryOf(output)).toMatchObject({ stock: 'quantity field', create: 1 });
			const sent = emulator().requests.length;
			await runSync(emulator(), stockParameters(), [{ sku: 'SKU-1', name: 'Drill', main: 10, second: 5 }]);
			expect(writeCallsSent(emulator(), sent)).toEqual([
				{ method: 'catalog.product.update', params: { id: String(drill.id), 'fields[quantity]': '15' } },
			]);
		});
	});

	it('puts products in a section by path, creating the missing sections once', async () => {
		const parameters = syncParameters({ syncPrices: {}, syncSection: '={{ $json.section }}' });
		const feed = [
			{ sku: 'SKU-1', name: 'Drill', section: 'Clothing/Work wear/Gloves' },
			{ sku: 'SKU-2', name: 'Saw', section: 'Clothing/Work wear/Gloves' },
			{ sku: 'SKU-3', name: 'Hammer', section: 'Clothing' },
		];
		const { output } = await runSync(emulator(), parameters, feed);
		const created = writeCallsSent(emulator()).filter(({ method }) => method === 'catalog.section.add');
		expect(created.map(({ params }) => [params['fields[name]'], params['fields[iblockSectionId]'] ?? null])).toEqual([
			['Work wear', '12'],
			['Gloves', expect.any(String)],
		]);
		const gloves = emulator().portal.sections.inCatalog(23).find((section) => section.name === 'Gloves');
		expect(productOf('SKU-1')[0].fields?.iblockSectionId).toBe(gloves?.id);
		expect(productOf('SKU-3')[0].fields?.iblockSectionId).toBe(12);
		expect(output[1].json.changes).toMatchObject({ section: { old: null, new: 'Clothing/Work wear/Gloves' } });
		const sent = emulator().requests.length;
		await runSync(emulator(), parameters, feed);
		expect(writeCallsSent(emulator(), sent)).toEqual([]);
	});

	it('finds products by a property as the key, with the fields mapped automatically from the input', async () => {
		// Brand (property110) as the key: the product that has "Acme" is the feed's.
		const acme = emulator().portal.createProduct({ iblockId: 23, name: 'Old name', fields: { xmlId: 'X-1' } });
		emulator().portal.properties.set(acme.id, 110, [{ value: 'Acme' }]);
		const parameters = syncParameters({
			syncPrices: {},
			syncKey: 'property',
			syncKeyProperty: 'property110',
			fields: { ...mapped({ property110: '', name: '' }), mappingMode: 'autoMapInputData', value: null },
		});
		const { output, error } = await runSync(emulator(), parameters, [{ property110: 'acme', name: 'New name', colour: 'ignored' }]);
		expect(error).toBeUndefined();
		expect(output[1].json).toEqual({
			key: 'acme',
			productId: acme.id,
			action: 'update',
			changes: { fields: { property110: { old: 'Acme', new: 'acme' }, name: { old: 'Old name', new: 'New name' } } },
		});
		expect(emulator().portal.product(acme.id)?.name).toBe('New name');
	});

	it('creates products of the kind chosen', async () => {
		await runSync(emulator(), syncParameters({ syncPrices: {}, productKind: 'service' }), [{ sku: 'SRV-1', name: 'Setup' }]);
		expect(writesSent(emulator())).toEqual(['catalog.product.service.add']);
		expect(productOf('SRV-1')[0].type).toBe(7);
	});

	describe('images', () => {
		let server: Server;
		let base: string;
		const fetched: string[] = [];
		/** Called at the first image fetch after it is set: the upload round has begun. */
		let onFetch: (() => void) | undefined;
		beforeAll(async () => {
			server = createServer((request, response) => {
				fetched.push(request.url ?? '');
				onFetch?.();
				onFetch = undefined;
				const colour = Number(/(\d+)/.exec(request.url ?? '')?.[1] ?? 0);
				response.writeHead(200, { 'content-type': 'image/png' }).end(onePixelPng(colour, 0, 0));
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		});
		afterAll(async () => await new Promise((resolve) => server.close(resolve)));

		const imageParameters = () =>
			syncParameters({
				syncPrices: {},
				syncImages: '={{ $json.images }}',
				syncOptions: { imageHosts: '127.0.0.1', fingerprintProperty: 'property110' },
			});
		const imagesOf = (productId: number) =>
			emulator()
				.portal.imagesOf(productId)
				.map(({ type, name }) => [type, name.replace(/^[0-9a-f]{16}-/, '')]);

		it('uploads images in order once; an unchanged image is never downloaded or uploaded again', async () => {
			const feed = [{ sku: 'SKU-1', name: 'Drill', images: `${base}/1.png, ${base}/2.png` }];
			await runSync(emulator(), imageParameters(), feed);
			const [drill] = productOf('SKU-1');
			expect(imagesOf(drill.id)).toEqual([
				['DETAIL_PICTURE', '1.png'],
				['MORE_PHOTO', '2.png'],
			]);
			expect(fetched).toEqual(['/1.png', '/2.png']);

			const sent = emulator().requests.length;
			const again = await runSync(emulator(), imageParameters(), feed);
			expect(again.output[1].json.action).toBe('unchanged');
			expect(writeCallsSent(emulator(), sent)).toEqual([]);
			expect(fetched).toHaveLength(2);

			// The second image changes: the first stays, the second is replaced.
			await runSync(emulator(), imageParameters(), [{ ...feed[0], images: `${base}/1.png, ${base}/3.png` }]);
			expect(imagesOf(drill.id)).toEqual([
				['DETAIL_PICTURE', '1.png'],
				['MORE_PHOTO', '3.png'],
			]);
			expect(fetched).toEqual(['/1.png', '/2.png', '/3.png']);
		});

		it('sends small images 50 to a request, a large one in a request of its own', async () => {
			const large = Buffer.concat([onePixelPng(1, 2, 3), Buffer.alloc(1_200_000)]);
			const feed = [1, 2, 3].map((n) => ({ sku: `SKU-${n}`, name: `Drill ${n}`, images: `${base}/${n}1.png, ${base}/${n}2.png` }));
			const items = [
				...feed.map((json) => ({ json })),
				{ ...binaryItem(large, 'poster.png', 'image/png', 'photo'), json: { sku: 'SKU-4', name: 'Poster' } },
			];
			const parameters = { ...imageParameters(), syncImages: '={{ $json.images ?? "photo" }}' };
			const sent = emulator().requests.length;
			await runNode({ parameters, credentials: credentialsFor(emulator(), 'webhook'), inputItems: items });

			const uploads = emulator()
				.requests.slice(sent)
				.map(({ restMethod, params }) =>
					restMethod === 'batch'
						? Object.values(params.cmd as Record<string, string>).filter((command) => command.startsWith('catalog.productImage.add?')).length
						: restMethod === 'catalog.productImage.add'
							? 'alone'
							: 0,
				)
				.filter(Boolean);
			expect(uploads).toEqual([6, 'alone']);
			const [poster] = productOf('SKU-4');
			expect(imagesOf(poster.id)).toEqual([['DETAIL_PICTURE', 'poster.png']]);
			expect(emulator().portal.imagesOf(poster.id)[0].bytes.equals(large)).toBe(true);
			for (const n of [1, 2, 3]) {
				expect(imagesOf(productOf(`SKU-${n}`)[0].id)).toEqual([
					['DETAIL_PICTURE', `${n}1.png`],
					['MORE_PHOTO', `${n}2.png`],
				]);
			}
		});

		it("puts no other execution's calls in a request that carries files", async () => {
			const ids = addImages(emulator(), 30, 'other');
			emulator().setLatency(200);
			let deletes: Promise<unknown> | undefined;
			onFetch = () => {
				// Other executions' calls queue in the lane while the images are read.
				deletes = Promise.all(
					ids.map(async (id) => await runNode({ parameters: deleteParameters('webhook', '105', String(id)), credentials: credentialsFor(emulator(), 'webhook') })),
				);
			};
			const feed = [1, 2, 3].map((n) => ({ sku: `SKU-${n}`, name: `Drill ${n}`, images: `${base}/${n}1.png, ${base}/${n}2.png` }));
			const sent = emulator().requests.length;
			await runSync(emulator(), imageParameters(), feed);
			await deletes;

			const batches = emulator()
				.requests.slice(sent)
				.filter(({ restMethod }) => restMethod === 'batch')
				.map(({ params }) => Object.values(params.cmd as Record<string, string>).map((command) => command.split('?')[0]));
			const withFiles = batches.filter((methods) => methods.includes('catalog.productImage.add'));
			expect(withFiles).toEqual([Array(6).fill('catalog.productImage.add')]);
			// The deletes did share requests among themselves.
			expect(batches.some((methods) => methods.filter((method) => method === 'catalog.productImage.delete').length > 1)).toBe(true);
			expect(emulator().portal.imagesOf(105).filter((image) => image.name.startsWith('other-'))).toEqual([]);
		});

		it('takes images from binary data, recognised by their bytes on the next run', async () => {
			const item = (colour: number) => ({
				...binaryItem(onePixelPng(colour, 0, 0), 'front.png', 'image/png', 'photo'),
				json: { sku: 'SKU-9', name: 'Level' },
			});
			const parameters = { ...imageParameters(), syncImages: 'photo' };
			const run = async (colour: number) =>
				await runNode({ parameters, credentials: credentialsFor(emulator(), 'webhook'), inputItems: [item(colour)] });
			await run(10);
			const [level] = productOf('SKU-9');
			const first = emulator().portal.imagesOf(level.id).map((image) => image.id);
			expect(imagesOf(level.id)).toEqual([['DETAIL_PICTURE', 'front.png']]);
			const sent = emulator().requests.length;
			await run(10);
			expect(writeCallsSent(emulator(), sent)).toEqual([]);
			await run(20);
			expect(imagesOf(level.id)).toEqual([['DETAIL_PICTURE', 'front.png']]);
			expect(emulator().portal.imagesOf(level.id).map((image) => image.id)).not.toEqual(first);
		});

		it("a variation's images: uploaded once, their fingerprints kept in a property of the variations catalog", async () => {
			const parameters = {
				...imageParameters(),
				syncParentKey: '={{ $json.parent }}',
				// Colour (property121), a text property of the variations catalog.
				syncOptions: { imageHosts: '127.0.0.1', fingerprintProperty: 'property110', variationFingerprintProperty: 'property121' },
			};
			const feed = [
				{ sku: 'TEE', name: 'Tee' },
				{ sku: 'TEE-S', parent: 'TEE', name: 'Tee, S', images: `${base}/4.png` },
			];
			const fetchedBefore = fetched.length;
			await runSync(emulator(), parameters, feed);
			const [small] = emulator().portal.productsIn(25).filter((product) => product.fields?.xmlId === 'TEE-S');
			expect(imagesOf(small.id)).toEqual([['DETAIL_PICTURE', '4.png']]);
			expect(emulator().portal.properties.valuesOf(small.id, 121).map(({ value }) => value)).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/)]);
			const sent = emulator().requests.length;
			const again = await runSync(emulator(), parameters, feed);
			expect(again.output[2].json.action).toBe('unchanged');
			expect(writeCallsSent(emulator(), sent)).toEqual([]);
			expect(fetched.slice(fetchedBefore)).toEqual(['/4.png']);
		});

		it("refuses a variation's images without Options → Variation Image Fingerprint Property, before anything is sent", async () => {
			const parameters = { ...imageParameters(), syncParentKey: '={{ $json.parent }}' };
			const { error } = await runSync(emulator(), parameters, [{ sku: 'TEE-S', parent: 'TEE', name: 'Tee, S', images: `${base}/4.png` }]);
			expect(error?.message).toBe('Images of a variation need Options → Variation Image Fingerprint Property [item 0]');
			expect(emulator().requests).toEqual([]);
		});

		it('refuses a URL on a host not allowed, before anything is sent', async () => {
			const { error } = await runSync(emulator(), imageParameters(), [{ sku: 'SKU-1', name: 'Drill', images: 'https://elsewhere.example/1.png' }]);
			expect(error?.message).toBe('Images: image 1: the host elsewhere.example is not among Options → Allowed Image Hosts [item 0]');
			expect(emulator().requests).toEqual([]);
		});
	});

	describe('products not in the feed', () => {
		it('deactivates the products of the scope no item names, and no others', async () => {
			// The marker: Brand "Acme" (property110).
			const acme = (name: string, xmlId: string) =>
				emulator().portal.createProduct({ iblockId: 23, name, fields: { xmlId } });
			const kept = acme('Kept', 'SKU-1');
			const gone = acme('Gone', 'OLD-1');
			const other = acme('Other', 'OTHER-1');
			for (const product of [kept, gone]) {
				emulator().portal.properties.set(product.id, 110, [{ value: "Acme" }]);
			}
			const parameters = syncParameters({
				syncPrices: {},
				syncMissing: 'deactivate',
				syncScope: 'marker',
				syncMarkerField: 'property110',
				syncMarkerValue: 'Acme',
			});
			const dry = await runSync(emulator(), { ...parameters, syncMode: 'dryRun' }, [FEED[0]]);
			expect(summaryOf(dry.output)).toMatchObject({ remove: 1, removals: [{ productId: gone.id, key: 'OLD-1', action: 'deactivate' }] });
			expect(emulator().portal.product(gone.id)?.active).toBe('Y');
			await runSync(emulator(), parameters, [FEED[0]]);
			expect([kept, gone, other].map((product) => emulator().portal.product(product.id)?.active)).toEqual(['Y', 'N', 'Y']);
			// Back in the feed: active again.
			const back = await runSync(emulator(), parameters, [FEED[0], { sku: 'OLD-1', name: 'Gone' }]);
			expect(back.output[2].json).toEqual({ key: 'OLD-1', productId: gone.id, action: 'update', changes: { fields: { active: { old: 'N', new: 'Y' } } } });
			expect(emulator().portal.product(gone.id)?.active).toBe('Y');
		});

		it('refuses Delete when no item of the feed is valid', async () => {
			const { error } = await runSync(emulator(), syncParameters({ syncMissing: 'delete' }), [{}], 'continueRegularOutput');
			expect(error?.message).toBe('Products Not in the Feed: Delete with an empty feed is refused [item 0]');
			expect(writesSent(emulator())).toEqual([]);
		});

		it('removes nothing when an item was refused', async () => {
			emulator().portal.createProduct({ iblockId: 23, name: 'Gone', fields: { xmlId: 'OLD-1' } });
			const { output } = await runSync(
				emulator(),
				syncParameters({ syncPrices: {}, syncMissing: 'delete', syncScope: 'section', syncScopeSection: 12 }),
				[FEED[0], { name: 'no key' }],
				'continueRegularOutput',
			);
			expect(summaryOf(output)).toMatchObject({ create: 1, failed: 1, remove: 0, removals: [], removalSkipped: '1 item(s) failed their checks: no product was deleted' });
			expect(writesSent(emulator())).toEqual(['catalog.product.add']);
		});
	});

	describe('errors', () => {
		it('bad input is refused before any request, naming the parameter and the item', async () => {
			const { error } = await runSync(
				emulator(),
				syncParameters({ syncPrices: { price: [{ priceType: 'BASE', price: '={{ $json.retail }}', currency: 'US' }] } }),
				FEED,
			);
			expect(error?.message).toBe('Prices: price 1: "US" is not a currency code [item 0]');
			expect(emulator().requests).toEqual([]);
		});

		it('a duplicate key in the feed is refused before any request', async () => {
			const { error } = await runSync(emulator(), syncParameters(), [FEED[0], { ...FEED[1], sku: 'sku-1' }]);
			expect(error?.message).toBe('Fields: xmlId "sku-1" is item 0\'s too: one run syncs a product once [item 1]');
			expect(emulator().requests).toEqual([]);
		});

		it('a section ID the catalog lacks stops the run before any write', async () => {
			const { error } = await runSync(emulator(), syncParameters({ syncPrices: {}, syncSection: '={{ $json.section }}' }), [
				{ ...FEED[0], section: '12' },
				{ ...FEED[1], section: '999' },
			]);
			expect(error?.message).toBe('Section 999 is not a section of catalog 23 [item 1]');
			expect(writesSent(emulator())).toEqual([]);
		});

		it('an unknown price type stops the run before any write', async () => {
			const parameters = syncParameters({ syncPrices: { price: [{ priceType: '={{ $json.type }}', price: 1, currency: 'USD' }] } });
			const { error } = await runSync(emulator(), parameters, [{ ...FEED[0], type: 'BASE' }, { ...FEED[1], type: 'Retail' }]);
			expect(error?.message).toBe('Prices: price 1: there is no price type "Retail" [item 1]');
			expect(writesSent(emulator())).toEqual([]);
		});

		it('with Continue On Fail, a failing product gives its error item and the others go on', async () => {
			const parameters = syncParameters({ syncPrices: { price: [{ priceType: '={{ $json.type }}', price: 1, currency: 'USD' }] } });
			const { output } = await runSync(emulator(), parameters, [{ ...FEED[0], type: 'BASE' }, { ...FEED[1], type: 'Retail' }], 'continueRegularOutput');
			expect(summaryOf(output)).toMatchObject({ create: 1, failed: 1 });
			expect(output[1].json).toMatchObject({ key: 'SKU-1', action: 'create' });
			expect(output[2]).toEqual({ json: { error: 'Prices: price 1: there is no price type "Retail" [item 1]' }, pairedItem: { item: 1 } });
			expect(productOf('SKU-2')).toEqual([]);
		});

		it('a write the portal refuses fails its product; the next run finishes the job without creating twice', async () => {
			emulator().injectFault({ kind: 'error', method: 'catalog.price.add', inBatch: true, times: 2, status: 400, code: 0, description: 'Price could not be saved' });
			const first = await runSync(emulator(), syncParameters(), FEED, 'continueRegularOutput');
			expect(summaryOf(first.output)).toMatchObject({ create: 1, failed: 1 });
			expect(first.output[1].json).toMatchObject({ error: expect.stringContaining('Price could not be saved') });
			const second = await apply();
			expect(summaryOf(second.output)).toMatchObject({ create: 0, update: 1, unchanged: 1 });
			expect(productOf('SKU-1')).toHaveLength(1);
			expect(pricesOf(productOf('SKU-1')[0].id)).toHaveLength(2);
		});

		it('an add whose answer was lost is found by its key, not sent again', async () => {
			// One product: its add goes alone, and its answer never arrives.
			emulator().injectFault({ kind: 'commitThenDrop', method: 'catalog.product.add' });
			const { output, error } = await runSync(emulator(), syncParameters({ syncPrices: {} }), [FEED[0]]);
			expect(error).toBeUndefined();
			expect(methodsCalled(emulator().requests).filter((method) => method === 'catalog.product.add')).toHaveLength(1);
			expect(summaryOf(output)).toMatchObject({ create: 1, failed: 0 });
			expect(output[1].json).toMatchObject({ productId: productOf('SKU-1')[0].id });
			expect(productOf('SKU-1')).toHaveLength(1);
		});
	});
});
