/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
import { sleep } from 'n8n-workflow';

import { postForm, postJson } from '../emulator/testClient';
import { batchCommands } from '../harness/batches';
import { connectTriggers, loadExample } from '../harness/examples';
import { TRIGGER_TYPE } from '../harness/typeNames';
import { until } from '../harness/until';
import { productionUrl, WITHDRAWAL_PATH } from '../n8n/demo';
import { QueueInstance } from '../n8n/queue';
import { oauth2TriggerWorkflow, useN8n, withN8nLog } from './fixture';

const DEACTIVATED = loadExample('remove-gallery-images-of-deactivated-products.json');
const WITHDRAWN = loadExample('delete-withdrawn-image.json');
/** Products added start it; its Wait of 3 s leaves time to stop a worker in the middle. */
const ADDED = oauth2TriggerWorkflow('e2eQueueOAuth2', '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', 3);
const WAIT = { timeoutMs: 30_000, intervalMs: 250 };

/**
 * Queue mode as its users run it: Postgres, Redis, a main process that receives webhooks and
 * events and two workers that run the executions. Stalled jobs are noticed within seconds here
 * (n8n's defaults: a minute), for the test of a worker killed mid-way.
 */
describe('n8n queue mode: a main process, Redis, Postgres and two workers', () => {
	const context = useN8n(
		5700,
		{},
		{
			queue: { redis: 6396, postgres: 5496 },
			env: {
				QUEUE_WORKER_LOCK_DURATION: '4000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '1000',
				QUEUE_WORKER_STALLED_INTERVAL: '2000',
			},
		},
	);
	let triggerUrl = '';
	const queue = () => context.queue!;

	/** Each execution the workers started, and how often (twice: it ran twice). */
	function starts(): Map<string, number[]> {
		const seen = new Map<string, number[]>();
		for (const { worker, started } of queue().executionsByWorker()) {
			for (const id of started) seen.set(id, [...(seen.get(id) ?? []), worker]);
		}
		return seen;
	}

	beforeAll(async () => {
		const { emulator, n8n } = context;
		const trigger = DEACTIVATED.nodes.find((node) => node.type === TRIGGER_TYPE)!;
		triggerUrl = productionUrl(n8n, trigger.webhookId);
		const workflows = [connectTriggers(DEACTIVATED, emulator, () => triggerUrl), WITHDRAWN, ADDED];
		await n8n.importWorkflows(workflows);
		for (const { id } of workflows)
			expect({ id, code: (await n8n.publish(id)).code }).toEqual({ id, code: 0 });
		context.queue = await QueueInstance.start(n8n, { workers: 2 });
		await until(
			'the trigger to be registered',
			async () => (await postForm(triggerUrl, '')).status === 401,
			WAIT,
		);
	});

	it('answers a withdrawal through the queue: a worker deletes the image, the main process answers', () =>
		withN8nLog(context, async () => {
			const { emulator, n8n } = context;
			const before = (await n8n.storedExecutions()).length;
			const answer = await postJson(productionUrl(n8n, undefined, WITHDRAWAL_PATH), {
				productId: 101,
				imageId: 1003,
			});
			expect({ status: answer.status, body: answer.body }).toEqual({
				status: 200,
				body: { result: true },
			});
			expect(emulator.portal.image(1003)).toBeUndefined();
			const [run] = await context.n8n.finishedExecutions(WITHDRAWN.id, 1, { after: before });
			expect(run.status).toBe('success');
			expect(starts().get(String(run.id))).toHaveLength(1);
			expect(queue().main.log).not.toMatch(new RegExp(`started execution ${run.id}\\b`));
		}));

	it('runs the deactivation example on a worker when Bitrix24 posts the event to the main process', () =>
		withN8nLog(context, async () => {
			const { emulator, n8n } = context;
			const before = (await n8n.storedExecutions()).length;
			emulator.portal.updateProduct(101, { active: 'N' });
			await emulator.events.settled();
			expect(
				emulator.events.deliveries.map(({ handler, status }) => ({ handler, status })),
			).toEqual([{ handler: triggerUrl, status: 200 }]);
			const [run] = await context.n8n.finishedExecutions(DEACTIVATED.id, 1, { after: before });
			expect(run.status).toBe('success');
			expect(starts().get(String(run.id))).toHaveLength(1);
			expect(emulator.portal.imagesOf(101).map((image) => image.id)).toEqual([1001, 1002]);
		}));

	it('subscribes the OAuth2 trigger once, from the main process, and runs each event once on a worker', () =>
		withN8nLog(context, async () => {
			const { emulator, n8n } = context;
			// Workers do not activate workflows: one event.bind, however many processes run.
			const binds = batchCommands(emulator)
				.flat()
				.filter((command) => command.startsWith('event.bind'));
			expect(binds).toEqual([
				expect.stringMatching(/^event\.bind\?event=CATALOG\.PRODUCT\.ON\.ADD&handler=/),
			]);
			expect(
				emulator.events.bindings.filter((binding) => binding.event === 'CATALOG.PRODUCT.ON.ADD'),
			).toHaveLength(1);

			const before = (await n8n.storedExecutions()).length;
			const added = Array.from({ length: 8 }, (_, index) =>
				emulator.portal.createProduct({ name: `Queued product ${index + 1}` }),
			);
			await emulator.events.settled();
			expect(emulator.events.deliveries.slice(-8).map(({ status }) => status)).toEqual(
				Array(8).fill(200),
			);
			const runs = await context.n8n.finishedExecutions(ADDED.id, 8, { after: before });
			expect(runs.map((run) => run.status)).toEqual(Array(8).fill('success'));
			const products = runs.map((run) => {
				const runData = run.data.resultData.runData as Record<
					string,
					Array<{ data: { main: Array<Array<{ json: { productId: number } }>> } }>
				>;
				return runData['When a product is updated'][0].data.main[0][0].json.productId;
			});
			expect(products.sort((a, b) => a - b)).toEqual(added.map((product) => product.id));
			const ranOn = runs.map((run) => starts().get(String(run.id)));
			ranOn.forEach((workers) => expect(workers).toHaveLength(1));
			process.stdout.write(
				`8 events: worker 1 ran ${ranOn.filter((w) => w![0] === 0).length}, worker 2 ${ranOn.filter((w) => w![0] === 1).length}\n`,
			);
		}));

	/** Adds a product and resolves once a worker started the execution of its event (in its Wait). */
	async function eventRunning(name: string) {
		const { emulator, n8n } = context;
		const before = (await n8n.storedExecutions()).length;
		const known = new Set(starts().keys());
		emulator.portal.createProduct({ name });
		await emulator.events.settled();
		expect(emulator.events.deliveries.at(-1)?.status).toBe(200);
		const [id, [worker]] = await until(
			'a worker to start the execution',
			() => [...starts()].find(([run]) => !known.has(run)),
			WAIT,
		);
		return { id, worker, before };
	}

	it('lets a worker told to stop mid-way finish the execution it runs: the event is neither lost nor run twice', () =>
		withN8nLog(context, async () => {
			const { id, worker, before } = await eventRunning('Stopped mid-way');
			await queue().workers[worker].stop('SIGTERM');
			const [run] = await context.n8n.finishedExecutions(ADDED.id, 1, { after: before });
			expect({ id: String(run.id), status: run.status }).toEqual({ id, status: 'success' });
			expect(queue().executionsByWorker()[worker].finished).toContain(id);
			expect(starts().get(id)).toHaveLength(1);
			queue().workers[worker] = await context.n8n.startWorker(worker);
		}));

	it('does not run the execution of a killed worker again on the other (n8n 2.x); 1.x runs it once more', () =>
		withN8nLog(context, async () => {
			const { id, worker } = await eventRunning('Killed mid-way');
			await queue().workers[worker].kill();
			const other = 1 - worker;
			// The job's lock runs out (4 s here) and the other worker's check for stalled jobs (every 2 s) finds it.
			await sleep(12_000);
			const again = queue().executionsByWorker()[other].started.includes(id);
			if (context.n8n.runtime.major >= 2) {
				// n8n 2.x lets no stalled job run again (at most once); the execution never ends as a success.
				expect(again).toBe(false);
				const run = (await context.n8n.storedExecutions()).find(
					(stored) => String(stored.id) === id,
				)!;
				expect(run.status).not.toBe('success');
			} else {
				// n8n 1.x gives a stalled job to another worker once (at least once): from the start again.
				expect(again).toBe(true);
			}
			queue().workers[worker] = await context.n8n.startWorker(worker);
		}));
});
