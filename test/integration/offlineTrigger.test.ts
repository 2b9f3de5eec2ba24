import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { commandsOf, methodsCalled } from '../harness/batches';
import { offlinePoller } from '../harness/offlinePoller';
import { Poller } from '../harness/poller';
import { usePortal } from './fixtures';

const portal = usePortal();

const UPDATED = 'CATALOG.PRODUCT.ON.UPDATE';
const ADDED = 'CATALOG.PRODUCT.ON.ADD';
const DELETED = 'CATALOG.PRODUCT.ON.DELETE';

/** A poller for a trigger on `events`, with the OAuth2 credential of `userId` (1: an administrator). */
function pollerFor(events: string[], parameters: INodeParameters = {}, userId = 1): Poller {
	return offlinePoller(portal.emulator, { events, ...parameters }, { userId });
}

function jsonOf(output: Awaited<ReturnType<Poller['poll']>>): IDataObject[] {
	return (output?.[0] ?? []).map((item) => item.json);
}

/** Requests that touched the queue (a batch counts once if any of its commands did). */
function queueRequests(): number {
	return portal.emulator
		.restCalls()
		.filter((call) =>
			(call.restMethod === 'batch' ? commandsOf(call) : [call.restMethod ?? '']).some((command) =>
				command.startsWith('event.offline.'),
			),
		).length;
}

