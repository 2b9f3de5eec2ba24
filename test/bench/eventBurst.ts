/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a benchmark, never shipped */
/**
 * A burst of catalog events into the example "remove gallery images when a product is deactivated":
 * N products, each with two gallery images, are deactivated at once; the portal posts N events to
 * the workflow's production URL (served around n8n-core), and each execution fetches its product
 * and deletes its gallery. Cloud limits (burst 50, then 2 per second) and a latency per request.
 * Each size runs twice: calls of executions at once sharing batch requests, and one request per
 * call (estimated where that would take more than BENCH_MAX_REQUESTS requests).
 * Prints a table; run `npm run bench:events` (BENCH_EVENTS=100,1000 BENCH_LATENCY_MS=50).
 */
import '../setup-env';

import { Bitrix24Emulator } from '../emulator';
import { TestCredentialsHelper } from '../harness/credentialsHelper';
import { connectTriggers, loadExample } from '../harness/examples';
import { setRequestSharing } from '../harness/testSeam';
import { WorkflowHost } from '../harness/workflowHost';
import { samplePeakRss } from './memory';
import { printTable } from './table';

const SIZES = (process.env.BENCH_EVENTS ?? '100,1000').split(',').map(Number);
// Beyond this many requests at 2 per second a way is not run but estimated (minutes of waiting).
const MAX_REQUESTS_RUN = Number(process.env.BENCH_MAX_REQUESTS ?? 300);
// Each execution reads its product (the trigger), lists its images and deletes them (one batch).
const REQUESTS_PER_EVENT = 3;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const FIRST_PRODUCT = 201;

function percentile(values: number[], share: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

async function burst(events: number, shared: boolean): Promise<string[]> {
	setRequestSharing(shared);
	const emulator = await Bitrix24Emulator.start();
	const credentialsHelper = new TestCredentialsHelper();
	credentialsHelper.set('bitrix24WebhookApi', { webhookSecretUrl: emulator.webhookUrl() });
	const host = await WorkflowHost.start(credentialsHelper);
	try {
		const example = loadExample('remove-gallery-images-of-deactivated-products.json');
		await host.activate(
			connectTriggers(example, emulator, (trigger) => host.webhookUrl(example, trigger.name)),
		);
		const products = Array.from({ length: events }, (_, index) => FIRST_PRODUCT + index);
		// The demo portal's products end before the largest bursts: add the missing ones.
		const missing = products.filter((id) => !emulator.portal.product(id));
		if (missing.length > 0)
			emulator.portal.seedProducts({ count: missing.length, firstId: missing[0] });
		for (const id of products) {
			emulator.portal.addImage(id, { type: 'MORE_PHOTO' });
			emulator.portal.addImage(id, { type: 'MORE_PHOTO' });
		}
		emulator.setRateLimit({ burst: 50, perSecond: 2 });
		emulator.setLatency(LATENCY_MS);
		global.gc?.();
		const stopSampling = samplePeakRss(20);
		const started = performance.now();
		for (const id of products) emulator.portal.updateProduct(id, { active: 'N' });
		await emulator.events.settled();
		const answered = performance.now();
		const executions = await host.executionsDone(events, 30 * 60 * 1000);
		const seconds = (performance.now() - started) / 1000;
		const peak = stopSampling();
		const left = products.reduce((sum, id) => sum + emulator.portal.imagesOf(id).length, 0);
		const failed = executions.filter(
			(execution) => execution.error ?? execution.run?.data.resultData.error,
		);
		const deliveries = emulator.events.deliveries;
		const ms = deliveries.map((delivery) => delivery.ms);
		return [
			shared ? 'shared batches' : 'one request per call',
			String(events),
			String(deliveries.filter((delivery) => delivery.status === 200).length),
			`${percentile(ms, 0.5).toFixed(0)} / ${percentile(ms, 0.95).toFixed(0)} / ${Math.max(...ms).toFixed(0)}`,
			((answered - started) / 1000).toFixed(1),
			String(executions.length - failed.length),
			String(failed.length),
			String(left),
			String(emulator.stats.restRequests),
			String(emulator.stats.queryLimitExceeded),
			seconds.toFixed(1),
			(events / seconds).toFixed(1),
			(peak / 1024 / 1024).toFixed(0),
		];
	} finally {
		await host.stop();
		await emulator.stop();
	}
}

async function main(): Promise<void> {
	const lines: string[][] = [];
	for (const size of SIZES) {
		lines.push(await burst(size, true));
		process.stderr.write(`done: shared batches, ${size} events\n`);
		const requests = size * REQUESTS_PER_EVENT;
		if (requests <= MAX_REQUESTS_RUN) {
			lines.push(await burst(size, false));
			process.stderr.write(`done: one request per call, ${size} events\n`);
		} else {
			// Waiting at 2 requests per second after the burst of 50: known in advance.
			const seconds = (requests - 50) / 2;
			lines.push([
				'one request per call',
				String(size),
				'-',
				'-',
				'-',
				'-',
				'-',
				'-',
				String(requests),
				'0',
				`~${seconds.toFixed(0)} (est.)`,
				(size / seconds).toFixed(1),
				'-',
			]);
		}
	}
	printTable(
		`Event burst into the deactivation example; cloud limits (burst 50, 2 per second), ${LATENCY_MS} ms latency per request`,
		[
			'way',
			'events',
			'answered 200',
			'answer ms p50 / p95 / max',
			'all answered s',
			'executions ok',
			'failed',
			'images left',
			'REST requests',
			'QUERY_LIMIT_EXCEEDED',
			'wall s',
			'events/s',
			'peak RSS MB',
		],
		lines,
	);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
