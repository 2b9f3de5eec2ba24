/**
 * Bitrix24 Catalog Changes Trigger: polls run in n8n-core's PollContext against the emulator,
 * over real HTTP, with either credential.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { methodsCalled } from '../harness/batches';
import { TestCredentialsHelper } from '../harness/credentialsHelper';
import type { Authentication } from '../harness/nodeInputs';
import { changesNode, locator, oauth2Credentials, webhookCredentials } from '../harness/nodeInputs';
import { Poller } from '../harness/poller';
import { recordsOf } from '../emulator/methods/recordTable';
import { DOCUMENT_TABLE } from '../emulator/methods/catalogDocument';
import { setStock, STORE_PRODUCT_TABLE } from '../emulator/methods/catalogStoreProduct';
import { postJson } from '../emulator/testClient';
import { usePortal } from './fixtures';

const portal = usePortal();

/** A poller for the trigger; the webhook credential of `webhook` ('admin' unless told). */
function pollerFor(
	parameters: INodeParameters,
	authentication: Authentication = 'webhook',
	webhook = 'admin',
): Poller {
	const { emulator } = portal;
	const credentialsHelper = new TestCredentialsHelper();
	const all =
		authentication === 'webhook'
			? webhookCredentials(emulator, webhook)
			: oauth2Credentials(emulator);
	for (const [type, data] of Object.entries(all)) credentialsHelper.set(type, data);
	return new Poller(credentialsHelper, changesNode(authentication, parameters));
}

function jsonOf(output: Awaited<ReturnType<Poller['poll']>>): IDataObject[] {
	return (output?.[0] ?? []).map((item) => item.json);
}

/** A first poll, kept by n8n: the trigger now watches. */
async function watching(poller: Poller): Promise<void> {
	expect(await poller.poll()).toBeNull();
	poller.handOver();
}

/** Calls a REST method on the portal as its administrator (someone editing the catalog). */
async function portalCall(method: string, params: IDataObject): Promise<IDataObject> {
	const reply = await postJson(`${portal.emulator.webhookUrl()}${method}`, params);
	expect(reply.status).toBe(200);
	return (reply.body as { result: IDataObject }).result;
}

const stockRows = () => recordsOf(portal.emulator.portal, STORE_PRODUCT_TABLE);

/** `count` products' stock in store 1 (products from 1001 on): 10 each. */
function seedStock(count: number): void {
	for (let n = 0; n < count; n++) setStock(portal.emulator.portal, 1001 + n, 1, 10);
}

