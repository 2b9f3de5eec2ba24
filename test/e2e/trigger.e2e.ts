import { sleep } from 'n8n-workflow';

import { postForm, postJson } from '../emulator/testClient';
import { connectTriggers, loadExample } from '../harness/examples';
import { TRIGGER_TYPE } from '../harness/typeNames';
import { until } from '../harness/until';
import { productionUrl, WITHDRAWAL_PATH } from '../n8n/demo';
import { oauth2TriggerWorkflow, useN8n } from './fixture';

const DEACTIVATED = 'remove-gallery-images-of-deactivated-products.json';
const WITHDRAWN = 'delete-withdrawn-image.json';
const DEACTIVATED_ID = loadExample(DEACTIVATED).id;
const SELF_SUBSCRIBING_ID = 'e2eTriggerOAuth2';

/** How long and how often the tests ask n8n and the portal for what they wait for. */
const WAIT = { timeoutMs: 30_000, intervalMs: 250 };

describe('n8n server: catalog events and webhooks reach published workflows', () => {
	const context = useN8n(5694);
	let triggerUrl = '';

	beforeAll(async () => {
		const { emulator, n8n } = context;
		const deactivated = loadExample(DEACTIVATED);
		const trigger = deactivated.nodes.find((node) => node.type === TRIGGER_TYPE)!;
		triggerUrl = productionUrl(n8n, trigger.webhookId);
		const workflows = [
			connectTriggers(deactivated, emulator, () => triggerUrl),
			loadExample(WITHDRAWN),
			oauth2TriggerWorkflow(SELF_SUBSCRIBING_ID, '0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a'),
		];
		await n8n.importWorkflows(workflows);
		for (const id of workflows.map((workflow) => workflow.id)) {
			const published = await n8n.publish(id);
			expect({ id, code: published.code }).toEqual({ id, code: 0 });
		}
		context.server = await n8n.start();
		// n8n registers the published workflows' webhooks while it starts.
		await until(
			'the trigger to be registered',
			async () => {
				const answer = await postForm(triggerUrl, '');
				return answer.status === 401;
			},
			WAIT,
		);
	});

	it("runs the deactivation example when Bitrix24 posts the event to n8n's production URL", async () => {
		const { emulator, n8n } = context;
		const before = (await n8n.storedExecutions()).length;
		emulator.portal.updateProduct(101, { active: 'N' });
		await emulator.events.settled();
		expect(emulator.events.deliveries.map(({ handler, status }) => ({ handler, status }))).toEqual([
			{ handler: triggerUrl, status: 200 },
		]);
		await until(
			'the gallery images to go',
			() => (emulator.portal.imagesOf(101).length === 2 ? true : undefined),
			WAIT,
		);
		expect(emulator.portal.imagesOf(101).map((image) => image.id)).toEqual([1001, 1002]);
		const stored = await n8n.finishedExecution(DEACTIVATED_ID, { after: before });
		expect(stored.status).toBe('success');
		const runData = stored.data.resultData.runData as Record<
			string,
			Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
		>;
		expect(runData['When a product is updated'][0].data.main[0][0].json).toEqual({
			event: 'CATALOG.PRODUCT.ON.UPDATE',
			productId: 101,
			productType: 1,
			productTypeName: 'Product',
			occurredAt: expect.any(String),
			portal: new URL(emulator.baseUrl).host,
			memberId: emulator.oauth.memberId,
			eventHandlerId: emulator.events.outgoingWebhooks[0].id,
			product: { id: 101, name: 'Espresso machine', active: 'N' },
		});
	});

	it('stores a failed execution with the Bitrix24 code when the product cannot be read', async () => {
		const { emulator, n8n } = context;
		const before = (await n8n.storedExecutions()).length;
		emulator.injectFault({
			kind: 'error',
			method: 'catalog.product.sku.get',
			status: 400,
			code: 200040300010,
			description: 'Access Denied',
		});
		emulator.clearRequests();
		emulator.portal.updateProduct(102, { active: 'N' });
		await emulator.events.settled();
		const stored = await n8n.finishedExecution(DEACTIVATED_ID, { after: before });
		expect(stored.status).toBe('error');
		expect(stored.data.resultData.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Bitrix24 error 200040300010: Access Denied',
			context: {
				bitrix24: { code: '200040300010', description: 'Access Denied', httpCode: '400' },
			},
		});
		// Only the trigger ran; Bitrix24 had its answer before the product was asked for.
		expect(Object.keys(stored.data.resultData.runData)).toEqual(['When a product is updated']);
		expect(emulator.events.deliveries.at(-1)).toMatchObject({ handler: triggerUrl, status: 200 });
		// Product 102 has variations: Bitrix24 reads it with catalog.product.sku.get.
		expect(emulator.restCalls().map((call) => call.restMethod)).toEqual([
			'catalog.product.sku.get',
		]);
		expect(emulator.portal.imagesOf(102)).toHaveLength(1);
	});

	it('answers a forged event 401 and stores no execution', async () => {
		const { n8n } = context;
		const before = (await n8n.storedExecutions()).length;
		const answer = await postForm(
			triggerUrl,
			'event=CATALOG.PRODUCT.ON.UPDATE&data%5BFIELDS%5D%5BID%5D=102&auth%5Bapplication_token%5D=forged',
		);
		expect(answer.status).toBe(401);
		await sleep(1000);
		expect(await n8n.storedExecutions()).toHaveLength(before);
	});

	/** Withdraws an image as another system would: a POST to the example's Webhook node. */
	async function withdraw(productId: number, imageId: number) {
		const answer = await postJson(productionUrl(context.n8n, undefined, WITHDRAWAL_PATH), {
			productId,
			imageId,
		});
		return { status: answer.status, body: answer.body };
	}

	it("deletes the image another system withdraws with a POST to the Webhook node's URL", async () => {
		expect(await withdraw(102, 1005)).toEqual({ status: 200, body: { result: true } });
		expect(context.emulator.portal.image(1005)).toBeUndefined();
	});

	it('answers a withdrawal of an image that does not exist 404 with the Bitrix24 code and text', async () => {
		expect(await withdraw(102, 999)).toEqual({
			status: 404,
			body: { code: '0', text: 'Image does not exist' },
		});
		expect(context.emulator.restCalls('catalog.productImage.delete').at(-1)?.params).toEqual({
			productId: 102,
			id: 999,
		});
	});

	it('subscribed the OAuth2 trigger with event.bind when n8n activated it, and runs on the event', async () => {
		const { emulator, n8n } = context;
		const handler = await until(
			'the binding',
			() =>
				emulator.events.bindings.find((binding) => binding.event === 'CATALOG.PRODUCT.ON.ADD')
					?.handler,
			WAIT,
		);
		expect(handler).toMatch(
			new RegExp(
				`^${productionUrl(n8n, '0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a')}\\?key=[0-9a-f]{48}$`,
			),
		);
		const product = emulator.portal.createProduct({ name: 'Milk frother' });
		await emulator.events.settled();
		expect(emulator.events.deliveries.at(-1)).toMatchObject({ handler, status: 200 });
		const stored = await n8n.finishedExecution(SELF_SUBSCRIBING_ID);
		expect(stored.status).toBe('success');
		const runData = stored.data.resultData.runData as Record<
			string,
			Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
		>;
		expect(runData['When a product is updated'][0].data.main[0][0].json).toMatchObject({
			event: 'CATALOG.PRODUCT.ON.ADD',
			productId: product.id,
			product: { id: product.id, name: 'Milk frother', active: 'Y' },
		});
	});
});
