import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { sourceKeyOf } from '../../nodes/Bitrix24Catalog/transport/sourceKey';
import { commandsOf } from '../harness/batches';
import type { Authentication } from '../harness/nodeInputs';
import { credentialsFor, locator, mapped, oauth2Credentials } from '../harness/nodeInputs';
import { offlinePoller } from '../harness/offlinePoller';
import { Poller } from '../harness/poller';
import { runNode } from '../harness/runNode';
import { usePortal } from './fixtures';

/**
 * The offline trigger's Ignore Changes Made by n8n: it binds under n8n's source key
 * (`auth_connector`), which every OAuth2 call of the Bitrix24 Catalog node carries, so the
 * node's own writes stay out of that queue and no other.
 */

const portal = usePortal();

const UPDATED = 'CATALOG.PRODUCT.ON.UPDATE';

/** A trigger with these parameters; `kept`: the static data n8n kept of the node. */
function pollerFor(parameters: INodeParameters, kept?: IDataObject): Poller {
	return offlinePoller(portal.emulator, { events: [UPDATED], includeProduct: false, ...parameters }, { kept });
}

/** A trigger that has bound its events and handed its (empty) first poll over. */
async function startedTrigger(ignoreOwnChanges: boolean): Promise<Poller> {
	const poller = pollerFor({ ignoreOwnChanges });
	expect(await poller.poll()).toBeNull();
	poller.handOver();
	return poller;
}

/** The Bitrix24 Catalog node renames products 101 and 102 (one batch of two updates). */
async function renameByNode(authentication: Authentication, name: string): Promise<void> {
	const { emulator } = portal;
	const { error } = await runNode({
		parameters: {
			authentication,
			resource: 'product',
			operation: 'update',
			iblockId: locator('23'),
			productId: locator('={{ $json.id }}'),
			fields: mapped({ name }),
		},
		credentials: credentialsFor(emulator, authentication),
		items: [{ id: 101 }, { id: 102 }],
	});
	expect(error).toBeUndefined();
	expect([101, 102].map((id) => emulator.portal.product(id)?.name)).toEqual([name, name]);
}

const ids = (output: Awaited<ReturnType<Poller['poll']>>) =>
	(output?.[0] ?? []).map((item) => item.json.productId);

/** The `auth_connector` each request to the portal carried (in its query or body). */
function connectorsSent(): Array<string | undefined> {
	return portal.emulator.requests.map((request) => request.authConnector);
}

const sourceKey = () =>
	sourceKeyOf(oauth2Credentials(portal.emulator).bitrix24OAuth2Api);

describe('the source key', () => {
	it("is made from the application's Client ID, never from a secret, and differs per application", () => {
		const key = sourceKey();
		expect(key).toMatch(/^n8n_[0-9a-f]{16}$/);
		const { applicationSecret, oauthTokenData } = oauth2Credentials(portal.emulator)
			.bitrix24OAuth2Api as IDataObject;
		expect(sourceKeyOf({ applicationId: 'local.other.1' })).not.toBe(key);
		expect(sourceKeyOf({ applicationId: portal.emulator.oauth.clientId, applicationSecret: 'x' })).toBe(
			key,
		);
		expect(key).not.toContain(String(applicationSecret));
		expect(key).not.toContain(String((oauthTokenData as IDataObject).access_token));
	});

	it("travels with every OAuth2 request of the Bitrix24 Catalog node, and with no webhook's", async () => {
		await renameByNode('oAuth2', 'By OAuth2');
		expect(portal.emulator.requests.length).toBeGreaterThan(0);
		expect(connectorsSent()).toEqual(portal.emulator.requests.map(() => sourceKey()));
		// A batch carries it once, beside its commands, which run under it.
		const batch = portal.emulator.restCalls('batch').at(-1)!;
		expect(commandsOf(batch).every((command) => !command.includes('auth_connector'))).toBe(true);
		portal.emulator.clearRequests();
		await renameByNode('webhook', 'By webhook');
		expect(connectorsSent()).toEqual(portal.emulator.requests.map(() => undefined));
	});
});

describe.each([
	['as the docs say', false],
	['as the server does (own changes without a key stay out of a keyless queue)', true],
])('Ignore Changes Made by n8n, own changes without a key recorded %s', (_, serverReading) => {
	beforeEach(() => {
		portal.emulator.events.offline.skipsOwnChangesWithoutConnector = serverReading;
	});

	it("on: binds under n8n's source key, and the node's own writes start nothing", async () => {
		const { emulator } = portal;
		const poller = await startedTrigger(true);
		expect(emulator.events.offline.bindings.map(({ event, connector }) => [event, connector])).toEqual(
			[[UPDATED, sourceKey()]],
		);
		await renameByNode('oAuth2', 'Written by n8n');
		expect(emulator.events.offline.entries).toEqual([]);
		expect(await poller.poll()).toBeNull();
		poller.handOver();
		// A change made by hand still comes, once.
		emulator.portal.updateProduct(103, { name: 'By hand' });
		expect(ids(await poller.poll())).toEqual([103]);
	});

	it("off: binds without a key, and the node's own writes arrive like any change", async () => {
		const { emulator } = portal;
		const poller = await startedTrigger(false);
		expect(emulator.events.offline.bindings.map(({ connector }) => connector)).toEqual(['']);
		await renameByNode('oAuth2', 'Written by n8n');
		expect(ids(await poller.poll())).toEqual([101, 102]);
	});

	it("on: a webhook credential's writes are no n8n-key writes, and arrive", async () => {
		const poller = await startedTrigger(true);
		await renameByNode('webhook', 'Written through a webhook');
		expect(ids(await poller.poll())).toEqual([101, 102]);
	});
});

describe('switching Ignore Changes Made by n8n', () => {
	it('moves the bindings to the other queue at the next poll, after clearing what the old one handed over', async () => {
		const { emulator } = portal;
		const off = await startedTrigger(false);
		emulator.portal.updateProduct(101, { name: 'before the switch' });
		expect(ids(await off.poll())).toEqual([101]);
		off.handOver();
		// The same workflow with the option now on: n8n hands the node the static data it kept.
		const on = pollerFor(
			{ ignoreOwnChanges: true },
			JSON.parse(JSON.stringify(off.nodeStaticData)) as IDataObject,
		);
		emulator.clearRequests();
		expect(await on.poll()).toBeNull();
		on.handOver();
		// The package handed over before the switch is gone, not left hidden in the old queue.
		expect(emulator.events.offline.entries).toEqual([]);
		expect(emulator.events.offline.bindings.map(({ connector }) => connector)).toEqual([
			sourceKey(),
		]);
		expect(
			emulator.requests.map((request) => [
				request.restMethod === 'batch' ? commandsOf(request).map((c) => c.split('?')[0]) : request.restMethod,
				request.authConnector,
			]),
		).toEqual([
			['feature.get', sourceKey()],
			[['event.offline.clear', 'event.unbind'], undefined],
			[['event.bind'], sourceKey()],
			[['event.offline.list', ...Array(49).fill('event.offline.get')], sourceKey()],
		]);
		await renameByNode('oAuth2', 'Written by n8n');
		emulator.portal.updateProduct(103, { name: 'By hand' });
		expect(ids(await on.poll())).toEqual([103]);
	});
});