describe('Bitrix24 Catalog Changes Trigger: stock', () => {
	it('emits nothing on its first poll, then exactly the rows whose amounts changed, with old and new', async () => {
		const { emulator } = portal;
		seedStock(120);
		const poller = pollerFor({ watch: 'stock' });
		await watching(poller);
		setStock(emulator.portal, 1005, 1, 7);
		setStock(emulator.portal, 1050, 1, 0);
		setStock(emulator.portal, 1119, 1, 12.5);
		emulator.clearRequests();
		const items = jsonOf(await poller.poll());
		// Store 1's row of each product, with the amount it had and has.
		const changed = (productId: number, old: number, now: number) => ({
			change: 'changed',
			id: stockRows()
				.all()
				.find((one) => one.productId === productId)!.id,
			productId,
			storeId: 1,
			amount: now,
			quantityReserved: null,
			changes: { amount: { old, new: now } },
		});
		expect(items).toEqual([changed(1005, 10, 7), changed(1050, 10, 0), changed(1119, 10, 12.5)]);
		// 122 rows (the demo's two and the seeded ones): a first page, then the rest in one batch.
		expect(emulator.restCalls()).toHaveLength(2);
		expect(methodsCalled(emulator.restCalls())[0]).toBe('catalog.storeproduct.list');
		expect(emulator.restCalls()[0].params).toMatchObject({
			filter: { '>id': 0 },
			order: { id: 'ASC' },
			start: -1,
		});
		poller.handOver();
		expect(await poller.poll()).toBeNull();
	});

	it('emits new and removed rows, and only the kinds chosen in Emit', async () => {
		const { emulator } = portal;
		const all = pollerFor({ watch: 'stock' });
		const removedOnly = pollerFor({ watch: 'stock', emit: ['removed'] });
		await watching(all);
		await watching(removedOnly);
		setStock(emulator.portal, 102, 2, 4);
		const gone = stockRows()
			.all()
			.find((row) => row.productId === 101 && row.storeId === 2)!;
		stockRows().delete(gone.id);
		setStock(emulator.portal, 101, 1, 50);
		const items = jsonOf(await all.poll());
		expect(items.map(({ change, productId, storeId }) => [change, productId, storeId])).toEqual([
			['changed', 101, 1],
			['added', 102, 2],
			['removed', 101, 2],
		]);
		expect(items[1].changes).toEqual({
			amount: { old: null, new: 4 },
			quantityReserved: { old: null, new: null },
		});
		expect(items[2]).toMatchObject({ amount: 3, changes: { amount: { old: 3, new: null } } });
		expect(jsonOf(await removedOnly.poll())).toEqual([items[2]]);
	});

	it('watches only the stores named, asking the portal for them alone', async () => {
		const { emulator } = portal;
		const poller = pollerFor({ watch: 'stock', storeIds: '2' });
		await watching(poller);
		expect(emulator.restCalls()[0].params.filter).toEqual({ '@storeId': [2], '>id': 0 });
		setStock(emulator.portal, 101, 1, 1);
		setStock(emulator.portal, 101, 2, 2);
		expect(jsonOf(await poller.poll())).toEqual([
			expect.objectContaining({
				productId: 101,
				storeId: 2,
				changes: { amount: { old: 3, new: 2 } },
			}),
		]);
	});

	it('starts watching again, emitting nothing, when its stores change', async () => {
		const { emulator } = portal;
		const poller = pollerFor({ watch: 'stock', storeIds: '1' });
		await watching(poller);
		const other = pollerFor({ watch: 'stock', storeIds: '1, 2' });
		// n8n keeps the node's static data when its parameters change: the other poller stands for that.
		setStock(emulator.portal, 101, 2, 9);
		expect(await other.poll()).toBeNull();
	});

	it('refuses Store IDs that are no IDs, naming the parameter, before sending anything', async () => {
		const poller = pollerFor({ watch: 'stock', storeIds: '1, two' });
		const error = await poller.poll().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe('Store IDs must be a number, but got "two"');
		expect(portal.emulator.requests).toEqual([]);
	});
});

describe('Bitrix24 Catalog Changes Trigger: sections', () => {
	const catalog = { watch: 'sections', catalogId: locator('23') };

	it("emits a catalog's new, renamed and deleted sections by comparing them", async () => {
		const poller = pollerFor(catalog);
		await watching(poller);
		await portalCall('catalog.section.update', { id: 13, fields: { iblockId: 23, name: 'Tees' } });
		const added = await portalCall('catalog.section.add', {
			fields: { iblockId: 23, name: 'Mugs' },
		});
		await portalCall('catalog.section.delete', { id: 14 });
		const items = jsonOf(await poller.poll());
		expect(items.map(({ change, id }) => [change, id])).toEqual([
			['changed', 13],
			['added', (added.section as IDataObject).id],
			['removed', 14],
		]);
		expect(items[0]).toMatchObject({
			name: 'Tees',
			iblockId: 23,
			changes: { name: { old: 'T-shirts', new: 'Tees' } },
		});
		expect(Object.keys(items[0].changes as IDataObject)).toEqual(['name']);
		poller.handOver();
		expect(await poller.poll()).toBeNull();
	});

	it('refuses to start without a catalog, naming it, before sending anything', async () => {
		const poller = pollerFor({ watch: 'sections', catalogId: locator('') });
		await expect(poller.poll()).rejects.toThrow('Catalog is empty');
		expect(portal.emulator.requests).toEqual([]);
	});
});

