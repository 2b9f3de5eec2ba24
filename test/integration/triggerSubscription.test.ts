import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../emulator';
import { postForm } from '../emulator/testClient';
import { WorkflowHost, type WorkflowJson } from '../harness/workflowHost';
import { nodeOutput } from './fixtures';
import { deliveryForm, TRIGGER, triggerWorkflow, UPDATED, useTriggerHost } from './triggerWorkflows';

/** Bitrix24 Catalog Trigger with an OAuth2 credential: it binds, moves and unbinds its events itself. */

/** The portal refusing an event.bind inside a batch. */
const BIND_REFUSED: Fault = {
	kind: 'error',
	method: 'event.bind',
	inBatch: true,
	status: 400,
	code: 'ERROR_EVENT_NOT_FOUND',
	description: 'Event not found',
};

const { portal, hosting, firstDeliveredItem } = useTriggerHost();

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
