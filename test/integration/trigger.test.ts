import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { type Fault, formEncode } from '../emulator';
import { postForm, postJson } from '../emulator/testClient';
import { nodeLogger } from '../harness/nodeLogger';
import { WorkflowHost, type WorkflowJson } from '../harness/workflowHost';
import { TRIGGER_TYPE } from '../harness/typeNames';
import { type Authentication, webhookCredentials } from '../harness/nodeInputs';
import { nodeOutput, usePortal, useWorkflowHost } from './fixtures';

const TRIGGER = 'Bitrix24 Catalog Trigger';
/** The portal refusing an event.bind inside a batch. */
const BIND_REFUSED: Fault = {
	kind: 'error',
	method: 'event.bind',
	inBatch: true,
	status: 400,
	code: 'ERROR_EVENT_NOT_FOUND',
	description: 'Event not found',
};
const UPDATED = 'CATALOG.PRODUCT.ON.UPDATE';

const portal = usePortal();
const hosting = useWorkflowHost(portal);

function triggerWorkflow(
	authentication: Authentication,
	parameters: INodeParameters,
): WorkflowJson {
	return {
		id: 'trigger-workflow',
		name: 'Catalog trigger',
		nodes: [
			{
				id: 'a3d3c1f2-64f5-4c55-9a1e-7b0c3f1d2e01',
				name: TRIGGER,
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: '5b7f0c2e-2f4b-4c1e-8f7a-0e9d8c7b6a01',
				parameters: { authentication, ...parameters },
				credentials:
					authentication === 'webhook'
						? { bitrix24WebhookApi: { id: 'webhook-id', name: 'Bitrix24 webhook' } }
						: { bitrix24OAuth2Api: { id: 'oauth2-id', name: 'Bitrix24 OAuth2' } },
			},
		],
		connections: {},
	};
}

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

/**
 * Activates the workflow, with the static data n8n saved, on a second n8n started at `publicUrl`
 * (by default the same address, as after a restart), then stops that n8n.
 */
async function activateOnNewHost(
	json: WorkflowJson,
	saved: IDataObject,
	publicUrl = hosting.host.publicUrl,
): Promise<void> {
	const restarted = await WorkflowHost.start(hosting.credentialsHelper, publicUrl);
	try {
		await restarted.activate(json, { ...saved });
	} finally {
		await restarted.stop();
	}
}

/** The trigger's item of the first execution, once the portal's deliveries are answered. */
async function firstDeliveredItem() {
	return nodeOutput((await hosting.firstExecution()).run, TRIGGER)[0];
}

/** A delivery the way Bitrix24 posts it; `auth` is an outgoing webhook's. */
function deliveryForm(
	event: string,
	fields: Record<string, number | string>,
	applicationToken: string,
) {
	return formEncode({
		event,
		event_handler_id: 3,
		data: { FIELDS: fields },
		ts: 1714649632,
		auth: {
			domain: 'acme.bitrix24.com',
			client_endpoint: 'https://acme.bitrix24.com/rest/',
			server_endpoint: 'https://oauth.bitrix.info/rest/',
			member_id: 'a223c6b3710f85df22e9377d6c4f7553',
			application_token: applicationToken,
		},
	});
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
				timestampX: '2024-10-01T08:00:00+00:00',
				modifiedBy: 1,
				previewPicture: expect.objectContaining({ id: '1002' }),
				detailPicture: expect.objectContaining({ id: '1001' }),
			},
		});
		expect(Date.parse(item.occurredAt as string)).toBeGreaterThanOrEqual(
			Math.floor(before / 1000) * 1000,
		);
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
		/** The outgoing webhook's token stored with the credential; the trigger holds none. */
		async function withTokenInCredential(parameters: INodeParameters = {}) {
			const { emulator } = portal;
			const { host, credentialsHelper } = hosting;
			const json = triggerWorkflow('webhook', { events: [UPDATED], ...parameters });
			const url = host.webhookUrl(json, TRIGGER);
			const hook = emulator.events.addOutgoingWebhook(url, [UPDATED]);
			credentialsHelper.set('bitrix24WebhookApi', {
				...webhookCredentials(emulator).bitrix24WebhookApi,
				applicationToken: hook.applicationToken,
			});
			await host.activate(json);
			return { json, url, hook };
		}

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

