import { sleep } from 'n8n-workflow';

import { setStock } from '../emulator/methods/catalogStoreProduct';
import { CHANGES_TRIGGER_TYPE } from '../harness/typeNames';
import { until } from '../harness/until';
import type { WorkflowJson } from '../harness/workflowHost';
import type { StoredExecution } from '../n8n/n8n';
import { QueueInstance } from '../n8n/queue';
import type { E2eContext } from './fixture';
import {
	chainWorkflow,
	pollsLogged,
	pollsPerWorker,
	startQueueMain,
	startsPerWorker,
	useN8n,
	usePollingQueue,
	WEBHOOK_CREDENTIAL,
	withN8nLog,
} from './fixture';

const WAIT = { timeoutMs: 60_000, intervalMs: 250 };
const TRIGGER = 'When stock changes';

/**
 * The Changes Trigger in a real n8n, with the webhook credential. As in the offline trigger's
 * suite, the poll n8n runs at each activation (each start) is the one used: the poll times (once a
 * year) never come between. What the last poll saw must outlive n8n's restart, in the workflow's
 * static data, or every start would be a first poll that emits nothing.
 */
function stockWorkflow(workflowId: string): WorkflowJson {
	return chainWorkflow(workflowId, 'Stock changes (e2e)', [
		{
			name: TRIGGER,
			type: CHANGES_TRIGGER_TYPE,
			typeVersion: 1,
			parameters: {
				authentication: 'webhook',
				watch: 'stock',
				pollTimes: { item: [{ mode: 'custom', cronExpression: '0 0 1 1 *' }] },
			},
			credentials: { bitrix24WebhookApi: WEBHOOK_CREDENTIAL },
		},
	]);
}

function itemsOf(run: StoredExecution): Array<Record<string, unknown>> {
	const runData = run.data.resultData.runData as Record<
		string,
		Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
	>;
	return runData[TRIGGER][0].data.main[0].map((item) => item.json);
}

/** Starts n8n and waits until its activation poll has read the stock rows. */
async function startAndPoll(context: E2eContext): Promise<void> {
	context.emulator.clearRequests();
	context.server = await context.n8n.start();
	await until(
		'the activation poll',
		() => context.emulator.restCalls('catalog.storeproduct.list').length > 0 || undefined,
		WAIT,
	);
}

async function runsOf(context: E2eContext, workflowId: string): Promise<StoredExecution[]> {
	return (await context.n8n.storedExecutions()).filter((run) => run.workflowId === workflowId);
}


/** Store 1's stock of 30 products (1001 to 1030): 10 each. */
function seedStock(context: E2eContext): void {
	for (let n = 0; n < 30; n++) setStock(context.emulator.portal, 1001 + n, 1, 10);
}

describe('n8n server: the Changes Trigger finds stock changes across restarts', () => {
	const context = useN8n(5736);
	const WORKFLOW = 'e2eChangesStock1';
	const runsOfWorkflow = () => runsOf(context, WORKFLOW);

	beforeAll(async () => {
		const { n8n } = context;
		seedStock(context);
		await n8n.importWorkflows([stockWorkflow(WORKFLOW)]);
		expect((await n8n.publish(WORKFLOW)).code).toBe(0);
	});

	it('starts watching on its first poll and emits nothing', () =>
		withN8nLog(context, async () => {
			await startAndPoll(context);
			// Time for an execution to be stored, were one started.
			await sleep(3_000);
			expect(await runsOfWorkflow()).toEqual([]);
		}));

	it('emits exactly the rows changed while n8n was stopped, with old and new, then nothing', () =>
		withN8nLog(context, async () => {
			const { emulator } = context;
			await context.server!.stop();
			setStock(emulator.portal, 1004, 1, 3);
			setStock(emulator.portal, 1020, 1, 0);
			await startAndPoll(context);
			const [run] = await context.n8n.finishedExecutions(WORKFLOW, 1, { timeoutMs: WAIT.timeoutMs });
			expect(run.status).toBe('success');
			const items = itemsOf(run);
			expect(
				items.map(({ change, productId, storeId, amount, changes }) => ({
					change,
					productId,
					storeId,
					amount,
					changes,
				})),
			).toEqual([
				{
					change: 'changed',
					productId: 1004,
					storeId: 1,
					amount: 3,
					changes: { amount: { old: 10, new: 3 } },
				},
				{
					change: 'changed',
					productId: 1020,
					storeId: 1,
					amount: 0,
					changes: { amount: { old: 10, new: 0 } },
				},
			]);

			// Started again with nothing changed: nothing new.
			await context.server!.stop();
			await startAndPoll(context);
			await sleep(3_000);
			expect(await runsOfWorkflow()).toHaveLength(1);
		}));
});

describe('n8n queue mode: the Changes Trigger polls on the main process only', () => {
	const context = usePollingQueue(5740, { redis: 6394, postgres: 5494 });
	const WORKFLOW = 'e2eChangesStock2';

	beforeAll(async () => {
		const { n8n, emulator } = context;
		seedStock(context);
		await n8n.importWorkflows([stockWorkflow(WORKFLOW)]);
		expect((await n8n.publish(WORKFLOW)).code).toBe(0);
		emulator.clearRequests();
		context.queue = await QueueInstance.start(n8n, { workers: 2 });
		await until(
			'the activation poll',
			() => emulator.restCalls('catalog.storeproduct.list').length > 0 || undefined,
			WAIT,
		);
	});

	it('polls on the main process only, and a worker runs the changes once', () =>
		withN8nLog(context, async () => {
			const { n8n, emulator } = context;
			const queue = context.queue!;
			expect(pollsLogged(queue.main.log)).toBe(1);
			expect(pollsPerWorker(queue)).toEqual([0, 0]);
			await queue.main.stop();
			setStock(emulator.portal, 1007, 1, 4);
			emulator.clearRequests();
			const main = await startQueueMain(context);
			const [run] = await n8n.finishedExecutions(WORKFLOW, 1, { timeoutMs: WAIT.timeoutMs });
			expect(run.status).toBe('success');
			expect(itemsOf(run).map(({ productId, amount }) => [productId, amount])).toEqual([
				[1007, 4],
			]);
			// The new main process polled once (one read of the rows), the workers never; a worker
			// ran the execution, once.
			expect(pollsLogged(main.log)).toBe(1);
			expect(pollsPerWorker(queue)).toEqual([0, 0]);
			expect(emulator.restCalls('catalog.storeproduct.list')).toHaveLength(1);
			expect(startsPerWorker(queue, run.id)).toEqual([0, 1]);
		}));
});
