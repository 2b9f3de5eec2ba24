/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test server, not node code */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IRun } from 'n8n-workflow';

import { postJson } from '../emulator/testClient';
import { connectTriggers, loadExample } from '../harness/examples';
import { locator, mapped, oauth2Credentials } from '../harness/nodeInputs';
import { runNode } from '../harness/runNode';
import { batchCommands, nodeOutput, usePortal, useWorkflowHost } from './fixtures';

const portal = usePortal({ catalogDemo: true });
const hosting = useWorkflowHost(portal);

/** Imports an example, connects its triggers to the portal and activates it. */
async function activateExample(file: string) {
	const { host } = hosting;
	const example = loadExample(file);
	const json = connectTriggers(example, portal.emulator, (trigger) =>
		host.webhookUrl(example, trigger.name),
	);
	return { json, workflow: await host.activate(json) };
}

const imageIds = (productId: number) =>
	portal.emulator.portal.imagesOf(productId).map((image) => image.id);

describe('example: remove gallery images when a product is deactivated', () => {
	const FILE = 'remove-gallery-images-of-deactivated-products.json';

	it('deletes the gallery images of a product deactivated in Bitrix24, and only those', async () => {
		const { emulator } = portal;
		await activateExample(FILE);
		emulator.portal.updateProduct(101, { active: 'N' });
		const execution = await hosting.firstExecution();
		expect(execution.run?.data.resultData.error).toBeUndefined();
		expect(imageIds(101)).toEqual([1001, 1002]);
		expect(nodeOutput(execution.run, 'Remove its gallery images')).toEqual([
			{
				productId: 101,
				deletedCount: 2,
				deleted: [
					expect.objectContaining({ id: 1003, type: 'MORE_PHOTO' }),
					expect.objectContaining({ id: 1004, type: 'MORE_PHOTO' }),
				],
			},
		]);
	});

	it('leaves an active product alone', async () => {
		const { emulator } = portal;
		await activateExample(FILE);
		emulator.portal.updateProduct(101, { name: 'Espresso machine Pro' });
		const execution = await hosting.firstExecution();
		expect(nodeOutput(execution.run, 'Was it deactivated?')).toEqual([]);
		expect(imageIds(101)).toEqual([1001, 1002, 1003, 1004]);
		expect(emulator.restCalls().map((call) => call.restMethod)).toEqual(['catalog.product.get']);
	});
});

describe('example: keep only the newest gallery images', () => {
	it('deletes all but the five newest gallery images when the product is updated', async () => {
		const { emulator } = portal;
		await activateExample('keep-newest-gallery-images.json');
		const added = [1, 2, 3, 4].map(() => emulator.portal.addImage(101, { type: 'MORE_PHOTO' }).id);
		emulator.portal.updateProduct(101, { name: 'Espresso machine, new photos' });
		const execution = await hosting.firstExecution();
		expect(execution.run?.data.resultData.error).toBeUndefined();
		// Six gallery images (1003, 1004 and four new ones): the oldest, 1003, goes.
		expect(imageIds(101)).toEqual([1001, 1002, 1004, ...added]);
	});
});