describe('Bitrix24 Catalog Changes Trigger: inventory documents', () => {
	it('emits documents created and edited since the last poll, by their modification time', async () => {
		const { emulator } = portal;
		const poller = pollerFor({ watch: 'documents' }, 'oAuth2');
		await watching(poller);
		expect(await poller.poll()).toBeNull();
		poller.handOver();
		await portalCall('catalog.document.update', {
			id: 1,
			fields: { title: 'Receipt 1 (checked)' },
		});
		const created = await portalCall('catalog.document.add', {
			fields: { docType: 'D', currency: 'USD', responsibleId: 1, title: 'Write-off' },
		});
		emulator.clearRequests();
		const items = jsonOf(await poller.poll());
		const createdId = (created.document as IDataObject).id;
		expect(items.map(({ change, id, title }) => [change, id, title])).toEqual([
			['changed', 1, 'Receipt 1 (checked)'],
			['added', createdId, 'Write-off'],
		]);
		// By both times, in one request: a conducted or cancelled document has a new dateStatus.
		const [request] = emulator.restCalls();
		expect(emulator.restCalls()).toHaveLength(1);
		expect(methodsCalled([request])).toEqual(['catalog.document.list', 'catalog.document.list']);
		poller.handOver();
		expect(await poller.poll()).toBeNull();
		// Edited again: it comes again, once.
		await sleep(1000);
		await portalCall('catalog.document.update', {
			id: createdId,
			fields: { title: 'Write-off 2' },
		});
		expect(jsonOf(await poller.poll())).toEqual([
			expect.objectContaining({ change: 'changed', id: createdId, title: 'Write-off 2' }),
		]);
	});

	it('finds a document whose change is stamped just before the latest one the last poll saw', async () => {
		const { emulator } = portal;
		const poller = pollerFor({ watch: 'documents' });
		await portalCall('catalog.document.update', { id: 2, fields: { title: 'latest' } });
		await watching(poller);
		// Saved while the last poll read its pages: its time is 30 seconds before the latest seen.
		const documents = recordsOf(emulator.portal, DOCUMENT_TABLE);
		const latest = Date.parse(String(documents.get(2)!.dateModify));
		documents.update(1, {
			title: 'saved meanwhile',
			dateModify: new Date(latest - 30_000).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
		});
		expect(jsonOf(await poller.poll())).toEqual([
			expect.objectContaining({ change: 'changed', id: 1, title: 'saved meanwhile' }),
		]);
		poller.handOver();
		expect(await poller.poll()).toBeNull();
	});

	it('shows the newest documents on Fetch Test Event', async () => {
		await portalCall('catalog.document.update', { id: 1, fields: { title: 'newest' } });
		const editor = pollerFor({ watch: 'documents' });
		const shown = jsonOf(await editor.poll('manual'));
		expect(shown.map(({ change, id, title }) => [change, id, title])).toEqual([
			['changed', 1, 'newest'],
			['changed', 2, 'Receipt 2'],
		]);
		expect(editor.nodeStaticData).toEqual({});
	});

	it('emits only the document types chosen, and only new ones when told', async () => {
		const poller = pollerFor({ watch: 'documents', documentTypes: ['D'], emit: ['added'] });
		await watching(poller);
		await portalCall('catalog.document.update', { id: 1, fields: { title: 'edited' } });
		await portalCall('catalog.document.add', {
			fields: { docType: 'A', currency: 'USD', responsibleId: 1 },
		});
		const writeOff = await portalCall('catalog.document.add', {
			fields: { docType: 'D', currency: 'USD', responsibleId: 1 },
		});
		const items = jsonOf(await poller.poll());
		expect(items.map(({ id, docType }) => [id, docType])).toEqual([
			[(writeOff.document as IDataObject).id, 'D'],
		]);
	});

	it('refuses a document type that is none, before sending anything', async () => {
		const poller = pollerFor({ watch: 'documents', documentTypes: ['arrival'] });
		await expect(poller.poll()).rejects.toThrow(
			'Document Types holds "arrival", which is no document type',
		);
		expect(portal.emulator.requests).toEqual([]);
	});
});

