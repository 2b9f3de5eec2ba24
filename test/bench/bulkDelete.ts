/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a benchmark, never shipped */
/**
 * Deletes N images against the emulator with cloud limits (burst 50, then 2 per second) and a
 * realistic latency per request, three ways: this node with batching, this node without it, and
 * one plain HTTP request per item with no limiter (as n8n's HTTP Request node sends them).
 * Prints a table; run `npm run bench:bulk` (BENCH_SIZES=1000,10000 BENCH_LATENCY_MS=50 BENCH_MAX_REQUESTS=300).
 */
import '../setup-env';

import { Bitrix24Emulator } from '../emulator';
import { addImages, deleteParameters, webhookCredentials } from '../harness/nodeInputs';
import { runNode } from '../harness/runNode';
import { samplePeakRss } from './memory';
import { printTable } from './table';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
// Beyond this many requests at 2 per second a way is not run but estimated (minutes of waiting).
const MAX_REQUESTS_RUN = Number(process.env.BENCH_MAX_REQUESTS ?? 300);

interface Row {
	way: string;
	items: number;
	requests: number | string;
	refused: number | string;
	lost: number | string;
	seconds: string;
	perSecond: string;
	peakMb: string;
}

async function measure(
	emulator: Bitrix24Emulator,
	work: () => Promise<number>,
): Promise<Omit<Row, 'way' | 'items'>> {
	const before = emulator.stats;
	global.gc?.();
	const stopSampling = samplePeakRss(20);
	const started = Date.now();
	const lost = await work();
	const seconds = (Date.now() - started) / 1000;
	const peak = stopSampling();
	const after = emulator.stats;
	return {
		requests: after.restRequests - before.restRequests,
		refused: after.queryLimitExceeded - before.queryLimitExceeded,
		lost,
		seconds: seconds.toFixed(1),
		perSecond: '',
		peakMb: (peak / 1024 / 1024).toFixed(0),
	};
}

async function viaNode(
	emulator: Bitrix24Emulator,
	ids: number[],
	batching: boolean,
): Promise<number> {
	const { output } = await runNode({
		parameters: deleteParameters('webhook', '={{ $json.product }}', '={{ $json.image }}', {
			options: { batching, maxLimitWait: 3600 },
		}),
		credentials: webhookCredentials(emulator),
		items: ids.map((image) => ({ product: 105, image })),
		onError: 'continueRegularOutput',
	});
	return output.filter((item) => item.json.result !== true).length + (ids.length - output.length);
}

/** One POST per item, in order, no waiting: how a plain HTTP Request node loop runs. */
async function viaPlainRequests(emulator: Bitrix24Emulator, ids: number[]): Promise<number> {
	let lost = 0;
	for (const id of ids) {
		const response = await fetch(`${emulator.webhookUrl()}catalog.productImage.delete`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ productId: 105, id }),
		});
		if (!response.ok) lost++;
	}
	return lost;
}

async function main(): Promise<void> {
	const emulator = await Bitrix24Emulator.start();
	const rows: Row[] = [];
	try {
		for (const size of SIZES) {
			const ways: Array<[string, number, (ids: number[]) => Promise<number>]> = [
				['this node, batching on', Math.ceil(size / 50), (ids) => viaNode(emulator, ids, true)],
				['this node, batching off', size, (ids) => viaNode(emulator, ids, false)],
				['one HTTP request per item, no limiter', size, (ids) => viaPlainRequests(emulator, ids)],
			];
			// Without a limiter nearly every request past the burst is refused: 1,000 items show it.
			if (size > 1000) ways.pop();
			for (const [way, requestsNeeded, work] of ways) {
				emulator.reset();
				emulator.setRateLimit({ burst: 50, perSecond: 2 });
				emulator.setLatency(LATENCY_MS);
				if (requestsNeeded > MAX_REQUESTS_RUN && !way.includes('no limiter')) {
					// Waiting at 2 requests per second after the burst of 50: known in advance.
					const waitSeconds = Math.max(0, requestsNeeded - 50) / 2;
					rows.push({
						way,
						items: size,
						requests: requestsNeeded,
						refused: 0,
						lost: 0,
						seconds: `~${waitSeconds.toFixed(0)} (est.)`,
						perSecond: (size / waitSeconds).toFixed(1),
						peakMb: '-',
					});
					continue;
				}
				const ids = addImages(emulator, size, 'b');
				// A fresh bucket per run: wait out what the previous run left in the portal's counter.
				await new Promise((resolve) => setTimeout(resolve, 100));
				const row = await measure(emulator, () => work(ids));
				row.perSecond = (size / Number(row.seconds)).toFixed(1);
				rows.push({ way, items: size, ...row });
				process.stderr.write(`done: ${way}, ${size} items\n`);
			}
		}
	} finally {
		await emulator.stop();
	}

	const header = [
		'way',
		'items',
		'HTTP requests',
		'floor ceil(N/50)',
		'QUERY_LIMIT_EXCEEDED',
		'items lost',
		'wall s',
		'items/s',
		'peak RSS MB',
	];
	const lines = rows.map((row) =>
		[
			row.way,
			row.items,
			row.requests,
			Math.ceil(row.items / 50),
			row.refused,
			row.lost,
			row.seconds,
			row.perSecond,
			row.peakMb,
		].map(String),
	);
	printTable(
		`Cloud limits (burst 50, 2 per second), ${LATENCY_MS} ms latency per request`,
		header,
		lines,
	);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
