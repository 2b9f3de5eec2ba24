import type { Fault } from '../emulator';
import { batchCommands } from '../harness/batches';
import { addImages, deleteParameters, webhookCredentials } from '../harness/nodeInputs';
import { runNode } from '../harness/runNode';
import { deleteBodies, usePortal } from './fixtures';

/**
 * Executions that run at once against one portal: a call that would wait joins the next `batch`
 * request of the same credential, and still gets its own answer.
 */
describe('executions at once share batch requests', () => {
	const portal = usePortal();

	/** One execution per image, each deleting its image with a call of its own. */
	const deleteEach = (ids: number[], webhook = 'admin') =>
		Promise.all(
			ids.map((id) =>
				runNode({
					parameters: deleteParameters('webhook', '105', String(id)),
					credentials: webhookCredentials(portal.emulator, webhook),
				}),
			),
		);

	const statuses = () =>
		portal.emulator.restCalls().map((call) => `${call.restMethod} ${call.status}`);

	it('sends the first call at once and the calls that came while it was on its way in one batch', async () => {
		const { emulator } = portal;
		const ids = addImages(emulator, 30, 'shared');
		const runs = await deleteEach(ids);
		expect(runs.map(({ output, error }) => [output, error])).toEqual(
			ids.map(() => [[{ json: { result: true }, pairedItem: { item: 0 } }], undefined]),
		);
		const [first, ...rest] = emulator.restCalls();
		expect(first.restMethod).toBe('catalog.productImage.delete');
		expect(rest.map((call) => call.restMethod)).toEqual(rest.map(() => 'batch'));
		expect(emulator.restCalls().length).toBeLessThanOrEqual(3);
		expect(deleteBodies(emulator).map((body) => body.id).sort()).toEqual([...ids].sort());
		expect(emulator.portal.imagesOf(105)).toEqual([]);
	});

	it("never puts two credentials' calls in one request, and one's refusal fails only its own calls", async () => {
		const { emulator } = portal;
		const ids = addImages(emulator, 20, 'two');
		const [admin, viewer] = await Promise.all([
			deleteEach(ids.slice(0, 10), 'admin'),
			deleteEach(ids.slice(10), 'viewer'),
		]);
		expect(admin.map(({ error }) => error)).toEqual(ids.slice(0, 10).map(() => undefined));
		expect(viewer.map(({ error }) => error?.message)).toEqual(
			ids.slice(10).map(() => 'Bitrix24 error 200040300020: Access Denied'),
		);
		const idsOf = (user: number) =>
			emulator
				.restCalls()
				.filter((call) => call.webhookUserId === user)
				.flatMap((call) =>
					call.restMethod === 'batch'
						? Object.values(call.params.cmd as Record<string, string>).map((command) =>
								Number(/&id=(\d+)/.exec(command)?.[1]),
							)
						: [call.params.id],
				);
		expect(idsOf(1).sort()).toEqual(ids.slice(0, 10).sort());
		expect(idsOf(7).sort()).toEqual(ids.slice(10).sort());
		expect(emulator.restCalls('batch').length).toBeGreaterThan(0);
		expect(emulator.restCalls().length).toBeLessThan(20);
		expect(emulator.portal.imagesOf(105).map((image) => image.id)).toEqual(ids.slice(10));
	});

	it("keeps a run's own batch whole and fills the rest of its request with other executions' calls", async () => {
		const { emulator } = portal;
		const ids = addImages(emulator, 55, 'fill');
		// An idle portal first: this call goes alone, and the rest gather while it is on its way.
		emulator.setLatency(300);
		const opener = deleteEach([ids[0]]);
		const bulk = runNode({
			parameters: deleteParameters('webhook', '={{ $json.product }}', '={{ $json.image }}'),
			credentials: webhookCredentials(emulator),
			items: ids.slice(1, 41).map((image) => ({ product: 105, image })),
		});
		const singles = deleteEach(ids.slice(41));
		const [bulkRun] = await Promise.all([bulk, opener, singles]);
		expect(bulkRun.error).toBeUndefined();
		expect(bulkRun.output).toHaveLength(40);
		const requests = batchCommands(emulator);
		const bulkCommands = ids.slice(1, 41).map((id) => `catalog.productImage.delete?productId=105&id=${id}`);
		// The run's 40 commands travel together, in order, in one request.
		const carrying = requests.filter((commands) => commands.includes(bulkCommands[0]));
		expect(carrying).toHaveLength(1);
		const at = carrying[0].indexOf(bulkCommands[0]);
		expect(carrying[0].slice(at, at + 40)).toEqual(bulkCommands);
		expect(carrying[0]).toHaveLength(50);
		expect(emulator.portal.imagesOf(105)).toEqual([]);
	});

	it.each<[string, Fault, string[]]>([
		[
			'an answer lost after the batch ran',
			{ kind: 'commitThenDrop', method: 'batch' },
			['batch 0', 'batch 200'],
		],
		[
			'QUERY_LIMIT_EXCEEDED for the whole batch',
			{ kind: 'system', code: 'QUERY_LIMIT_EXCEEDED', method: 'batch' },
			['batch 503', 'batch 200'],
		],
	])('after %s every execution gets its own result, each image deleted once', async (_, fault, batches) => {
		const { emulator } = portal;
		const ids = addImages(emulator, 20, 'fault');
		emulator.injectFault(fault);
		const runs = await deleteEach(ids);
		expect(runs.map(({ output, error }) => [output, error])).toEqual(
			ids.map(() => [[{ json: { result: true }, pairedItem: { item: 0 } }], undefined]),
		);
		// The retries leave on their own jittered waits: the first may find the portal idle and go alone.
		const lines = statuses();
		const faulted = lines.indexOf(batches[0]);
		expect(faulted).toBeGreaterThanOrEqual(0);
		const retries = lines.slice(faulted + 1);
		// At most one retry per execution; on an idle portal a retry leaves at once, alone.
		expect(retries.length).toBeLessThanOrEqual(ids.length);
		expect(retries.every((line) => line.endsWith(' 200') || line === 'catalog.productImage.delete 400')).toBe(true);
		expect(emulator.portal.imagesOf(105)).toEqual([]);
	});

	it('gives a command refused inside a shared batch to its own execution only', async () => {
		const { emulator } = portal;
		const ids = addImages(emulator, 20, 'refused');
		emulator.injectFault({
			kind: 'error',
			method: 'catalog.productImage.delete',
			inBatch: true,
			status: 400,
			code: 200040300020,
			description: 'Access Denied',
		});
		const runs = await deleteEach(ids);
		const failed = runs.filter(({ error }) => error);
		expect(failed.map(({ error }) => [error?.message, error?.context.itemIndex])).toEqual([
			['Bitrix24 error 200040300020: Access Denied', 0],
		]);
		expect(runs.filter(({ error }) => !error)).toHaveLength(19);
		expect(emulator.portal.imagesOf(105)).toHaveLength(1);
		expect(JSON.stringify(failed[0].error)).not.toContain(emulator.webhooks.admin.secret);
	});

	it('counts operating time per method inside batches and holds the method back before Bitrix24 blocks it', async () => {
		const { emulator } = portal;
		// Each delete costs 250 of the 480 seconds: two in one batch reach 500, past 90 %.
		emulator.setProcessingTime('catalog.productImage.delete', 250);
		emulator.setOperatingLimit({ limitSeconds: 480, windowSeconds: 3 });
		const ids = addImages(emulator, 4, 'operating');
		const run = (pair: number[]) =>
			runNode({
				parameters: deleteParameters('webhook', '={{ $json.product }}', '={{ $json.image }}'),
				credentials: webhookCredentials(emulator),
				items: pair.map((image) => ({ product: 105, image })),
			});
		expect((await run(ids.slice(0, 2))).error).toBeUndefined();
		const started = Date.now();
		const second = await run(ids.slice(2));
		expect(second.error).toBeUndefined();
		expect(second.output).toEqual([
			{ json: { result: true }, pairedItem: { item: 0 } },
			{ json: { result: true }, pairedItem: { item: 1 } },
		]);
		// Held until the window moved on, instead of being refused with OPERATION_TIME_LIMIT.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		const answers = emulator.restCalls('batch');
		expect(answers).toHaveLength(2);
		expect(emulator.portal.imagesOf(105)).toEqual([]);
	}, 30_000);
});

