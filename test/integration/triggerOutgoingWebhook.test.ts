import type { INodeParameters } from 'n8n-workflow';

import { formEncode } from '../emulator';
import { postForm, postJson } from '../emulator/testClient';
import { nodeLogger } from '../harness/nodeLogger';
import { nodeOutput } from './fixtures';
import { deliveryForm, TRIGGER, triggerWorkflow, UPDATED, useTriggerHost } from './triggerWorkflows';

/** Bitrix24 Catalog Trigger with a webhook credential, fed by an outgoing webhook. */

const { portal, hosting, firstDeliveredItem, withTokenInCredential } = useTriggerHost();

/** A workflow whose trigger listens to `events`, fed by an outgoing webhook set up for it. */
async function withOutgoingWebhook(events: string[], parameters: INodeParameters = {}) {
	const { emulator } = portal;
	const { host } = hosting;
	const draft = triggerWorkflow('webhook', { events });
	const url = host.webhookUrl(draft, TRIGGER);
	const hook = emulator.events.addOutgoingWebhook(url, events);
	const json = triggerWorkflow('webhook', {
		events,
		applicationToken: hook.applicationToken,
		...parameters,
	});
	await host.activate(json);
	return { url, hook };
}

describe('with a webhook credential (an outgoing webhook in Bitrix24)', () => {
	it('turns a product update into one execution with clean JSON and the product', async () => {
		const { emulator } = portal;
		const { hook } = await withOutgoingWebhook([UPDATED]);
		const before = Date.now();
		emulator.portal.updateProduct(101, { active: 'N' });
		const item = await firstDeliveredItem();
		expect(item).toEqual({
			event: UPDATED,
			productId: 101,
			productType: 1,
			productTypeName: 'Product',
			occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
			portal: new URL(emulator.baseUrl).host,
			memberId: emulator.oauth.memberId,
			eventHandlerId: hook.id,
			product: {
				id: 101,
				iblockId: 23,
				iblockSectionId: null,
				name: 'Espresso machine',
				code: 'espresso-machine',
				xmlId: '101',
				type: 1,
				active: 'N',
				available: 'Y',
				sort: 500,
				dateCreate: '2024-10-01T08:00:00+00:00',
				// The edit moved the product's modification time.
				timestampX: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
				modifiedBy: 1,
				previewPicture: expect.objectContaining({ id: '1002' }),
				detailPicture: expect.objectContaining({ id: '1001' }),
			},
		});
		expect(Date.parse(item.occurredAt as string)).toBeGreaterThanOrEqual(
			Math.floor(before / 1000) * 1000,
		);
		const { timestampX } = item.product as { timestampX: string };
		expect(Date.parse(timestampX)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
		expect(emulator.events.deliveries.map(({ status }) => status)).toEqual([200]);
		expect(emulator.restCalls().map((call) => call.restMethod)).toEqual(['catalog.product.get']);
		expect(JSON.stringify(item)).not.toContain(hook.applicationToken);
	});

	it.each([
		[
			'a wrong application token',
			(token: string) => deliveryForm(UPDATED, { ID: 101, TYPE: 1 }, `${token}x`),
		],
		['no application token', () => formEncode({ event: UPDATED, data: { FIELDS: { ID: 101 } } })],
		['an empty body', () => ''],
	])('answers a request with %s 401 and starts nothing', async (_, form) => {
		const { emulator } = portal;
		const { url, hook } = await withOutgoingWebhook([UPDATED]);
		const answer = await postForm(url, form(hook.applicationToken));
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({
			message: 'Not a Bitrix24 event for this trigger: the application token does not match',
		});
		expect(await hosting.host.executionsDone(0)).toEqual([]);
		expect(emulator.requests).toEqual([]);
	});

	it('reads an event posted as JSON with the right token, and refuses it with a wrong one', async () => {
		const { url, hook } = await withOutgoingWebhook([UPDATED], { includeProduct: false });
		const event = (token: string) => ({
			event: UPDATED,
			data: { FIELDS: { ID: '101', TYPE: '1' } },
			ts: '1714649632',
			auth: { domain: 'acme.bitrix24.com', application_token: token },
		});
		expect((await postJson(url, event(`${hook.applicationToken}0`))).status).toBe(401);
		expect((await postJson(url, event(hook.applicationToken))).status).toBe(200);
		const [execution] = await hosting.host.executionsDone(1);
		expect(nodeOutput(execution.run, TRIGGER)).toEqual([
			{
				event: UPDATED,
				productId: 101,
				productType: 1,
				productTypeName: 'Product',
				occurredAt: '2024-05-02T11:33:52.000Z',
				portal: 'acme.bitrix24.com',
			},
		]);
	});

	it('refuses a forged JSON body too', async () => {
		const { url } = await withOutgoingWebhook([UPDATED]);
		const answer = await postJson(url, { event: UPDATED, data: { FIELDS: { ID: '101' } } });
		expect(answer.status).toBe(401);
		expect(await hosting.host.executionsDone(0)).toEqual([]);
	});

	it('reads a price event: its ID as a number, no product to fetch', async () => {
		const { emulator } = portal;
		const { url, hook } = await withOutgoingWebhook(['CATALOG.PRICE.ON.ADD']);
		const answer = await postForm(
			url,
			deliveryForm('CATALOG.PRICE.ON.ADD', { ID: 77 }, hook.applicationToken),
		);
		expect(answer.status).toBe(200);
		const [execution] = await hosting.host.executionsDone(1);
		expect(nodeOutput(execution.run, TRIGGER)).toEqual([
			{
				event: 'CATALOG.PRICE.ON.ADD',
				priceId: 77,
				occurredAt: '2024-05-02T11:33:52.000Z',
				portal: 'acme.bitrix24.com',
				memberId: 'a223c6b3710f85df22e9377d6c4f7553',
				eventHandlerId: 3,
			},
		]);
		expect(emulator.requests).toEqual([]);
	});

	it.each([
		[
			'an ID past what Bitrix24 stores',
			{ ID: '99999999999999999999', TYPE: 1 },
			'data[FIELDS][ID] must be at most 2147483647 (the largest ID Bitrix24 stores), but got 100000000000000000000',
		],
		['an ID that is no number', { ID: 'abc', TYPE: 1 }, 'data[FIELDS][ID] must be a number, but got "abc"'],
		['no ID', { TYPE: 1 }, 'data[FIELDS][ID] is empty'],
		['a type that is no number', { ID: 101, TYPE: '1; DROP' }, 'data[FIELDS][TYPE] must be a number, but got "1; DROP"'],
	])(
		'acknowledges an event with %s, starts nothing, asks Bitrix24 nothing and logs the field',
		async (_, fields, problem) => {
			const { emulator } = portal;
			const warn = jest.spyOn(nodeLogger(), 'warn').mockImplementation(() => {});
			try {
				const { url, hook } = await withOutgoingWebhook([UPDATED]);
				const answer = await postForm(url, deliveryForm(UPDATED, fields, hook.applicationToken));
				expect(answer.status).toBe(200);
				expect(answer.body).toEqual({ message: `Event ${UPDATED} ignored: ${problem}` });
				expect(await hosting.host.executionsDone(0)).toEqual([]);
				expect(emulator.requests).toEqual([]);
				expect(warn.mock.calls).toEqual([
					[
						`Bitrix24 Catalog Trigger "${TRIGGER}" ignored a ${UPDATED} event: ${problem}`,
						{ workflowId: 'trigger-workflow', field: problem.split(' ')[0] },
					],
				]);
				expect(JSON.stringify(warn.mock.calls)).not.toContain(hook.applicationToken);
			} finally {
				warn.mockRestore();
			}
		},
	);

	it('acknowledges an event it does not listen to without starting an execution', async () => {
		const { url, hook } = await withOutgoingWebhook([UPDATED]);
		const answer = await postForm(
			url,
			deliveryForm('CATALOG.PRODUCT.ON.ADD', { ID: 101, TYPE: 1 }, hook.applicationToken),
		);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			message: 'Event CATALOG.PRODUCT.ON.ADD is not selected in this trigger',
		});
		expect(await hosting.host.executionsDone(0)).toEqual([]);
	});

	it('reports a product that is gone by the time the event arrives, without failing', async () => {
		const { url, hook } = await withOutgoingWebhook([UPDATED]);
		await postForm(url, deliveryForm(UPDATED, { ID: 999, TYPE: 4 }, hook.applicationToken));
		const [execution] = await hosting.host.executionsDone(1);
		expect(nodeOutput(execution.run, TRIGGER)).toEqual([
			expect.objectContaining({
				productId: 999,
				productType: 4,
				productTypeName: 'Variation',
				product: null,
				productNotFound: true,
			}),
		]);
		expect(execution.run?.data.resultData.error).toBeUndefined();
	});

	it('hands on a deleted product without fetching it', async () => {
		const { emulator } = portal;
		await withOutgoingWebhook(['CATALOG.PRODUCT.ON.DELETE']);
		emulator.portal.removeProduct(104);
		const execution = await hosting.firstExecution();
		expect(nodeOutput(execution.run, TRIGGER)).toEqual([
			expect.objectContaining({
				event: 'CATALOG.PRODUCT.ON.DELETE',
				productId: 104,
				productType: 7,
				productTypeName: 'Service',
			}),
		]);
		expect(nodeOutput(execution.run, TRIGGER)[0]).not.toHaveProperty('product');
		expect(emulator.requests).toEqual([]);
	});

	it.each<[string, INodeParameters, unknown]>([
		[
			'the chosen fields',
			{ productFields: 'name, active,iblockSectionId' },
			{ name: 'Espresso machine', active: 'Y', iblockSectionId: null },
		],
		[
			'every field when none are given',
			{ productFields: '' },
			expect.objectContaining({ previewText: null, quantity: expect.any(Number), sort: 500 }),
		],
	])('fetches %s of the product', async (_, parameters, product) => {
		const { url, hook } = await withOutgoingWebhook([UPDATED], parameters);
		await postForm(url, deliveryForm(UPDATED, { ID: 101, TYPE: 1 }, hook.applicationToken));
		const [execution] = await hosting.host.executionsDone(1);
		expect(nodeOutput(execution.run, TRIGGER)[0].product).toEqual(product);
	});

	it.each([
		[101, 1, 'catalog.product.get', 'Espresso machine'],
		[102, 3, 'catalog.product.sku.get', 'T-shirt'],
		[103, 4, 'catalog.product.offer.get', 'T-shirt, red, M'],
		[104, 7, 'catalog.product.service.get', 'Installation'],
		[105, 6, 'catalog.product.sku.get', 'Gift card'],
		[106, 5, 'catalog.product.offer.get', 'Spare filter'],
	])('fetches product %i of type %i with %s', async (id, type, method, name) => {
		const { emulator } = portal;
		const { url, hook } = await withOutgoingWebhook([UPDATED]);
		await postForm(url, deliveryForm(UPDATED, { ID: id, TYPE: type }, hook.applicationToken));
		const [execution] = await hosting.host.executionsDone(1);
		expect(nodeOutput(execution.run, TRIGGER)[0].product).toMatchObject({ id, type, name });
		expect(emulator.restCalls().map((call) => call.restMethod)).toEqual([method]);
	});

	it('fetches nothing when product details are turned off', async () => {
		const { emulator } = portal;
		const { url, hook } = await withOutgoingWebhook([UPDATED], { includeProduct: false });
		await postForm(url, deliveryForm(UPDATED, { ID: 101, TYPE: 1 }, hook.applicationToken));
		const [execution] = await hosting.host.executionsDone(1);
		expect(nodeOutput(execution.run, TRIGGER)[0]).not.toHaveProperty('product');
		expect(emulator.requests).toEqual([]);
	});

	it('fails the execution with the Bitrix24 code when the product cannot be read', async () => {
		const { emulator } = portal;
		const { url, hook } = await withOutgoingWebhook([UPDATED]);
		emulator.injectFault({
			kind: 'error',
			method: 'catalog.product.get',
			status: 400,
			code: 200040300010,
			description: 'Access Denied',
		});
		const answer = await postForm(
			url,
			deliveryForm(UPDATED, { ID: 101, TYPE: 1 }, hook.applicationToken),
		);
		// Acknowledged before the product was asked for; the failure is the execution's.
		expect(answer.status).toBe(200);
		const [execution] = await hosting.host.executionsDone(1);
		expect(execution.error).toMatchObject({
			message: 'Bitrix24 error 200040300010: Access Denied',
			context: {
				bitrix24: { code: '200040300010', description: 'Access Denied', httpCode: '400' },
			},
		});
	});

	it.each<[string, INodeParameters, string]>([
		[
			'no event is chosen',
			{ events: [], applicationToken: 'token' },
			'Choose at least one event in Events',
		],
		[
			'the application token is empty',
			{ events: [UPDATED], applicationToken: '' },
			"Application Token is empty: paste the token Bitrix24 shows for the outgoing webhook into the credential's Application Token field",
		],
	])('refuses to activate when %s', async (_, parameters, message) => {
		await expect(
			hosting.host.activate(triggerWorkflow('webhook', parameters)),
		).rejects.toMatchObject({ message });
		expect(portal.emulator.requests).toEqual([]);
	});

	describe('with the application token in the credential', () => {
		it('starts the workflow, and the workflow holds no token', async () => {
			const { emulator } = portal;
			const { json, hook } = await withTokenInCredential({ includeProduct: false });
			emulator.portal.updateProduct(101, { active: 'N' });
			expect(await firstDeliveredItem()).toMatchObject({ event: UPDATED, productId: 101 });
			expect(emulator.events.deliveries.map(({ status }) => status)).toEqual([200]);
			expect(JSON.stringify(json)).not.toContain(hook.applicationToken);
		});

		it('refuses an event with another token (401), starting nothing', async () => {
			const { url, hook } = await withTokenInCredential();
			const answer = await postForm(
				url,
				deliveryForm(UPDATED, { ID: 101, TYPE: 1 }, `${hook.applicationToken}x`),
			);
			expect(answer.status).toBe(401);
			expect(await hosting.host.executionsDone(0)).toEqual([]);
			expect(portal.emulator.requests).toEqual([]);
		});

		it("still takes the token a trigger set up before holds, besides the credential's", async () => {
			const { url, hook } = await withTokenInCredential({
				includeProduct: false,
				applicationToken: 'token-of-an-older-trigger',
			});
			for (const token of [hook.applicationToken, 'token-of-an-older-trigger']) {
				const answer = await postForm(url, deliveryForm(UPDATED, { ID: 101, TYPE: 1 }, token));
				expect(answer.status).toBe(200);
			}
			expect(await hosting.host.executionsDone(2)).toHaveLength(2);
		});
	});

	it('runs from the Test URL while n8n listens for a test event, and keeps listening after a forged call', async () => {
		const { emulator } = portal;
		const { host } = hosting;
		const draft = triggerWorkflow('webhook', { events: [UPDATED] });
		const testUrl = host.webhookUrl(draft, TRIGGER, true);
		const hook = emulator.events.addOutgoingWebhook(testUrl, [UPDATED]);
		await host.listenForTestEvent(
			triggerWorkflow('webhook', { events: [UPDATED], applicationToken: hook.applicationToken }),
		);
		expect(
			(await postForm(testUrl, deliveryForm(UPDATED, { ID: 101, TYPE: 1 }, 'forged'))).status,
		).toBe(401);
		emulator.portal.updateProduct(101, { name: 'Espresso machine II' });
		const item = await firstDeliveredItem();
		expect(item).toMatchObject({ productId: 101, product: { name: 'Espresso machine II' } });
		expect(host.executions.map((execution) => execution.mode)).toEqual(['manual']);
		// Like n8n, the test URL stops answering once it started an execution.
		expect(
			(await postForm(testUrl, deliveryForm(UPDATED, { ID: 101, TYPE: 1 }, hook.applicationToken)))
				.status,
		).toBe(404);
	});

	it('asks Bitrix24 for nothing when the workflow is activated or deactivated', async () => {
		const { emulator } = portal;
		await withOutgoingWebhook([UPDATED]);
		await hosting.host.deactivate('trigger-workflow');
		expect(emulator.requests).toEqual([]);
	});
});