describe('example: delete a product image another system withdrew', () => {
	const FILE = 'delete-withdrawn-image.json';

	/** Posts a withdrawal to the example's Webhook node; resolves with the answer and the execution. */
	async function withdraw(payload: object) {
		const { json } = await activateExample(FILE);
		const url = hosting.host.webhookUrl(json, 'When an image is withdrawn');
		expect(url).toMatch(/\/webhook\/bitrix24-image-withdrawn$/);
		const answer = await postJson(url, payload);
		const [execution] = await hosting.host.executionsDone(1);
		return { answer: { status: answer.status, body: answer.body }, execution };
	}

	const deleteCalls = () =>
		portal.emulator.restCalls('catalog.productImage.delete').map((call) => call.params);

	it("deletes the image a POST to n8n's Webhook node names, and answers with the result", async () => {
		const { answer, execution } = await withdraw({ productId: 101, imageId: 1003 });
		expect(answer).toEqual({ status: 200, body: { result: true } });
		expect(execution.run?.data.resultData.error).toBeUndefined();
		expect(imageIds(101)).toEqual([1001, 1002, 1004]);
		expect(deleteCalls()).toEqual([{ productId: 101, id: 1003 }]);
	});

	it.each([
		[
			'an image that does not exist',
			404,
			{ productId: 101, imageId: 999 },
			undefined,
			{ code: '0', text: 'Image does not exist' },
		],
		[
			'a product that does not exist',
			404,
			{ productId: 999, imageId: 1003 },
			undefined,
			{ code: '0', text: 'Product was not found' },
		],
		[
			"a portal that refuses n8n's webhook user",
			502,
			{ productId: 101, imageId: 1003 },
			{
				kind: 'error',
				method: 'catalog.productImage.delete',
				status: 400,
				code: 200040300020,
				description: 'Access Denied',
			},
			{ code: '200040300020', text: 'Access Denied' },
		],
		[
			'a portal blocked by overload',
			503,
			{ productId: 101, imageId: 1003 },
			{
				kind: 'system',
				method: 'catalog.productImage.delete',
				code: 'OVERLOAD_LIMIT',
				times: Infinity,
			},
			{ code: 'OVERLOAD_LIMIT', text: 'REST API is blocked due to overload' },
		],
	] as const)(
		'answers %s with status %p and the Bitrix24 code and text',
		async (_, status, payload, fault, body) => {
			if (fault) portal.emulator.injectFault(fault);
			const { answer, execution } = await withdraw(payload);
			expect(answer).toEqual({ status, body });
			// The error went out through the node's error output: the execution itself succeeded.
			expect(execution.run?.data.resultData.error).toBeUndefined();
			expect(nodeOutput(execution.run, 'Answer with the Bitrix24 error')).toHaveLength(1);
			expect(deleteCalls()).not.toEqual([]);
		},
	);

	it('answers 400 and deletes nothing when the withdrawal names no image', async () => {
		const { answer } = await withdraw({ productId: 101 });
		expect(answer).toEqual({
			status: 400,
			body: { code: null, text: 'Image ID is empty [item 0]' },
		});
		expect(portal.emulator.requests).toEqual([]);
	});
});

