/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a benchmark, never shipped */
/**
 * The Changes Trigger watching stock on a portal with cloud limits (burst 50, then 2 per second)
 * and a realistic latency: BENCH_ROWS stock rows, of which BENCH_CHANGED change between two
 * polls. Prints, for the first poll (starts watching) and the poll that finds the changes: the
 * items, the HTTP requests, the rows read per request, wall time, the process's RSS before and at
 * its peak, and the size of the state n8n keeps. Run `npm run bench:changes`
 * (BENCH_ROWS=20000 BENCH_CHANGED=500 BENCH_LATENCY_MS=50).
 */
import '../setup-env';

import { PLAN_LIMITS } from '../../nodes/Bitrix24Catalog/limits/leakyBucket';
import { Bitrix24Emulator } from '../emulator';
import { setStock, STORE_PRODUCT_TABLE } from '../emulator/methods/catalogStoreProduct';
import { recordsOf } from '../emulator/methods/recordTable';
import { TestCredentialsHelper } from '../harness/credentialsHelper';
import { changesNode, webhookCredentials } from '../harness/nodeInputs';
import { Poller } from '../harness/poller';
import { samplePeakRss } from './memory';
import { printTable } from './table';

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const CHANGED = Number(process.env.BENCH_CHANGED ?? 500);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const STORES = 4;

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

async function main(): Promise<void> {
	const emulator = await Bitrix24Emulator.start();
	try {
		// The demo's stock rows stay: the portal holds ROWS + 2.
		const rows = recordsOf(emulator.portal, STORE_PRODUCT_TABLE);
		for (let n = 0; n < ROWS; n++) {
			const [productId, storeId] = [1001 + Math.floor(n / STORES), 1 + (n % STORES)];
			rows.add({ productId, storeId, amount: 10, quantityReserved: null });
		}
		emulator.setRateLimit({ ...PLAN_LIMITS.standard });
		emulator.setLatency(LATENCY_MS);
		const credentialsHelper = new TestCredentialsHelper();
		for (const [type, data] of Object.entries(webhookCredentials(emulator)))
			credentialsHelper.set(type, data);
		const node = changesNode('webhook', { watch: 'stock' });
		const poller = new Poller(credentialsHelper, node);
		const lines: string[][] = [];
		const measure = async (name: string, expected: number) => {
			const before = emulator.stats.restRequests;
			global.gc?.();
			const startRss = process.memoryUsage().rss;
			const stopSampling = samplePeakRss(20);
			const started = Date.now();
			const items = (await poller.poll())?.[0] ?? [];
			const seconds = (Date.now() - started) / 1000;
			const peak = stopSampling();
			poller.handOver();
			const requests = emulator.stats.restRequests - before;
			const state = JSON.stringify(poller.nodeStaticData).length;
			if (items.length !== expected)
				throw new Error(`${name}: ${items.length} items, not ${expected}`);
			lines.push([
				name,
				String(ROWS + 2),
				String(items.length),
				String(requests),
				String(Math.round((ROWS + 2) / requests)),
				seconds.toFixed(2),
				megabytes(startRss),
				megabytes(peak),
				(state / 1024).toFixed(0),
			]);
		};
		await measure('first poll (starts watching)', 0);
		for (let n = 0; n < CHANGED; n++) {
			const row = Math.floor((n * ROWS) / CHANGED);
			setStock(
				emulator.portal,
				1001 + Math.floor(row / STORES),
				1 + (row % STORES),
				10 - 1 - (n % 5),
			);
		}
		await measure(`poll after ${CHANGED} changes`, CHANGED);
		await measure('poll with no change', 0);
		const { queryLimitExceeded } = emulator.stats;
		printTable(
			`Changes Trigger, Watch: Stock; cloud limits (burst 50, 2 per second), ${LATENCY_MS} ms latency per request; QUERY_LIMIT_EXCEEDED answers: ${queryLimitExceeded}`,
			[
				'poll',
				'stock rows',
				'items',
				'HTTP requests',
				'rows per request',
				'wall s',
				'RSS start MB',
				'RSS peak MB',
				'state kept KB',
			],
			lines,
		);
	} finally {
		await emulator.stop();
	}
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
