import { sleep } from 'n8n-workflow';

import type { Bitrix24Emulator, Fault } from '../emulator';
import { until } from '../harness/until';
import { runNode } from '../harness/runNode';
import {
	addImages,
	AUTHENTICATIONS,
	credentialsFor,
	locator,
	productImageParameters,
} from '../harness/nodeInputs';
import { batchCommands, deleteBodies, runItemDeletes, usePortal } from './fixtures';

const N = 30;

const faults: Array<[string, Fault]> = [
	['a dropped connection', { kind: 'drop', method: 'batch' }],
	['an answer lost after the deletes were done', { kind: 'commitThenDrop', method: 'batch' }],
	[
		'a server error after the deletes were done',
		{
			kind: 'commitThenError',
			method: 'batch',
			status: 500,
			code: 'INTERNAL_SERVER_ERROR',
			description: 'Internal server error',
		},
	],
	['a proxy error page', { kind: 'html', status: 502, method: 'batch' }],
	['QUERY_LIMIT_EXCEEDED', { kind: 'system', code: 'QUERY_LIMIT_EXCEEDED', method: 'batch' }],
	['a time-out', { kind: 'delay', ms: 2500, method: 'batch' }],
];

describe.each(AUTHENTICATIONS)(`fault matrix with %s credentials, ${N} items`, (authentication) => {
	const portal = usePortal();

	it.each(faults)(
		'after %s: every item one result, every image deleted once, few requests',
		async (_, fault) => {
			const { emulator } = portal;
			const ids = addImages(emulator, N, 'm');
			emulator.injectFault(fault);

			const { output, error } = await runItemDeletes(
				emulator,
				authentication,
				ids.map((image) => ({ product: 105, image })),
				{},
				{ options: { timeout: 1000 } },
			);

			expect(error).toBeUndefined();
			expect(output).toEqual(
				ids.map((__, item) => ({ json: { result: true }, pairedItem: { item } })),
			);
			expect(emulator.portal.imagesOf(105)).toEqual([]);
			// One batch, and one retry of it: never one request per item.
			expect(emulator.restCalls().length).toBeLessThanOrEqual(2);
			const executed = deleteBodies(emulator);
			expect(new Set(executed.map((body) => body.id))).toEqual(new Set(ids));
		},
	);

	it.each(faults)(
		'Delete All after %s: one report of every image, each deleted once',
		async (_, fault) => {
			const { emulator } = portal;
			const ids = addImages(emulator, N, 'a');
			emulator.injectFault(fault);

			const { output, error } = await runNode({
				parameters: productImageParameters(authentication, 'deleteAll', {
					productId: locator('105'),
					options: { timeout: 1000 },
				}),
				credentials: credentialsFor(emulator, authentication),
			});

			expect(error).toBeUndefined();
			expect(output).toEqual([
				{
					json: expect.objectContaining({ productId: 105, deletedCount: N }),
					pairedItem: { item: 0 },
				},
			]);
			expect(emulator.portal.imagesOf(105)).toEqual([]);
			expect(new Set(deleteBodies(emulator).map((body) => body.id))).toEqual(new Set(ids));
		},
	);

	it('gives a failed sub-command its own error and leaves the others done', async () => {
		const { emulator } = portal;
		const ids = addImages(emulator, N, 's');
		emulator.injectFault({
			kind: 'error',
			method: 'catalog.productImage.delete',
			inBatch: true,
			status: 400,
			code: 200040300020,
			description: 'Access Denied',
		});
		const { output } = await runItemDeletes(
			emulator,
			authentication,
			ids.map((image) => ({ product: 105, image })),
			{ onError: 'continueRegularOutput' },
		);
		expect(output).toHaveLength(N);
		expect(output[0].json).toEqual({
			error: 'Bitrix24 error 200040300020: Access Denied',
			details: { code: '200040300020', description: 'Access Denied', httpCode: '400' },
		});
		expect(output.slice(1).every((item) => item.json.result === true)).toBe(true);
		expect(emulator.portal.imagesOf(105).map((image) => image.id)).toEqual([ids[0]]);
		if (authentication === 'webhook')
			expect(JSON.stringify(output)).not.toContain(emulator.webhooks.admin.secret);
	});
});

describe.each(AUTHENTICATIONS)('fault matrix with %s credentials, an execution stopped mid-flight', (authentication) => {
	const portal = usePortal();

	// n8n ends a workflow that ran past its time-out the way the Stop button does: it cancels it.
	it.each<[string, (emulator: Bitrix24Emulator) => Promise<unknown>]>([
		// The Stop button, once the shared request has reached the portal.
		['stopped mid-flight', async (emulator) => {
			await until('the shared request', () => batchCommands(emulator).length > 0, { timeoutMs: 3000, intervalMs: 10 });
			await sleep(100);
		}],
		// A time-out: the same cancel, at a fixed time after the start.
		['timed out mid-flight', async () => await sleep(450)],
	])('%s: the other executions aboard its request get their results, every image deleted once', async (_, stop) => {
		const { emulator } = portal;
		emulator.setLatency(300);
		const credentials = credentialsFor(emulator, authentication);
		const ids = addImages(emulator, 12, 'stop');
		const deletes = (images: number[], stopWhen?: Promise<unknown>) =>
			runNode({
				parameters: productImageParameters(authentication, 'delete', {
					productId: locator('={{ $json.product }}'),
					imageId: locator('={{ $json.image }}'),
				}),
				credentials,
				items: images.map((image) => ({ product: 105, image })),
				// Runs that go on past a failed item: their batches share one request.
				onError: 'continueRegularOutput',
				stopWhen,
			});
		const opener = deletes(ids.slice(0, 1));
		await sleep(50);
		// These three gather while the opener is on its way, and leave together when it is back,
		// the one to be stopped at the head of the request.
		const stopping = deletes(ids.slice(1, 5), stop(emulator));
		await sleep(20);
		const [stopped, ...others] = await Promise.all([
			stopping,
			deletes(ids.slice(5, 9)),
			deletes(ids.slice(9)),
			opener,
		]);
		expect(stopped.run.status).toBe('canceled');
		expect(others.map(({ error, output }) => [error, output.length])).toEqual([
			[undefined, 4],
			[undefined, 3],
			[undefined, 1],
		]);
		expect(batchCommands(emulator).map((commands) => commands.length)).toEqual([11]);
		expect(emulator.portal.imagesOf(105)).toEqual([]);
		expect(deleteBodies(emulator).map((body) => body.id).sort()).toEqual([...ids].sort());
	});
});

describe('executions running at once against one portal', () => {
	const portal = usePortal();

	it('stay under the portal limit together', async () => {
		const { emulator } = portal;
		emulator.setRateLimit({ burst: 50, perSecond: 2 });
		const runs = [0, 1].map((run) => {
			const ids = addImages(emulator, 28, `c-${run}`);
			return runItemDeletes(
				emulator,
				'webhook',
				ids.map((image) => ({ product: 105, image })),
				{},
				{ options: { batching: false } },
			);
		});
		const results = await Promise.all(runs);
		expect(results.map(({ error, output }) => [error, output.length])).toEqual([
			[undefined, 28],
			[undefined, 28],
		]);
		expect(emulator.stats).toEqual({ restRequests: 56, queryLimitExceeded: 0 });
		expect(emulator.portal.imagesOf(105)).toEqual([]);
	});
});