describe('example: create or update products from a JSON feed', () => {
	const FILE = 'upsert-products-from-feed.json';
	const NODE = 'Create or update the product';
	const FEED = [
		{ xmlId: 'SUP-1001', name: 'Burr grinder', active: true, brand: 'Bosch' },
		{ xmlId: 'SUP-1002', name: 'Cold brew maker', active: false, brand: 'Philips' },
		// A product made in Bitrix24 without an XML ID has its ID as one: 101 is the espresso machine.
		{ xmlId: '101', name: 'Espresso machine, 2025', active: true, brand: 'DeLonghi' },
	];

	/**
	 * Posts a feed to the example's Webhook node; resolves with the answer, the execution and the
	 * commands of each batch request the run sent (queries decoded).
	 */
	async function post(feed: unknown) {
		const { json } = await activateExample(FILE);
		const url = hosting.host.webhookUrl(json, 'When a product feed arrives');
		expect(url).toMatch(/\/webhook\/bitrix24-product-feed$/);
		const done = hosting.host.executions.length;
		const sent = portal.emulator.restCalls().length;
		const answer = await postJson(url, feed);
		const executions = await hosting.host.executionsDone(done + 1);
		// The catalog's product fields, read once per run to check the feed's, then batches only.
		const sentNow = portal.emulator.restCalls().slice(sent);
		const calls = sentNow.slice(1);
		expect(sentNow.map((call) => call.restMethod)).toEqual(
			sentNow.length === 0
				? []
				: ['catalog.product.getFieldsByFilter', ...calls.map(() => 'batch')],
		);
		return {
			answer: { status: answer.status, body: answer.body },
			execution: executions[done],
			batches: calls.map((call) =>
				Object.values(call.params.cmd as Record<string, string>).map(decodeURIComponent),
			),
		};
	}

	const lookup = (xmlId: string) =>
		`catalog.product.list?select[0]=id&select[1]=iblockId&filter[iblockId]=23&filter[=xmlId]=${xmlId}&order[id]=ASC&start=-1`;
	const fields = ({ xmlId, name, active, brand }: (typeof FEED)[number]) =>
		`fields[xmlId]=${xmlId}&fields[name]=${name}&fields[active]=${active ? 'Y' : 'N'}&fields[property110][value]=${brand}&fields[iblockId]=23`;
	/** The node's output, as far as the feed wrote it. */
	const written = (execution: { run?: IRun }) =>
		nodeOutput(execution.run, NODE).map(({ id, xmlId, name, active, property110 }) => ({
			id,
			xmlId,
			name,
			active,
			brand: (property110 as { value: string }).value,
		}));
	const catalogSize = () => portal.emulator.portal.productsIn(23).length;

	it('creates the new products and updates the known ones, then on the feed again creates nothing', async () => {
		const before = catalogSize();
		const first = await post(FEED);
		expect(first.execution.run?.data.resultData.error).toBeUndefined();
		expect(first.answer).toEqual({
			status: 200,
			body: [
				{ id: 107, xmlId: 'SUP-1001' },
				{ id: 108, xmlId: 'SUP-1002' },
				{ id: 101, xmlId: '101' },
			],
		});
		expect(written(first.execution)).toEqual([
			{ id: 107, xmlId: 'SUP-1001', name: 'Burr grinder', active: 'Y', brand: 'Bosch' },
			{ id: 108, xmlId: 'SUP-1002', name: 'Cold brew maker', active: 'N', brand: 'Philips' },
			{ id: 101, xmlId: '101', name: 'Espresso machine, 2025', active: 'Y', brand: 'DeLonghi' },
		]);
		// The lookups in one batch, then the adds and the update in the next.
		expect(first.batches).toEqual([
			FEED.map(({ xmlId }) => lookup(xmlId)),
			[
				`catalog.product.add?${fields(FEED[0])}`,
				`catalog.product.add?${fields(FEED[1])}`,
				`catalog.product.update?id=101&${fields(FEED[2])}`,
			],
		]);
		expect(catalogSize()).toBe(before + 2);

		// The same feed again, the cold brew maker now for sale: every product is found and updated.
		const again = FEED.map((product) =>
			product.xmlId === 'SUP-1002' ? { ...product, active: true } : product,
		);
		const second = await post(again);
		expect(second.answer).toEqual(first.answer);
		expect(written(second.execution)).toEqual(
			written(first.execution).map((product) =>
				product.id === 108 ? { ...product, active: 'Y' } : product,
			),
		);
		expect(second.batches).toEqual([
			again.map(({ xmlId }) => lookup(xmlId)),
			[
				`catalog.product.update?id=107&${fields(again[0])}`,
				`catalog.product.update?id=108&${fields(again[1])}`,
				`catalog.product.update?id=101&${fields(again[2])}`,
			],
		]);
		expect(catalogSize()).toBe(before + 2);
	});

	it('answers 500 and sends nothing to Bitrix24 when a product of the feed has no XML ID', async () => {
		const { answer, execution } = await post([FEED[0], { name: 'Kettle', active: true }]);
		expect(answer).toEqual({ status: 500, body: { message: 'Error in workflow' } });
		expect(execution.run?.data.resultData.error?.message).toBe(
			'Fields: xmlId, the field to match on, is empty [item 1]',
		);
		expect(portal.emulator.requests).toEqual([]);
	});
});

/** Posts `body` to an example's Webhook node; resolves with the answer and the execution. */
async function postToExample(file: string, webhookNode: string, body: unknown) {
	const { json } = await activateExample(file);
	const done = hosting.host.executions.length;
	const answer = await postJson(hosting.host.webhookUrl(json, webhookNode), body);
	const executions = await hosting.host.executionsDone(done + 1);
	return { answer: { status: answer.status, body: answer.body }, execution: executions[done] };
}