describe('Bitrix24 Catalog Offline Trigger', () => {
	it('binds the chosen events to the offline queue on its first poll, once', async () => {
		const { emulator } = portal;
		const poller = pollerFor([UPDATED, ADDED]);
		expect(await poller.poll()).toBeNull();
		expect(
			emulator.events.offline.bindings.map(({ event, connector }) => [event, connector]),
		).toEqual([
			[UPDATED, ''],
			[ADDED, ''],
		]);
		expect(methodsCalled(emulator.restCalls()).slice(0, 3)).toEqual([
			'feature.get',
			'event.bind',
			'event.bind',
		]);
		poller.handOver();
		emulator.clearRequests();
		expect(await poller.poll()).toBeNull();
		expect(methodsCalled(emulator.restCalls())).not.toContain('event.bind');
	});

	it('turns an update into an item shaped like the webhook trigger, with the entry and the product', async () => {
		const { emulator } = portal;
		const poller = pollerFor([UPDATED]);
		await poller.poll();
		poller.handOver();
		emulator.portal.updateProduct(101, { active: 'N' });
		const [entry] = emulator.events.offline.entries;
		const items = jsonOf(await poller.poll());
		expect(items).toEqual([
			{
				event: UPDATED,
				productId: 101,
				productType: 1,
				productTypeName: 'Product',
				occurredAt: new Date(Math.floor(entry.changedAt / 1000) * 1000).toISOString(),
				entryId: entry.id,
				messageId: entry.messageId,
				product: expect.objectContaining({ id: 101, active: 'N' }),
			},
		]);
	});

	it('hands on a deleted product without reading it', async () => {
		const { emulator } = portal;
		const poller = pollerFor([DELETED, UPDATED], { includeProduct: true });
		await poller.poll();
		poller.handOver();
		emulator.portal.removeProduct(104);
		emulator.clearRequests();
		const items = jsonOf(await poller.poll());
		expect(items).toEqual([expect.objectContaining({ event: DELETED, productId: 104 })]);
		expect(items[0]).not.toHaveProperty('product');
		expect(methodsCalled(emulator.restCalls())).not.toContain('catalog.product.get');
	});

	it('takes 10,000 updates of 1,000 products as 1,000 items, each once, in few requests', async () => {
		const { emulator } = portal;
		const { firstId, lastId } = emulator.portal.seedProducts({ count: 1000 });
		const poller = pollerFor([UPDATED], { productFields: 'id, name' });
		await poller.poll();
		poller.handOver();
		for (let round = 1; round <= 10; round++) {
			for (let id = firstId; id <= lastId; id++) {
				emulator.portal.updateProduct(id, { name: `Product ${id} v${round}` });
			}
		}
		emulator.clearRequests();
		const items = jsonOf(await poller.poll());
		const ids = items.map((item) => item.productId as number);
		expect(ids).toHaveLength(1000);
		expect(new Set(ids).size).toBe(1000);
		expect(ids.sort((a, b) => a - b)).toEqual(
			Array.from({ length: 1000 }, (_, index) => firstId + index),
		);
		expect(items[0].product).toEqual({
			id: ids[0],
			name: `Product ${ids[0]} v10`,
		});
		// The queue in one request (the list of lost packages and 49 reservations of 50), the
		// products 50 to a request.
		expect(queueRequests()).toBe(1);
		expect(emulator.restCalls()).toHaveLength(1 + 20);
		expect(
			methodsCalled(emulator.restCalls()).filter((m) => m === 'catalog.product.get'),
		).toHaveLength(1000);
		// Handed over: the next poll clears the packages, and nothing comes again.
		poller.handOver();
		expect(await poller.poll()).toBeNull();
		expect(emulator.events.offline.entries).toEqual([]);
	});

	it('takes a queue longer than one poll over the next polls, each entry once', async () => {
		const { emulator } = portal;
		const { firstId, lastId } = emulator.portal.seedProducts({ count: 3000 });
		const poller = pollerFor([UPDATED], { includeProduct: false });
		await poller.poll();
		poller.handOver();
		for (let id = firstId; id <= lastId; id++) emulator.portal.updateProduct(id, { name: 'new' });
		const first = jsonOf(await poller.poll());
		poller.handOver();
		const second = jsonOf(await poller.poll());
		poller.handOver();
		expect([first.length, second.length]).toEqual([2450, 550]);
		const ids = [...first, ...second].map((item) => item.productId as number);
		expect(new Set(ids).size).toBe(3000);
		expect(await poller.poll()).toBeNull();
		expect(emulator.events.offline.entries).toEqual([]);
	});

	it('gives the entries again after n8n stopped before it kept a poll, and loses none', async () => {
		const { emulator } = portal;
		const poller = pollerFor([UPDATED], { includeProduct: false });
		await poller.poll();
		poller.handOver();
		for (const id of [101, 102, 103]) emulator.portal.updateProduct(id, { name: 'changed' });
		const first = jsonOf(await poller.poll());
		expect(first.map((item) => item.productId)).toEqual([101, 102, 103]);
		// n8n stops before it stored the execution: the poll's process IDs are gone with it.
		poller.crash();
		// 101 changes again: a new entry beside its lost one, and still one item.
		emulator.portal.updateProduct(101, { name: 'changed again' });
		emulator.portal.updateProduct(104, { name: 'changed later' });
		const again = jsonOf(await poller.poll());
		expect(again.map((item) => item.productId).sort()).toEqual([101, 102, 103, 104]);
		poller.handOver();
		expect(await poller.poll()).toBeNull();
		expect(emulator.events.offline.entries).toEqual([]);
	});

	it('after a crash, takes back all 20 packages the lost poll had taken, in three queue requests', async () => {
		const { emulator } = portal;
		const { firstId, lastId } = emulator.portal.seedProducts({ count: 1000 });
		const poller = pollerFor([UPDATED], { includeProduct: false });
		await poller.poll();
		poller.handOver();
		for (let id = firstId; id <= lastId; id++) emulator.portal.updateProduct(id, { name: 'a' });
		expect(jsonOf(await poller.poll())).toHaveLength(1000);
		poller.crash();
		emulator.clearRequests();
		const again = jsonOf(await poller.poll()).map((item) => item.productId as number);
		expect(new Set(again).size).toBe(1000);
		expect(again).toHaveLength(1000);
		// The list's first page with the reservations, its other 19 pages, the 20 packages by ID.
		expect(queueRequests()).toBe(3);
		poller.handOver();
		expect(await poller.poll()).toBeNull();
		expect(emulator.events.offline.entries).toEqual([]);
	});

	it('after a crash, hands over whole lost packages even when the queue order splits them', async () => {
		const { emulator } = portal;
		const { firstId, lastId } = emulator.portal.seedProducts({ count: 60 });
		const poller = pollerFor([UPDATED], { includeProduct: false });
		await poller.poll();
		poller.handOver();
		for (let id = firstId; id <= lastId; id++) emulator.portal.updateProduct(id, { name: 'a' });
		await sleep(5);
		// Its entry keeps its ID and takes the latest time: the packages no longer follow IDs.
		emulator.portal.updateProduct(firstId, { name: 'b' });
		expect(jsonOf(await poller.poll())).toHaveLength(60);
		poller.crash();
		const again = jsonOf(await poller.poll()).map((item) => item.productId as number);
		poller.handOver();
		const rest = jsonOf(await poller.poll()).map((item) => item.productId as number);
		poller.handOver();
		expect(new Set([...again, ...rest]).size).toBe(60);
		expect(await poller.poll()).toBeNull();
		expect(emulator.events.offline.entries).toEqual([]);
	});

	it('fails a poll whose products cannot be read, and hands its entries over at the next', async () => {
		const { emulator } = portal;
		const poller = pollerFor([UPDATED]);
		await poller.poll();
		poller.handOver();
		emulator.portal.updateProduct(101, { name: 'x' });
		emulator.injectFault({
			kind: 'error',
			method: 'catalog.product.get',
			inBatch: true,
			status: 400,
			code: 200040300010,
			description: 'Access Denied',
		});
		await expect(poller.poll()).rejects.toThrow('Bitrix24 error 200040300010: Access Denied');
		// n8n 1.x keeps the failed poll's static data in memory: it must not clear the entries.
		expect(jsonOf(await poller.poll()).map((item) => item.productId)).toEqual([101]);
	});

	it('shows entries on Fetch Test Event without taking them from the published workflow', async () => {
		const { emulator } = portal;
		const published = pollerFor([UPDATED], { includeProduct: false });
		await published.poll();
		published.handOver();
		emulator.portal.updateProduct(101, { name: 'x' });
		// The editor's run: n8n keeps no state of it.
		const editor = pollerFor([UPDATED], { includeProduct: false });
		expect(jsonOf(await editor.poll('manual')).map((item) => item.productId)).toEqual([101]);
		expect(jsonOf(await published.poll()).map((item) => item.productId)).toEqual([101]);
		published.handOver();
		expect(await published.poll()).toBeNull();
	});

	it('gives an object changed again after its entry was taken once more, in the next poll', async () => {
		const { emulator } = portal;
		const poller = pollerFor([UPDATED], { includeProduct: false });
		await poller.poll();
		poller.handOver();
		emulator.portal.updateProduct(101, { name: 'first' });
		expect(jsonOf(await poller.poll()).map((item) => item.productId)).toEqual([101]);
		poller.handOver();
		emulator.portal.updateProduct(101, { name: 'second' });
		expect(jsonOf(await poller.poll()).map((item) => item.productId)).toEqual([101]);
	});

	it('refuses to start for a user who is not an administrator, saying what to do', async () => {
		const poller = pollerFor([UPDATED], {}, 7);
		await expect(poller.poll()).rejects.toThrow(
			'Only a Bitrix24 administrator can read the offline queue',
		);
		expect(portal.emulator.events.offline.bindings).toEqual([]);
	});

	it('refuses a plan without offline events before binding anything', async () => {
		const { emulator } = portal;
		emulator.events.offline.extendedMode = false;
		const poller = pollerFor([UPDATED]);
		await expect(poller.poll()).rejects.toThrow(/no offline events with confirmed processing/);
		expect(methodsCalled(emulator.restCalls())).toEqual(['feature.get']);
	});

	it('refuses to start without events, sending nothing', async () => {
		const poller = pollerFor([]);
		await expect(poller.poll()).rejects.toThrow('Choose at least one event in Events');
		expect(portal.emulator.requests).toEqual([]);
	});
});
