import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Authentication } from '../harness/nodeInputs';
import { addImages, AUTHENTICATIONS } from '../harness/nodeInputs';
import { batchCommands, deleteBodies, runItemDeletes, usePortal } from './fixtures';

describe.each(AUTHENTICATIONS)(
	'batching, limits and retries with %s credentials',
	(authentication: Authentication) => {
		const portal = usePortal();

		const runDeletes = (
			ids: number[],
			options: IDataObject = {},
			onError?: 'continueRegularOutput',
		) =>
			runItemDeletes(
				portal.emulator,
				authentication,
				ids.map((image) => ({ product: 105, image })),
				{ onError },
				{ options: options as INodeParameters },
			);

		it('packs 120 deletes into 3 batch requests and maps every result back to its item', async () => {
			const { emulator } = portal;
			const ids = addImages(portal.emulator, 120, 'bulk');
			const { output, error } = await runDeletes(ids);

			expect(error).toBeUndefined();
			expect(output).toEqual(
				ids.map((_, item) => ({ json: { result: true }, pairedItem: { item } })),
			);
			expect(batchCommands(emulator).map((commands) => commands.length)).toEqual([50, 50, 20]);
			expect(emulator.restCalls()).toHaveLength(3);
			expect(deleteBodies(emulator)).toEqual(ids.map((id) => ({ productId: 105, id })));
			expect(emulator.portal.imagesOf(105)).toEqual([]);
		});

		it("gives each failing command its own item's error, as a single call would", async () => {
			const ids = addImages(portal.emulator, 3, 'bulk');
			const { output } = await runDeletes([ids[0], 999999, ids[2]], {}, 'continueRegularOutput');
			expect(output).toEqual([
				{ json: { result: true }, pairedItem: { item: 0 } },
				{
					json: {
						error: 'Bitrix24 error 0: Image does not exist',
						details: { code: '0', description: 'Image does not exist', httpCode: '400' },
					},
					pairedItem: { item: 1 },
				},
				{ json: { result: true }, pairedItem: { item: 2 } },
			]);
			expect(portal.emulator.restCalls()).toHaveLength(1);
		});

		it('sends one request per item when batching is off', async () => {
			const ids = addImages(portal.emulator, 4, 'bulk');
			const { output } = await runDeletes(ids, { batching: false });
			expect(output).toHaveLength(4);
			expect(portal.emulator.restCalls('catalog.productImage.delete')).toHaveLength(4);
			expect(portal.emulator.restCalls('batch')).toHaveLength(0);
		});

		it('waits and retries after QUERY_LIMIT_EXCEEDED, and deletes once', async () => {
			const { emulator } = portal;
			const [id] = addImages(portal.emulator, 1, 'bulk');
			emulator.injectFault({ kind: 'system', code: 'QUERY_LIMIT_EXCEEDED' });
			const started = Date.now();
			const { output, error } = await runDeletes([id]);
			expect(error).toBeUndefined();
			expect(output).toEqual([{ json: { result: true }, pairedItem: { item: 0 } }]);
			expect(emulator.restCalls().map((call) => call.status)).toEqual([503, 200]);
			// The wait after a refusal: one drain step (0.5 s on a standard plan) plus a second.
			expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
		});

		it('fails with the code once the bounded wait for the limit is used up', async () => {
			const { emulator } = portal;
			const [id] = addImages(portal.emulator, 1, 'bulk');
			emulator.injectFault({ kind: 'system', code: 'QUERY_LIMIT_EXCEEDED', times: Infinity });
			// The retry waits 2 seconds (the pace halved after the refusal); a third would wait 3.
			const { error } = await runDeletes([id], { maxLimitWait: 2.5 });
			expect(error).toMatchObject({
				message: 'Bitrix24 error QUERY_LIMIT_EXCEEDED: Too many requests',
				httpCode: '503',
				context: {
					bitrix24: expect.objectContaining({ code: 'QUERY_LIMIT_EXCEEDED', httpCode: '503', attempts: 2 }),
				},
			});
			expect(error?.description).toMatch(/^Bitrix24 refused this call 2 times in 2(\.\d)? seconds; the node then gave up/);
			expect(emulator.restCalls()).toHaveLength(2);
			expect(emulator.portal.image(id)).toBeDefined();
		});

		it.each([
			['a dropped connection', { kind: 'drop' as const }],
			['an HTML page from a proxy', { kind: 'html' as const, status: 502 }],
			[
				'an internal server error',
				{ kind: 'system' as const, code: 'INTERNAL_SERVER_ERROR' as const },
			],
		])('retries after %s', async (_, fault) => {
			const { emulator } = portal;
			const [id] = addImages(portal.emulator, 1, 'bulk');
			emulator.injectFault(fault);
			const { output, error } = await runDeletes([id]);
			expect(error).toBeUndefined();
			expect(output).toEqual([{ json: { result: true }, pairedItem: { item: 0 } }]);
			expect(emulator.restCalls()).toHaveLength(2);
			expect(emulator.portal.image(id)).toBeUndefined();
		});

		it.each([
			[
				'code 100',
				{
					kind: 'error' as const,
					status: 400,
					code: 100,
					description: 'Could not find value for parameter {id}',
				},
			],
			['INVALID_CREDENTIALS', { kind: 'system' as const, code: 'INVALID_CREDENTIALS' as const }],
			['insufficient_scope', { kind: 'system' as const, code: 'insufficient_scope' as const }],
			[
				'200040300020',
				{ kind: 'error' as const, status: 400, code: 200040300020, description: 'Access Denied' },
			],
		])('does not retry %s', async (_, fault) => {
			const { emulator } = portal;
			const [id] = addImages(portal.emulator, 1, 'bulk');
			emulator.injectFault({ ...fault, times: Infinity });
			const { error } = await runDeletes([id]);
			expect(error).toBeDefined();
			// OAuth2: n8n itself asks once more after any 401, with a fresh token.
			const expected =
				authentication === 'oAuth2' && emulator.restCalls()[0].status === 401 ? 2 : 1;
			expect(emulator.restCalls()).toHaveLength(expected);
		});

		it('counts a delete whose answer was lost and whose retry finds nothing as deleted, once', async () => {
			const { emulator } = portal;
			const [id] = addImages(portal.emulator, 1, 'bulk');
			emulator.injectFault({ kind: 'commitThenDrop' });
			const { output, error } = await runDeletes([id]);
			expect(error).toBeUndefined();
			expect(output).toEqual([{ json: { result: true }, pairedItem: { item: 0 } }]);
			expect(emulator.restCalls().map((call) => call.status)).toEqual([0, 400]);
			expect(emulator.portal.image(id)).toBeUndefined();
		});

		it('does the same for a whole batch whose answer was lost', async () => {
			const { emulator } = portal;
			const ids = addImages(portal.emulator, 30, 'bulk');
			emulator.injectFault({ kind: 'commitThenDrop', method: 'batch' });
			const { output, error } = await runDeletes(ids);
			expect(error).toBeUndefined();
			expect(output).toEqual(
				ids.map((_, item) => ({ json: { result: true }, pairedItem: { item } })),
			);
			expect(emulator.restCalls('batch').map((call) => call.status)).toEqual([0, 200]);
			expect(emulator.portal.imagesOf(105)).toEqual([]);
		});

		it('still reports "Image does not exist" for an image that never was', async () => {
			const { error } = await runDeletes([424242]);
			expect(error?.message).toBe('Bitrix24 error 0: Image does not exist');
			expect(portal.emulator.restCalls()).toHaveLength(1);
		});

		describe('operating time', () => {
			beforeEach(() => {
				portal.emulator.setProcessingTime('catalog.productImage.delete', 1);
				portal.emulator.setOperatingLimit({ limitSeconds: 1, windowSeconds: 2 });
			});

			it('waits until a blocked method is released, then goes on', async () => {
				const { emulator } = portal;
				const ids = addImages(portal.emulator, 3, 'bulk');
				const { output, error } = await runDeletes(ids, { batching: false });
				expect(error).toBeUndefined();
				expect(output).toHaveLength(3);
				expect(emulator.restCalls().map((call) => call.status)).toEqual([200, 200, 429, 200]);
				expect(emulator.portal.imagesOf(105)).toEqual([]);
			});

			it('fails with the time the method is available again when that is beyond the wait allowed', async () => {
				const { emulator } = portal;
				const ids = addImages(portal.emulator, 3, 'bulk');
				const { error } = await runDeletes(ids, { batching: false, maxLimitWait: 0 });
				expect(error?.message).toMatch(
					/^Bitrix24 error OPERATION_TIME_LIMIT: Method is blocked due to operation time limit \(available again at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\)$/,
				);
				expect(error).toMatchObject({ httpCode: '429', context: { itemIndex: 2 } });
				expect(emulator.restCalls().map((call) => call.status)).toEqual([200, 200, 429]);
			});

			it('gives up after four attempts while the method stays blocked, even within the wait allowed', async () => {
				const { emulator } = portal;
				const ids = addImages(portal.emulator, 2, 'bulk');
				// A first answer tells when the method's window frees up: each retry then waits about a second.
				await runDeletes([ids[0]], { batching: false });
				emulator.clearRequests();
				emulator.injectFault({ kind: 'system', code: 'OPERATION_TIME_LIMIT', times: Infinity });
				const { error } = await runDeletes([ids[1]], { batching: false, maxLimitWait: 30 });
				expect(error?.message).toMatch(/^Bitrix24 error OPERATION_TIME_LIMIT: /);
				expect(emulator.restCalls().map((call) => call.status)).toEqual([429, 429, 429, 429]);
			});
		});
	
		it('slows down before a method uses up its operating time, so the portal never blocks it', async () => {
			const { emulator } = portal;
			// 440 of the 480 seconds in one call: past 90 %, the next call waits for the window to move on.
			emulator.setProcessingTime('catalog.productImage.delete', 440);
			emulator.setOperatingLimit({ limitSeconds: 480, windowSeconds: 2 });
			// Without waiting, the second call would take the method past 480 s and the third be refused.
			const ids = addImages(portal.emulator, 3, 'bulk');
			const started = Date.now();
			const { error } = await runDeletes(ids, { batching: false });
			expect(error).toBeUndefined();
			expect(emulator.restCalls().map((call) => call.status)).toEqual([200, 200, 200]);
			expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
		});
	},
);