describe('example: receive goods from a delivery note', () => {
	const NOTE = {
		supplier: 'Coffee Parts Ltd',
		number: 'DN-2041',
		currency: 'USD',
		storeId: 2,
		lines: [
			{ productId: 101, quantity: 4, price: 240 },
			{ productId: 402, quantity: 10, price: 35.5 },
		],
	};

	it('makes a receipt with the lines as its goods, conducts it, and the store holds more', async () => {
		portal.emulator.portal.inventoryManagement = true;
		const { answer, execution } = await postToExample(
			'receive-goods-from-delivery-note.json',
			'When a delivery note arrives',
			NOTE,
		);
		expect(execution.run?.data.resultData.error).toBeUndefined();
		expect(answer).toEqual({
			status: 200,
			body: {
				documentId: 3,
				status: 'Y',
				stock: [
					{ productId: 101, storeId: 2, amount: 7 },
					{ productId: 402, storeId: 2, amount: 10 },
				],
			},
		});
		const bodies = (method: string) => portal.emulator.restCalls(method).map((call) => call.params);
		expect(bodies('catalog.document.add')).toEqual([
			{
				fields: {
					docType: 'A',
					currency: 'USD',
					responsibleId: 1,
					title: 'Delivery note DN-2041 from Coffee Parts Ltd',
					docNumber: 'DN-2041',
				},
			},
		]);
		const itemCommands = batchCommands(portal.emulator).flat().map(decodeURIComponent);
		expect(itemCommands).toEqual([
			'catalog.document.element.add?fields[docId]=3&fields[elementId]=101&fields[amount]=4&fields[purchasingPrice]=240&fields[storeTo]=2',
			'catalog.document.element.add?fields[docId]=3&fields[elementId]=402&fields[amount]=10&fields[purchasingPrice]=35.5&fields[storeTo]=2',
		]);
		expect(bodies('catalog.document.conduct')).toEqual([{ id: 3 }]);
	});

	it('fails at Conduct naming the receipt when inventory management is off, and leaves the stock', async () => {
		const { execution } = await postToExample(
			'receive-goods-from-delivery-note.json',
			'When a delivery note arrives',
			NOTE,
		);
		expect(execution.run?.data.resultData.error).toMatchObject({
			message:
				'Bitrix24 error 0: Warehouse accounting must be enabled to conduct the document (inventory document 3)',
		});
		expect(execution.run?.data.resultData.lastNodeExecuted).toBe('Conduct the receipt');
		expect(portal.emulator.restCalls('catalog.storeproduct.list')).toEqual([]);
	});
});

describe('example: low-stock alert', () => {
	it('lists the stock below the threshold in one message', async () => {
		const { answer, execution } = await postToExample(
			'low-stock-alert.json',
			'When the stock is checked',
			{
				below: 5,
			},
		);
		expect(execution.run?.data.resultData.error).toBeUndefined();
		expect(answer).toEqual({
			status: 200,
			body: { message: 'Low stock:\n- product #101 in store #2: 3 left', lowCount: 1 },
		});
		expect(portal.emulator.restCalls('catalog.storeproduct.list')[0].params).toMatchObject({
			filter: { '<amount': 5 },
		});
	});

	it('says so when nothing is low', async () => {
		const { answer } = await postToExample('low-stock-alert.json', 'When the stock is checked', {
			below: 1,
		});
		expect(answer).toEqual({
			status: 200,
			body: { message: 'No product is low on stock.', lowCount: 0 },
		});
	});
});

