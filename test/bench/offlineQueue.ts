/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a benchmark, never shipped */
/**
 * The offline trigger against the emulator with cloud limits (burst 50, then 2 requests per
 * second) and a latency per request, run around n8n-core (test/harness: n8n's PollContext and
 * WorkflowExecute, the trigger's static data kept or lost as n8n keeps or loses it), not in a
 * real n8n process: test/e2e/offline.e2e.ts runs the same scenarios in one, more slowly.
 *
 * 1. A backlog: 10,000 updates of 1,000 products while the workflow is inactive, then polls
 *    until the queue is empty; once handed over normally, once with n8n killed after the
 *    first poll took its packages and before it handed them over.
 * 2. A burst of 1,000 product events, in the same run through the webhook trigger (the portal
 *    posts each event to n8n, each execution reads its product) and through the offline queue.
 *
 * Prints tables; run `npm run bench:offline` (BENCH_PRODUCTS=1000 BENCH_ROUNDS=10 BENCH_LATENCY_MS=50).
 */
import '../setup-env';

import type { INodeExecutionData } from 'n8n-workflow';

import { Bitrix24Emulator } from '../emulator';
import { commandsOf } from '../harness/batches';
import { TestCredentialsHelper } from '../harness/credentialsHelper';
import { connectTriggers } from '../harness/examples';
import { offlinePoller } from '../harness/offlinePoller';
import { Poller } from '../harness/poller';
import { TRIGGER_TYPE } from '../harness/typeNames';
import { WorkflowHost } from '../harness/workflowHost';
import { printTable } from './table';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const UPDATED = 'CATALOG.PRODUCT.ON.UPDATE';

interface Counted {
	/** Items n8n took (polls handed over, or webhook executions that ran). */
	delivered: number[];
	polls: number;
	queueRequests: number;
	productRequests: number;
	requests: number;
	refused: number;
	seconds: number;
}

async function cloudPortal(): Promise<Bitrix24Emulator> {
	const emulator = await Bitrix24Emulator.start();
	emulator.setRateLimit({ burst: 50, perSecond: 2 });
	emulator.setLatency(LATENCY_MS);
	return emulator;
}


/** Requests by what they carried: the queue's methods, product reads. */
function requestsOf(emulator: Bitrix24Emulator) {
	const calls = emulator.restCalls();
	const carries = (prefix: string) =>
		calls.filter((call) =>
			(call.restMethod === 'batch' ? commandsOf(call) : [call.restMethod ?? '']).some((command) =>
				command.startsWith(prefix),
			),
		).length;
	return { queue: carries('event.offline.'), products: carries('catalog.product.') };
}

const idsOf = (output: INodeExecutionData[][] | null) =>
	(output?.[0] ?? []).map((item) => item.json.productId as number);

/**
 * Polls until a poll finds nothing, handing each poll over (n8n stored its execution), except
 * the first when `crash`: n8n was killed after that poll took its packages.
 */
async function drain(emulator: Bitrix24Emulator, poller: Poller, crash: boolean, started: number) {
	const delivered: number[] = [];
	let polls = 0;
	for (let first = true; ; first = false) {
		const ids = idsOf(await poller.poll());
		polls++;
		if (first && crash) {
			poller.crash();
			continue;
		}
		poller.handOver();
		if (ids.length === 0) break;
		delivered.push(...ids);
	}
	const seconds = (performance.now() - started) / 1000;
	const { queue, products } = requestsOf(emulator);
	return {
		delivered,
		polls,
		queueRequests: queue,
		productRequests: products,
		...restCounts(emulator),
		seconds,
	};
}

/** A bound trigger whose first poll was handed over, and `count` new products. */
async function offlineSetUp(emulator: Bitrix24Emulator, count: number) {
	const { firstId } = emulator.portal.seedProducts({ count });
	const poller = offlinePoller(emulator, { events: [UPDATED], productFields: 'id, name' });
	await poller.poll();
	poller.handOver();
	return { poller, ids: Array.from({ length: count }, (_, index) => firstId + index) };
}

/** Forgets the requests so far: the counts start from here. */
function resetCounters(emulator: Bitrix24Emulator): void {
	emulator.clearRequests();
}

/** REST requests since the counts started, and how many of them the rate limit refused. */
function restCounts(emulator: Bitrix24Emulator) {
	const calls = emulator.restCalls();
	return {
		requests: calls.length,
		refused: calls.filter((call) => call.status === 503).length,
	};
}

async function backlog(crash: boolean): Promise<{ counted: Counted; ids: number[]; changes: number }> {
	const emulator = await cloudPortal();
	try {
		const { poller, ids } = await offlineSetUp(emulator, PRODUCTS);
		for (let round = 1; round <= ROUNDS; round++) {
			for (const id of ids) emulator.portal.updateProduct(id, { name: `Product ${id} v${round}` });
		}
		resetCounters(emulator);
		const counted = await drain(emulator, poller, crash, performance.now());
		return { counted, ids, changes: PRODUCTS * ROUNDS };
	} finally {
		await emulator.stop();
	}
}