/** The highest a portal's counter (a leaky bucket) climbs for requests arriving at these times (ms). */
function highestCount(arrivals: number[], { burst, perSecond }: { burst: number; perSecond: number }): number {
	let level = 0;
	let highest = 0;
	let last = arrivals[0] ?? 0;
	for (const at of [...arrivals].sort((a, b) => a - b)) {
		level = Math.max(0, level - ((at - last) / 1000) * perSecond) + 1;
		last = at;
		highest = Math.max(highest, Math.min(level, burst + 1));
	}
	return highest;
}

describe("the portal's limit shared by n8n processes (queue mode)", () => {
	const portal = usePortal();

	// A second n8n process: its own copy of the node's modules, so its own limiter.
	let otherProcess!: typeof import('../harness/runNode');
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		otherProcess = require('../harness/runNode');
	});

	const deleteAll = (run: typeof runNode, ids: number[], processes: number | string) =>
		run({
			parameters: deleteParameters('webhook', '={{ $json.product }}', '={{ $json.image }}', {
				options: { batching: false },
			}),
			credentials: {
				bitrix24WebhookApi: { webhookSecretUrl: portal.emulator.webhookUrl(), processes },
			},
			items: ids.map((image) => ({ product: 105, image })),
		});

	it.each([0, 1.5, 'two'])('refuses %p processes before anything is sent', async (processes) => {
		const { error } = await deleteAll(runNode, addImages(portal.emulator, 1, 'p'), processes);
		const problem =
			processes === 0
				? 'must be 1 or greater, but got 0'
				: processes === 1.5
					? 'must be a whole number, but got 1.5'
					: 'must be a number, but got "two"';
		expect(error?.message).toBe(
			`The credential's n8n Processes Sharing This Portal ${problem} [item 0]`,
		);
		expect(portal.emulator.restCalls()).toEqual([]);
	});

	it('keeps two processes set to 2 under the portal limit together: none refused', async () => {
		const { emulator } = portal;
		emulator.setRateLimit({ burst: 50, perSecond: 2 });
		const [a, b] = [addImages(emulator, 30, 'a'), addImages(emulator, 30, 'b')];
		const runs = await Promise.all([deleteAll(runNode, a, 2), deleteAll(otherProcess.runNode, b, 2)]);
		expect(runs.map(({ error, output }) => [error, output.length])).toEqual([
			[undefined, 30],
			[undefined, 30],
		]);
		expect(emulator.stats).toEqual({ restRequests: 60, queryLimitExceeded: 0 });
		expect(emulator.portal.imagesOf(105)).toEqual([]);
		// The requests' arrivals, replayed through the portal's counter: near its top, never past it.
		const arrivals = emulator.restCalls().map((call) => call.receivedAt);
		const highest = highestCount(arrivals, { burst: 50, perSecond: 2 });
		expect(highest).toBeLessThanOrEqual(50);
		expect(highest).toBeGreaterThan(40);
	}, 60_000);

	it('slows two processes that each take the whole limit down after refusals, so that few are refused and all succeed', async () => {
		const { emulator } = portal;
		emulator.setRateLimit({ burst: 50, perSecond: 2 });
		const [a, b] = [addImages(emulator, 45, 'a'), addImages(emulator, 45, 'b')];
		const runs = await Promise.all([deleteAll(runNode, a, 1), deleteAll(otherProcess.runNode, b, 1)]);
		expect(runs.map(({ error, output }) => [error, output.length])).toEqual([
			[undefined, 45],
			[undefined, 45],
		]);
		const { queryLimitExceeded } = emulator.stats;
		expect(queryLimitExceeded).toBeGreaterThan(0);
		// Each refusal halves that process's pace: refusals stop instead of recurring.
		expect(queryLimitExceeded).toBeLessThanOrEqual(12);
		expect(emulator.portal.imagesOf(105)).toEqual([]);
	}, 120_000);
});