describe('example: set prices from a price list', () => {
	it('finds each product by its XML ID and sets its retail and wholesale prices, keeping the others', async () => {
		const { json } = await activateExample('set-prices-from-price-list.json');
		const url = hosting.host.webhookUrl(json, 'When a price list arrives');
		const done = hosting.host.executions.length;
		// Products made in Bitrix24 without an XML ID have their ID as one.
		const answer = await postJson(url, [
			{ sku: '101', retail: 460, wholesale: 399.9, currency: 'usd' },
			{ sku: '401', retail: 125, wholesale: 100, currency: 'EUR' },
		]);
		const executions = await hosting.host.executionsDone(done + 1);
		expect(executions[done].run?.data.resultData.error).toBeUndefined();
		expect(answer.body).toEqual([
			{
				sku: '101',
				productId: 101,
				prices: [
					{ priceType: 1, price: 460, currency: 'USD' },
					{ priceType: 2, price: 399.9, currency: 'USD' },
				],
			},
			{
				sku: '401',
				productId: 401,
				prices: [
					{ priceType: 1, price: 125, currency: 'EUR' },
					{ priceType: 2, price: 100, currency: 'EUR' },
				],
			},
		]);
		// The product fields its Get Many filters on (read once), the lookups in a batch, the
		// portal's currencies, both products' prices in one list call, and the writes in a batch.
		expect(portal.emulator.restCalls().map((call) => call.restMethod)).toEqual([
			'catalog.catalog.isOffers',
			'catalog.product.getFieldsByFilter',
			'batch',
			'crm.currency.list',
			'catalog.price.list',
			'batch',
		]);
		expect(
			portal.emulator.portal.records
				.of('catalog.price')
				.all()
				.filter((row) => row.productId === 101),
		).toHaveLength(2);
	});
});

describe('example: send catalog changes to another system (offline queue)', () => {
	const FILE = 'send-catalog-changes-to-another-system.json';
	const received: unknown[] = [];
	let shop: Server;
	let shopUrl = '';

	beforeAll(async () => {
		// The other system: takes each POST's JSON body.
		shop = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
				response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			});
		});
		await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
		shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/api/bitrix24/product-changes`;
	});
	afterAll(async () => await new Promise((resolve) => shop.close(resolve)));
	beforeEach(() => received.splice(0));

	it('posts each product changed by hand once, deleted ones too, and not those n8n changed itself', async () => {
		const { emulator } = portal;
		const example = loadExample(FILE);
		const json = {
			...example,
			nodes: example.nodes.map((node) =>
				node.type === 'n8n-nodes-base.httpRequest'
					? { ...node, parameters: { ...node.parameters, url: shopUrl } }
					: node,
			),
		};
		await hosting.host.activate(json);
		// The first poll binds the events and starts watching.
		expect(await hosting.host.poll(json.id)).toEqual([]);
		emulator.portal.updateProduct(101, { name: 'Espresso machine Pro' });
		emulator.portal.updateProduct(101, { active: 'N' });
		emulator.portal.removeProduct(104);
		// The same application's writes through the Bitrix24 Catalog node.
		const own = await runNode({
			parameters: {
				authentication: 'oAuth2',
				resource: 'product',
				operation: 'update',
				iblockId: locator('23'),
				productId: locator('102'),
				fields: mapped({ name: 'Renamed by n8n' }),
			},
			credentials: oauth2Credentials(emulator),
		});
		expect(own.error).toBeUndefined();
		const [execution] = await hosting.host.poll(json.id);
		expect(execution.run?.data.resultData.error).toBeUndefined();
		expect(received).toEqual([
			{
				change: 'updated',
				productId: 101,
				product: { id: 101, name: 'Espresso machine Pro', xmlId: expect.any(String), active: 'N' },
				changedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				entryId: expect.any(Number),
			},
			{
				change: 'deleted',
				productId: 104,
				product: null,
				changedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				entryId: expect.any(Number),
			},
		]);
		// Handed over: the next poll confirms them to Bitrix24 and sends nothing again.
		expect(await hosting.host.poll(json.id)).toEqual([]);
		expect(received).toHaveLength(2);
		expect(emulator.events.offline.entries).toEqual([]);
	});
});
