import type { INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { Bitrix24CatalogTrigger } from '../../nodes/Bitrix24Catalog/Bitrix24CatalogTrigger.node';
import { postForm } from '../emulator/testClient';
import { webhookCredentials } from '../harness/nodeInputs';
import { nodeOutput } from './fixtures';
import {
	deliveryForm,
	TRIGGER,
	UPDATED,
	useTriggerHost,
} from './triggerWorkflows';

/**
 * Bitrix24 Catalog Trigger under a burst of events: what n8n is asked to do per event. In a real
 * n8n every credential read in a webhook builds an expression sandbox of its own, so the trigger
 * reads the credential only when it needs to, and once for events that arrive together.
 */

const trigger = useTriggerHost();
const { portal, hosting } = trigger;

const EVENT = { ID: 101, TYPE: 1 };

/** How often the trigger read its webhook credential. */
function credentialReads(): () => number {
	const spy = jest.spyOn(hosting.credentialsHelper, 'getDecrypted');
	return () => spy.mock.calls.filter(([, , type]) => type === 'bitrix24WebhookApi').length;
}

/** The trigger fed by an outgoing webhook whose token is in the credential; no product read by default. */
const withTokenInCredential = async (parameters: INodeParameters = {}, typeVersion = 1) =>
	await trigger.withTokenInCredential({ includeProduct: false, ...parameters }, typeVersion);

/**
 * Credential reads counted, each taking a second, as in an n8n busy with a burst: every event of
 * the burst arrives while a read is under way.
 */
function slowCredentialReads(): () => number {
	const read = hosting.credentialsHelper.getDecrypted.bind(hosting.credentialsHelper);
	const reads = credentialReads();
	jest.spyOn(hosting.credentialsHelper, 'getDecrypted').mockImplementation(async (...args) => {
		await sleep(1000);
		return await read(...args);
	});
	return reads;
}

/** 20 events at once. */
async function burst(url: string, token: string) {
	return await Promise.all(
		Array.from({ length: 20 }, async () => await postForm(url, deliveryForm(UPDATED, EVENT, token))),
	);
}

afterEach(() => jest.restoreAllMocks());

describe('a burst of events to the webhook-credential trigger', () => {
	it("checks an event carrying the trigger's own token without reading the credential", async () => {
		const reads = credentialReads();
		const { url } = await withTokenInCredential({
			applicationToken: 'token-of-an-older-trigger',
		});
		const activationReads = reads();
		const answer = await postForm(url, deliveryForm(UPDATED, EVENT, 'token-of-an-older-trigger'));
		expect(answer.status).toBe(200);
		expect(await hosting.host.executionsDone(1)).toHaveLength(1);
		expect(reads() - activationReads).toBe(0);
	});

	it('reads the credential once for events that arrive while it is being read', async () => {
		const { url, hook } = await withTokenInCredential();
		const reads = slowCredentialReads();
		const answers = await burst(url, hook.applicationToken);
		expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
		expect(await hosting.host.executionsDone(20)).toHaveLength(20);
		expect(reads()).toBe(1);
	});

	it('shares the reads of the credential for the products of events that arrive together', async () => {
		const { url, hook } = await withTokenInCredential({ includeProduct: true });
		const reads = slowCredentialReads();
		const answers = await burst(url, hook.applicationToken);
		expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
		const runs = await hosting.host.executionsDone(20, 20_000);
		expect(runs.map((run) => nodeOutput(run.run, TRIGGER)[0].product)).toEqual(
			Array(20).fill(expect.objectContaining({ id: 101, name: 'Espresso machine' })),
		);
		// One for the tokens, one for the portal's address, one or two for signing the request(s)
		// that carry the product reads; read per event, it was 3 × 20.
		expect(reads()).toBeLessThanOrEqual(4);
	}, 30_000);

	it('refuses a token taken out of the credential from the next event on, starting nothing', async () => {
		const { url, hook } = await withTokenInCredential();
		expect((await postForm(url, deliveryForm(UPDATED, EVENT, hook.applicationToken))).status).toBe(
			200,
		);
		expect(await hosting.host.executionsDone(1)).toHaveLength(1);
		hosting.credentialsHelper.set('bitrix24WebhookApi', {
			...webhookCredentials(portal.emulator).bitrix24WebhookApi,
			applicationToken: 'the-new-token',
		});
		expect((await postForm(url, deliveryForm(UPDATED, EVENT, hook.applicationToken))).status).toBe(
			401,
		);
		expect((await postForm(url, deliveryForm(UPDATED, EVENT, 'the-new-token'))).status).toBe(200);
		const runs = await hosting.host.executionsDone(2);
		expect(runs).toHaveLength(2);
	});

	it('works the same as version 2, which new triggers get and n8n starts without evaluating an expression first', async () => {
		const { description } = new Bitrix24CatalogTrigger();
		expect({
			version: description.version,
			defaultVersion: description.defaultVersion,
		}).toEqual({
			version: [1, 2],
			defaultVersion: 2,
		});
		const { url, hook } = await withTokenInCredential({}, 2);
		const forged = await postForm(url, deliveryForm(UPDATED, EVENT, `${hook.applicationToken}x`));
		expect(forged.status).toBe(401);
		const answer = await postForm(url, deliveryForm(UPDATED, EVENT, hook.applicationToken));
		expect(answer.status).toBe(200);
		const [run] = await hosting.host.executionsDone(1);
		expect(nodeOutput(run.run!, TRIGGER)).toEqual([
			{
				event: UPDATED,
				productId: 101,
				productType: 1,
				productTypeName: 'Product',
				occurredAt: '2024-05-02T11:33:52.000Z',
				portal: 'acme.bitrix24.com',
				memberId: 'a223c6b3710f85df22e9377d6c4f7553',
				eventHandlerId: 3,
			},
		]);
	});
});