describe('with an OAuth2 credential (the trigger subscribes itself)', () => {
	const EVENTS = ['CATALOG.PRODUCT.ON.ADD', UPDATED];

	it('binds each event to its production URL on activation and unbinds on deactivation', async () => {
		const { emulator } = portal;
		const { host } = hosting;
		const json = triggerWorkflow('oAuth2', { events: EVENTS });
		const url = host.webhookUrl(json, TRIGGER);
		const workflow = await host.activate(json);
		const handler = emulator.events.bindings[0]?.handler;
		expect(handler).toMatch(new RegExp(`^${url.replace(/[.?]/g, '\\$&')}\\?key=[0-9a-f]{48}$`));
		expect(emulator.events.bindings).toEqual(
			EVENTS.map((event, index) => ({ id: index + 1, event, handler, authType: 0 })),
		);
		// Nothing saved yet, so nothing to check: the app is installed, and one batch binds both events.
		expect(emulator.restCalls().map((call) => call.restMethod)).toEqual(['app.info', 'batch']);
		expect(workflow.staticData[`node:${TRIGGER}`]).toEqual({
			handler,
			handlerKey: new URL(handler).searchParams.get('key'),
			boundEvents: EVENTS,
		});

		await host.deactivate('trigger-workflow');
		expect(emulator.events.bindings).toEqual([]);
		expect(workflow.staticData[`node:${TRIGGER}`]).toEqual({});
	});

	it('finds its subscription in place after a restart and binds nothing twice', async () => {
		const { emulator } = portal;
		const json = triggerWorkflow('oAuth2', { events: EVENTS });
		const saved = (await hosting.host.activate(json)).staticData;
		const bindings = structuredClone(emulator.events.bindings);
		emulator.clearRequests();
		await activateOnNewHost(json, saved);
		expect(emulator.restCalls().map((call) => call.restMethod)).toEqual(['event.get']);
		expect(emulator.events.bindings).toEqual(bindings);
	});

	it('moves its subscription to the new URL when n8n starts again at another address', async () => {
		const { emulator } = portal;
		const json = triggerWorkflow('oAuth2', { events: EVENTS });
		const saved = (await hosting.host.activate(json)).staticData;
		await activateOnNewHost(json, saved, 'https://n8n.example.com');
		const handlers = new Set(emulator.events.bindings.map((binding) => binding.handler));
		expect(emulator.events.bindings.map((binding) => binding.event)).toEqual(EVENTS);
		expect([...handlers]).toEqual([
			expect.stringMatching(
				/^https:\/\/n8n\.example\.com\/webhook\/5b7f0c2e-2f4b-4c1e-8f7a-0e9d8c7b6a01\/webhook\?key=[0-9a-f]{48}$/,
			),
		]);
	});

	it('subscribes again when a binding went missing in Bitrix24, dropping the old ones', async () => {
		const { emulator } = portal;
		const json = triggerWorkflow('oAuth2', { events: EVENTS });
		const saved = (await hosting.host.activate(json)).staticData;
		const oldHandler = emulator.events.bindings[0].handler;
		emulator.events.unbind({ event: UPDATED });
		await activateOnNewHost(json, saved);
		const handlers = new Set(emulator.events.bindings.map((binding) => binding.handler));
		expect(emulator.events.bindings.map((binding) => binding.event)).toEqual(EVENTS);
		expect(handlers.size).toBe(1);
		expect(handlers.has(oldHandler)).toBe(false);
	});

	it('delivers a bound event, and refuses the same URL without its key', async () => {
		const { emulator } = portal;
		const { host } = hosting;
		const json = triggerWorkflow('oAuth2', { events: EVENTS });
		const url = host.webhookUrl(json, TRIGGER);
		await host.activate(json);
		emulator.portal.updateProduct(102, { name: 'T-shirt (new)' });
		const item = await firstDeliveredItem();
		expect(item).toMatchObject({
			event: UPDATED,
			productId: 102,
			productType: 3,
			productTypeName: 'Product with variations',
			eventHandlerId: 2,
			product: { id: 102, name: 'T-shirt (new)' },
		});
		// The tokens Bitrix24 sent in `auth` stay behind.
		const delivered = new URLSearchParams(emulator.events.deliveries[0].body);
		for (const secret of ['auth[access_token]', 'auth[application_token]']) {
			expect(JSON.stringify(item)).not.toContain(delivered.get(secret));
		}

		const forged = await postForm(url, emulator.events.deliveries[0].body);
		expect(forged.status).toBe(401);
		expect(forged.body).toEqual({
			message: 'Not a Bitrix24 event for this trigger: the handler key in the URL does not match',
		});
		const wrongKey = await postForm(
			`${url}?key=${'0'.repeat(48)}`,
			emulator.events.deliveries[0].body,
		);
		expect(wrongKey.status).toBe(401);
		expect(await host.executionsDone(1)).toHaveLength(1);
	});

	it('acknowledges a bound event with a malformed ID without starting anything', async () => {
		const { emulator } = portal;
		const { host } = hosting;
		const json = triggerWorkflow('oAuth2', { events: EVENTS });
		await host.activate(json);
		const handler = emulator.events.bindings[0].handler;
		emulator.clearRequests();
		const answer = await postForm(
			handler,
			deliveryForm(UPDATED, { ID: '99999999999999999999', TYPE: 1 }, 'app-token'),
		);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			message: `Event ${UPDATED} ignored: data[FIELDS][ID] must be at most 2147483647 (the largest ID Bitrix24 stores), but got 100000000000000000000`,
		});
		expect(await host.executionsDone(0)).toEqual([]);
		expect(emulator.requests).toEqual([]);
	});

	it('binds the Test URL while listening for a test event, and unbinds it after the event', async () => {
		const { emulator } = portal;
		const { host } = hosting;
		const json = triggerWorkflow('oAuth2', { events: [UPDATED] });
		await host.listenForTestEvent(json);
		const testUrl = host.webhookUrl(json, TRIGGER, true);
		expect(testUrl).toContain('/webhook-test/');
		expect(emulator.events.bindings).toEqual([
			expect.objectContaining({
				event: UPDATED,
				handler: expect.stringContaining(`${testUrl}?key=`),
			}),
		]);
		emulator.portal.updateProduct(101, { name: 'Espresso machine II' });
		const execution = await hosting.firstExecution();
		expect(execution.mode).toBe('manual');
		expect(nodeOutput(execution.run, TRIGGER)[0]).toMatchObject({ productId: 101 });
		expect(emulator.events.bindings).toEqual([]);
	});

	it('unbinds the Test URL when listening stops without an event', async () => {
		const { emulator } = portal;
		const { host } = hosting;
		await host.listenForTestEvent(triggerWorkflow('oAuth2', { events: [UPDATED] }));
		expect(emulator.events.bindings).toHaveLength(1);
		// n8n takes test webhooks down the same way when listening is cancelled or times out.
		await host.deactivate('trigger-workflow');
		expect(emulator.events.bindings).toEqual([]);
	});

	it('leaves the production subscription alone while a test event comes and goes', async () => {
		const { emulator } = portal;
		const { host } = hosting;
		const json = triggerWorkflow('oAuth2', { events: [UPDATED] });
		await host.activate(json);
		const production = structuredClone(emulator.events.bindings);
		await host.listenForTestEvent(json);
		expect(emulator.events.bindings).toEqual([
			...production,
			expect.objectContaining({ handler: expect.stringContaining('/webhook-test/') }),
		]);
		emulator.portal.updateProduct(101, { name: 'Espresso machine II' });
		await emulator.events.settled();
		expect((await host.executionsDone(2)).map((execution) => execution.mode).sort()).toEqual([
			'manual',
			'webhook',
		]);
		expect(emulator.events.bindings).toEqual(production);
	});

	it('undoes the events it bound when another one is refused, and fails activation', async () => {
		const { emulator } = portal;
		const json = triggerWorkflow('oAuth2', { events: EVENTS });
		emulator.injectFault(BIND_REFUSED);
		// The fault takes the first bind; the second goes through, then is undone.
		await expect(hosting.host.activate(json)).rejects.toMatchObject({
			message: 'Bitrix24 error ERROR_EVENT_NOT_FOUND: Event not found',
		});
		expect(emulator.restCalls().map((call) => call.restMethod)).toEqual([
			'app.info',
			'batch',
			'batch',
		]);
		expect(emulator.events.bindings).toEqual([]);
	});

	it('takes "Handler already binded" on a retried bind as bound, when the first answer was lost', async () => {
		const { emulator } = portal;
		const json = triggerWorkflow('oAuth2', { events: EVENTS });
		emulator.injectFault({ kind: 'commitThenDrop', method: 'batch' });
		const workflow = await hosting.host.activate(json);
		expect(emulator.restCalls().map((call) => `${call.restMethod} ${call.status}`)).toEqual([
			'app.info 200',
			'batch 0',
			'batch 200',
		]);
		const { handler } = workflow.staticData[`node:${TRIGGER}`] as { handler: string };
		expect(emulator.events.bindings).toEqual(
			EVENTS.map((event, index) => ({ id: index + 1, event, handler, authType: 0 })),
		);
	});

	it("refuses to activate, sending nothing, when n8n's address is one Bitrix24 cannot call", async () => {
		const { emulator } = portal;
		await expect(
			activateOnNewHost(
				triggerWorkflow('oAuth2', { events: [UPDATED] }),
				{},
				'http://localhost:5678',
			),
		).rejects.toMatchObject({
			message:
				'Bitrix24 cannot call n8n at http://localhost:5678: it needs an address it can reach',
			description: expect.stringContaining("Set n8n's WEBHOOK_URL environment variable"),
		});
		expect(emulator.requests).toEqual([]);
	});

	it('refuses to activate, binding nothing, while the app has not finished installing', async () => {
		const { emulator } = portal;
		emulator.events.appInstalled = false;
		await expect(
			hosting.host.activate(triggerWorkflow('oAuth2', { events: [UPDATED] })),
		).rejects.toMatchObject({
			message:
				"The credential's Bitrix24 application is not installed, so Bitrix24 would send it no events",
			description: expect.stringContaining('tick "Application uses API only"'),
		});
		expect(emulator.restCalls().map((call) => call.restMethod)).toEqual(['app.info']);
		expect(emulator.events.bindings).toEqual([]);
	});

	it('fails activation with the Bitrix24 error when the app may not subscribe', async () => {
		const { emulator } = portal;
		emulator.injectFault(BIND_REFUSED);
		await expect(
			hosting.host.activate(triggerWorkflow('oAuth2', { events: [UPDATED] })),
		).rejects.toMatchObject({
			message: 'Bitrix24 error ERROR_EVENT_NOT_FOUND: Event not found',
		});
	});
});