describe('Bitrix24 Catalog Changes Trigger: products', () => {
	const products = {
		watch: 'products',
		catalogId: locator('23'),
		productFields: 'id, name, active',
	};

	it('emits products edited and created since the last poll, with the fields asked for', async () => {
		const { emulator } = portal;
		const poller = pollerFor(products);
		await watching(poller);
		emulator.portal.updateProduct(102, { active: 'N' });
		const created = await portalCall('catalog.product.add', {
			fields: { iblockId: 23, name: 'Grinder' },
		});
		const items = jsonOf(await poller.poll());
		const createdId = (created.element as IDataObject).id;
		expect(items).toEqual([
			{
				change: 'changed',
				id: 102,
				iblockId: 23,
				name: expect.any(String),
				active: 'N',
				dateCreate: expect.any(String),
				timestampX: expect.any(String),
			},
			expect.objectContaining({ change: 'added', id: createdId, name: 'Grinder' }),
		]);
		poller.handOver();
		expect(await poller.poll()).toBeNull();
	});

	it('reads only what changed: the filter goes from just before the last change seen', async () => {
		const { emulator } = portal;
		const poller = pollerFor(products, 'oAuth2');
		await watching(poller);
		emulator.portal.updateProduct(101, { name: 'Espresso' });
		emulator.clearRequests();
		expect(jsonOf(await poller.poll()).map(({ id }) => id)).toEqual([101]);
		const filter = emulator.restCalls()[0].params.filter as IDataObject;
		expect(Object.keys(filter).sort()).toEqual(['>=timestampX', '>id', 'iblockId']);
		expect(Date.parse(String(filter['>=timestampX']))).toBeLessThan(Date.now() - 59_000);
	});
});

describe('Bitrix24 Catalog Changes Trigger: the editor and failures', () => {
	it.each([
		[{ watch: 'stock', emit: [] }, 'Choose at least one kind of change in Emit'],
		[
			{ watch: 'documents', emit: ['added', 'removed'] },
			'Emit holds "removed", which documents cannot give',
		],
		[
			{ watch: 'products', catalogId: locator('23'), productFields: 'id, name;drop' },
			'Product Fields holds "name;drop", which is no field name',
		],
		[{ watch: 'sections', catalogId: locator('abc') }, 'Catalog must be a number, but got "abc"'],
		[{ watch: 'prices' }, 'Watch holds "prices", which the node cannot watch'],
	])('refuses %j before sending anything', async (parameters, message) => {
		const error = await pollerFor(parameters)
			.poll()
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(message);
		expect(portal.emulator.requests).toEqual([]);
	});

	it('shows the newest records on Fetch Test Event, and leaves the watch alone', async () => {
		const { emulator } = portal;
		const published = pollerFor({ watch: 'stock' });
		await watching(published);
		setStock(emulator.portal, 101, 1, 1);
		const editor = pollerFor({ watch: 'stock' });
		const shown = jsonOf(await editor.poll('manual'));
		expect(shown.map(({ change, productId, storeId }) => [change, productId, storeId])).toEqual([
			['added', 101, 1],
			['added', 101, 2],
		]);
		expect(editor.nodeStaticData).toEqual({});
		expect(jsonOf(await published.poll())).toEqual([
			expect.objectContaining({
				productId: 101,
				storeId: 1,
				changes: { amount: { old: 54, new: 1 } },
			}),
		]);
	});

	it('fails with the Bitrix24 code when the user may not view the catalog', async () => {
		const { emulator } = portal;
		emulator.portal.user(emulator.webhooks.admin.userId)!.canViewCatalog = false;
		const poller = pollerFor({ watch: 'stock' });
		const error = await poller.poll().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect({
			message: (error as Error).message,
			httpCode: (error as NodeApiError).httpCode,
		}).toEqual({
			message: 'Bitrix24 error 200040300010: Access Denied',
			httpCode: '400',
		});
	});

	it('fails with the Bitrix24 code when the webhook lacks the catalog scope', async () => {
		const poller = pollerFor({ watch: 'documents' }, 'webhook', 'noCatalog');
		const error = await poller.poll().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		// Both first pages go in one batch, whose answer names the code of each refused command.
		expect((error as Error).message).toMatch(/^Bitrix24 error insufficient_scope/);
		expect(portal.emulator.restCalls()).toHaveLength(1);
	});

	it('fails with the Bitrix24 code when the webhook was revoked, keeping the last state', async () => {
		const { emulator } = portal;
		const poller = pollerFor({ watch: 'stock' });
		await watching(poller);
		const before = JSON.parse(JSON.stringify(poller.nodeStaticData)) as IDataObject;
		emulator.revokeWebhook('admin');
		const error = await poller.poll().catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toMatch(/^Bitrix24 error INVALID_CREDENTIALS/);
		expect(JSON.stringify(error)).not.toContain(emulator.webhooks.admin.secret);
		expect(poller.nodeStaticData).toEqual(before);
	});
});