async function offlineBurst(): Promise<{ counted: Counted; ids: number[] }> {
	const emulator = await cloudPortal();
	try {
		const { poller, ids } = await offlineSetUp(emulator, PRODUCTS);
		resetCounters(emulator);
		const started = performance.now();
		for (const id of ids) emulator.portal.updateProduct(id, { active: 'N' });
		return { counted: await drain(emulator, poller, false, started), ids };
	} finally {
		await emulator.stop();
	}
}

async function webhookBurst(): Promise<{ counted: Counted; ids: number[] }> {
	const emulator = await cloudPortal();
	const credentialsHelper = new TestCredentialsHelper();
	credentialsHelper.set('bitrix24WebhookApi', { webhookSecretUrl: emulator.webhookUrl() });
	const host = await WorkflowHost.start(credentialsHelper);
	try {
		const { firstId } = emulator.portal.seedProducts({ count: PRODUCTS });
		const ids = Array.from({ length: PRODUCTS }, (_, index) => firstId + index);
		const workflow = {
			id: 'benchWebhookMode',
			name: 'Webhook trigger',
			nodes: [
				{
					id: 'bench-webhook',
					name: 'When a product is updated',
					type: TRIGGER_TYPE,
					typeVersion: 1,
					position: [0, 0] as [number, number],
					webhookId: '6c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
					parameters: {
						authentication: 'webhook',
						events: [UPDATED],
						productFields: 'id, name',
					},
					credentials: { bitrix24WebhookApi: { id: 'webhook', name: 'Webhook' } },
				},
			],
			connections: {},
		};
		await host.activate(
			connectTriggers(workflow, emulator, (trigger) => host.webhookUrl(workflow, trigger.name)),
		);
		resetCounters(emulator);
		const started = performance.now();
		for (const id of ids) emulator.portal.updateProduct(id, { active: 'N' });
		await emulator.events.settled();
		const executions = await host.executionsDone(PRODUCTS, 30 * 60 * 1000);
		const seconds = (performance.now() - started) / 1000;
		const delivered = executions
			.filter((execution) => execution.run && !execution.run.data.resultData.error)
			.flatMap((execution) => {
				const main = execution.run!.data.resultData.runData['When a product is updated']?.[0]?.data
					?.main?.[0];
				return (main ?? []).map((item) => item.json.productId as number);
			});
		const { products } = requestsOf(emulator);
		return {
			ids,
			counted: {
				delivered,
				polls: 0,
				queueRequests: 0,
				productRequests: products,
				...restCounts(emulator),
				seconds,
			},
		};
	} finally {
		await host.stop();
		await emulator.stop();
	}
}

/** Each product once? `lost`: never delivered; `twice`: delivered more than once. */
function tally(ids: number[], delivered: number[]) {
	const seen = new Map<number, number>();
	for (const id of delivered) seen.set(id, (seen.get(id) ?? 0) + 1);
	return {
		lost: ids.filter((id) => !seen.has(id)).length,
		twice: [...seen.values()].filter((count) => count > 1).length,
	};
}

async function main(): Promise<void> {
	const backlogLines: string[][] = [];
	for (const crash of [false, true]) {
		const { counted, ids, changes } = await backlog(crash);
		const { lost, twice } = tally(ids, counted.delivered);
		backlogLines.push([
			crash ? 'killed after the first poll took its packages' : 'handed over',
			String(changes),
			String(counted.polls),
			String(counted.delivered.length),
			String(twice),
			String(lost),
			String(counted.queueRequests),
			String(counted.productRequests),
			String(counted.requests),
			String(counted.refused),
			counted.seconds.toFixed(1),
		]);
		process.stderr.write(`done: backlog, ${crash ? 'killed' : 'handed over'}\n`);
	}
	printTable(
		`Backlog: ${ROUNDS} updates of each of ${PRODUCTS} products while inactive, then polls until the queue is empty; cloud limits (burst 50, 2 per second), ${LATENCY_MS} ms latency (n8n-core, not a real n8n)`,
		[
			'n8n',
			'changes',
			'polls',
			'items handed over',
			'products twice',
			'products lost',
			'queue requests',
			'product-read requests',
			'REST requests',
			'QUERY_LIMIT_EXCEEDED',
			'wall s',
		],
		backlogLines,
	);

	const burstLines: string[][] = [];
	for (const [mode, run] of [
		['webhook trigger (portal posts each event)', webhookBurst],
		['offline trigger (one poll after the burst)', offlineBurst],
	] as const) {
		const { counted, ids } = await run();
		const { lost, twice } = tally(ids, counted.delivered);
		burstLines.push([
			mode,
			String(ids.length),
			String(counted.delivered.length),
			String(twice),
			String(lost),
			String(counted.requests),
			String(counted.refused),
			counted.seconds.toFixed(1),
		]);
		process.stderr.write(`done: burst, ${mode}\n`);
	}
	printTable(
		`Burst of ${PRODUCTS} product events, both modes in one run; same limits and latency (n8n-core, not a real n8n). The offline wall time excludes the wait for the poll (at most the poll interval)`,
		[
			'mode',
			'events',
			'items',
			'twice',
			'lost',
			'REST requests',
			'QUERY_LIMIT_EXCEEDED',
			'wall s',
		],
		burstLines,
	);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
