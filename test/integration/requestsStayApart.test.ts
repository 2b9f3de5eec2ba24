import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { batchCommands, methodsCalled } from '../harness/batches';
import type { Authentication } from '../harness/nodeInputs';
import {
	addImages,
	AUTHENTICATIONS,
	credentialsFor,
	deleteParameters,
	locator,
	mapped,
} from '../harness/nodeInputs';
import { runNode } from '../harness/runNode';
import { until } from '../harness/until';
import { deleteBodies, usePortal } from './fixtures';

/**
 * A result never depends on who else rode in the same request: another item of the run, or
 * another execution's call that shared its `batch`. Each case runs alone, batched within a run
 * and shared across executions at once.
 */
describe.each(AUTHENTICATIONS)('calls that share a request stay apart, with %s credentials', (authentication: Authentication) => {
	const portal = usePortal();
	// One credential for all the test's executions: only calls made as the same caller share requests.
	let shared: ReturnType<typeof credentialsFor>;
	beforeEach(() => (shared = credentialsFor(portal.emulator, authentication)));
	const credentials = () => shared;

	const product = (operation: string, parameters: IDataObject, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
		runNode({
			parameters: {
				authentication,
				resource: 'product',
				operation,
				productKind: 'product',
				iblockId: locator('23'),
				...parameters,
			} as INodeParameters,
			credentials: credentials(),
			...extra,
		});
	const create = (name: string, extra: Partial<Parameters<typeof runNode>[0]> = {}) =>
		product('create', { fields: mapped({ name }) }, extra);
	const customCall = (method: string, parameters: string, items?: IDataObject[]) =>
		runNode({
			parameters: {
				authentication,
				resource: 'customApiCall',
				operation: 'call',
				method: locator(method, 'list'),
				parameters,
			} as INodeParameters,
			credentials: credentials(),
			items,
		});
	const productsNamed = (name: string) =>
		portal.emulator.portal.productsIn(23).filter((found) => found.name === name);

	describe('a stop or a time-out affects only its own execution', () => {
		it("stopping one execution mid-flight leaves the others aboard their answers", async () => {
			const { emulator } = portal;
			emulator.setLatency(400);
			// The first call finds the lane idle and goes alone; the next two gather for one request.
			const opener = create('Opener');
			await sleep(50);
			let stop = () => {};
			const stopped = create('Stopped', { stopWhen: new Promise<void>((resolve) => (stop = resolve)) });
			const kept = create('Kept');
			// Each first reads the product fields it checks its values against, then adds.
			const adds = () =>
				batchCommands(emulator).filter((commands) => commands.some((command) => command.startsWith('catalog.product.add')));
			await until('the shared request to arrive', () => adds().length > 0, {
				timeoutMs: 3000,
				intervalMs: 20,
			});
			expect(adds()).toEqual([
				[expect.stringMatching(/^catalog\.product\.add\?.*Stopped/), expect.stringMatching(/^catalog\.product\.add\?.*Kept/)],
			]);
			stop();
			const [keptRun, stoppedRun, openerRun] = await Promise.all([kept, stopped, opener]);
			expect(keptRun.error).toBeUndefined();
			expect(keptRun.output).toEqual([
				{ json: expect.objectContaining({ name: 'Kept', id: productsNamed('Kept')[0].id }), pairedItem: { item: 0 } },
			]);
			expect(openerRun.error).toBeUndefined();
			expect(stoppedRun.run.status).toBe('canceled');
			// The portal created what it was sent; only the stopped execution stopped listening.
			expect(productsNamed('Stopped')).toHaveLength(1);
			expect(productsNamed('Kept')).toHaveLength(1);
		});
	});

	describe("each call gets its own answer from a shared request", () => {
		it("a run's batch and other executions' calls in one request: records and errors go back to their callers", async () => {
			const { emulator } = portal;
			emulator.setLatency(300);
			const get = (id: string, items?: IDataObject[]) =>
				product('get', { productId: locator(id) }, { items, onError: 'continueRegularOutput' });
			const opener = get('101');
			await sleep(50);
			const [run, single, missing] = await Promise.all([
				get('={{ $json.id }}', [{ id: 102 }, { id: 999999 }, { id: 104 }]),
				get('105'),
				get('999998'),
				opener,
			]);
			// They shared one request: the run's three commands and the two single calls.
			const gets = batchCommands(emulator).map((commands) => commands.filter((command) => command.startsWith('catalog.product.get?')));
			expect(gets.map((commands) => commands.length).filter((count) => count > 0)).toEqual([5]);
			expect(run.output.map((item) => [item.json.id ?? item.json.error, item.pairedItem])).toEqual([
				[102, { item: 0 }],
				['Bitrix24 error 0: product does not exist.', { item: 1 }],
				[104, { item: 2 }],
			]);
			expect(single.output.map((item) => item.json.id)).toEqual([105]);
			expect(missing.output.map((item) => item.json.error)).toEqual(['Bitrix24 error 0: product does not exist.']);
		});
	});

	describe('the same parameters mean the same alone, batched and shared', () => {
		const idFilter = (values: string) => ({
			returnAll: true,
			filters: { conditions: [{ field: 'id', operator: 'in', value: values }] },
		});

		it('an empty "Is One Of" list matches nothing, alone or beside another item, and nothing is sent for it', async () => {
			const { emulator } = portal;
			const lists = () => emulator.restCalls('catalog.product.list');
			const alone = await product('getMany', idFilter(''));
			expect(alone.output).toEqual([]);
			expect(lists()).toEqual([]);
			const run = await product('getMany', idFilter('={{ $json.ids }}'), {
				items: [{ ids: '' }, { ids: '101, 102' }, { ids: '' }],
			});
			expect(run.error).toBeUndefined();
			expect(run.output.map((item) => [item.json.id, item.pairedItem])).toEqual([
				[101, { item: 1 }],
				[102, { item: 1 }],
			]);
			expect(lists()).toHaveLength(1);
			expect(emulator.restCalls('batch')).toEqual([]);
		});

		it.each([
			['an empty list', '{"select": ["id", "iblockId"], "filter": {"iblockId": 23, "id": []}}'],
			['2,000 IDs, more values than PHP reads from a batch command', JSON.stringify({ select: ['id', 'iblockId'], filter: { iblockId: 23, id: [...Array.from({ length: 1999 }, (_, index) => 900000 + index), 101] } })],
		])('Custom API Call with %s answers the same alone and beside another item', async (_, parameters) => {
			const { emulator } = portal;
			const alone = await customCall('catalog.product.list', parameters);
			const twice = await customCall('catalog.product.list', '={{ $json.parameters }}', [
				{ parameters },
				{ parameters },
			]);
			expect(twice.error).toBeUndefined();
			expect(twice.output.map((item) => item.json)).toEqual([alone.output[0].json, alone.output[0].json]);
			// Such parameters never travel as a batch command.
			expect(emulator.restCalls('batch')).toEqual([]);
		});

		it.each([
			['null', 'null'],
			['true', 'true'],
			['an empty object', '{}'],
		])('a value of %s reaches the portal as JSON, never as a batch command', async (_, value) => {
			const { emulator } = portal;
			const parameters = `{"id": 101, "fields": {"xmlId": ${value}}}`;
			await customCall('catalog.product.update', '={{ $json.parameters }}', [{ parameters }, { parameters }]);
			expect(emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
				['catalog.product.update', JSON.parse(parameters)],
				['catalog.product.update', JSON.parse(parameters)],
			]);
		});
	});

	describe('user text is stored as typed', () => {
		const names = ['$result[c0][element][name]', 'Mug $Result[c0][x] edition', '$error[c0][error_description]'];

		it('names that look like batch references are stored exactly, in one run and beside other executions', async () => {
			const { emulator } = portal;
			emulator.setLatency(200);
			const [run, ...others] = await Promise.all([
				product('create', { fields: mapped({ name: '={{ $json.name }}' }) }, { items: names.map((name) => ({ name })) }),
				create('Plain one'),
				create(names[0]),
			]);
			expect([run, ...others].map(({ error }) => error)).toEqual([undefined, undefined, undefined]);
			expect(run.output.map((item) => item.json.name)).toEqual(names);
			for (const name of names) expect(productsNamed(name).length).toBeGreaterThanOrEqual(1);
			expect(productsNamed(names[0])).toHaveLength(2);
			expect(productsNamed('Plain one')).toHaveLength(1);
			for (const commands of batchCommands(emulator)) {
				expect(commands.join('\n')).not.toMatch(/%24(result|error)/i);
			}
		});
	});

	describe("each call's own Max Wait and Timeout hold, whoever rides with it", () => {
		it('a call does not wait past its Max Wait behind another execution\'s slow request', async () => {
			const { emulator } = portal;
			const [id] = addImages(emulator, 1, 'wait');
			emulator.injectFault({ kind: 'delay', ms: 4000, method: 'catalog.product.list' });
			const slow = product('getMany', { returnAll: false, limit: 1 });
			await sleep(100);
			const started = Date.now();
			const quick = await runNode({
				parameters: deleteParameters(authentication, '105', String(id), { options: { maxLimitWait: 1 } }),
				credentials: credentials(),
			});
			const took = Date.now() - started;
			expect(quick.error).toBeUndefined();
			expect(quick.output).toEqual([{ json: { result: true }, pairedItem: { item: 0 } }]);
			expect(took).toBeLessThan(2500);
			expect((await slow).error).toBeUndefined();
		});

		it('items with different Timeouts or Max Waits never share a request', async () => {
			const { emulator } = portal;
			const ids = addImages(emulator, 4, 'options');
			const run = await runNode({
				onError: 'continueRegularOutput',
				parameters: deleteParameters(authentication, '={{ $json.product }}', '={{ $json.image }}', {
					options: { timeout: '={{ $json.timeout }}', maxLimitWait: '={{ $json.wait }}' },
				}),
				credentials: credentials(),
				items: [
					{ product: 105, image: ids[0], timeout: 5000, wait: 10 },
					{ product: 105, image: ids[1], timeout: 600000, wait: 10 },
					{ product: 105, image: ids[2], timeout: 5000, wait: 10 },
					{ product: 105, image: ids[3], timeout: 5000, wait: 30 },
				],
			});
			expect(run.error).toBeUndefined();
			expect(run.output).toHaveLength(4);
			const together = emulator
				.restCalls()
				.map((call) => deleteBodies({ restCalls: () => [call] } as never).map((body) => body.id));
			expect(together.map((group) => group.sort())).toEqual(
				expect.arrayContaining([[ids[0], ids[2]].sort(), [ids[1]], [ids[3]]]),
			);
			expect(together).toHaveLength(3);
		});
	});

	describe('Stop Workflow stops at the failing item', () => {
		it('carries out nothing after the failing item, and says which items were carried out', async () => {
			const { emulator } = portal;
			const ids = addImages(emulator, 4, 'halt');
			const run = await runNode({
				parameters: deleteParameters(authentication, '={{ $json.product }}', '={{ $json.image }}'),
				credentials: credentials(),
				items: [ids[0], ids[1], 999999, ids[2], ids[3]].map((image) => ({ product: 105, image })),
			});
			expect(run.error?.message).toBe('Bitrix24 error 0: Image does not exist');
			expect(run.error?.description).toMatch(/ Carried out: items 0–1\. Not carried out: items 3–4\.$/);
			expect(emulator.portal.imagesOf(105).map((image) => image.id)).toEqual([ids[2], ids[3]]);
			expect(emulator.restCalls('batch').map((call) => call.params.halt)).toEqual([1]);
		});

		it("a halting run's batch is not stopped by another execution's failing call in its request", async () => {
			const { emulator } = portal;
			const ids = addImages(emulator, 6, 'shared');
			emulator.setLatency(300);
			const opener = runNode({ parameters: deleteParameters(authentication, '105', String(ids[0])), credentials: credentials() });
			await sleep(50);
			const [failing, run] = await Promise.all([
				runNode({ parameters: deleteParameters(authentication, '105', '999999'), credentials: credentials() }),
				runNode({
					parameters: deleteParameters(authentication, '={{ $json.product }}', '={{ $json.image }}'),
					credentials: credentials(),
					items: ids.slice(1).map((image) => ({ product: 105, image })),
				}),
				opener,
			]);
			expect(failing.error?.message).toBe('Bitrix24 error 0: Image does not exist');
			expect(run.error).toBeUndefined();
			expect(run.output).toHaveLength(5);
			expect(emulator.portal.imagesOf(105)).toEqual([]);
		});
	});

	describe('a lost answer in a batched run is handled as for one call', () => {
		it('looks up the creates and sends the update again', async () => {
			const { emulator } = portal;
			// The first batch (the lookups) passes; the second (the adds and the update) runs, then its answer is lost.
			emulator.injectFault({ kind: 'delay', ms: 1, method: 'batch' });
			emulator.injectFault({ kind: 'commitThenDrop', method: 'batch' });
			const run = await product(
				'upsert',
				{ fields: mapped({ xmlId: '={{ $json.xmlId }}', name: '={{ $json.name }}' }, {}, ['xmlId']) },
				{
					items: [
						{ xmlId: 'LOST-1', name: 'Lost one' },
						{ xmlId: '102', name: 'T-shirt, resent' },
						{ xmlId: 'LOST-2', name: 'Lost two' },
					],
				},
			);
			expect(run.error).toBeUndefined();
			expect(productsNamed('Lost one')).toHaveLength(1);
			expect(productsNamed('Lost two')).toHaveLength(1);
			expect(run.output.map((item) => item.json.id)).toEqual([
				productsNamed('Lost one')[0].id,
				102,
				productsNamed('Lost two')[0].id,
			]);
			expect(emulator.portal.product(102)?.name).toBe('T-shirt, resent');
			// The adds were never sent again.
			expect(methodsCalled(emulator.restCalls()).filter((method) => method === 'catalog.product.add')).toHaveLength(2);
		});
	});
});
