/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a benchmark, never shipped */
/**
 * Reads and writes a whole catalog on the emulator with cloud limits (burst 50, then 2 per
 * second) and a realistic latency per request, this node's way beside the naive one (one REST
 * call per page or per item, paced to the limit, as the official SDK paces them):
 * - Get Many, Return All of BENCH_PRODUCTS products: pages chained by ID in batches, against
 *   one `catalog.product.list` per page with `start` += 50;
 * - Create BENCH_WRITES products: adds 50 to a batch, against one `catalog.product.add` each;
 * - Create or Update BENCH_WRITES products, half of them existing (matched on XML ID): lookups 50
 *   to a batch, then adds and updates 50 to a batch, against a list and an add or update each.
 * A way that needs more than BENCH_MAX_REQUESTS requests is estimated from the limit, not run.
 * Prints a table; run `npm run bench:catalog` (BENCH_PRODUCTS=100000 BENCH_WRITES=1000 BENCH_LATENCY_MS=50).
 */
import '../setup-env';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { LeakyBucket, PLAN_LIMITS } from '../../nodes/Bitrix24Catalog/limits/leakyBucket';
import { Bitrix24Emulator } from '../emulator';
import { locator, mapped, webhookCredentials } from '../harness/nodeInputs';
import { runNode } from '../harness/runNode';
import { samplePeakRss } from './memory';
import { printTable } from './table';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const WRITES = Number(process.env.BENCH_WRITES ?? 1000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
// Beyond this many requests at 2 per second a way is not run but estimated (minutes of waiting).
const MAX_REQUESTS_RUN = Number(process.env.BENCH_MAX_REQUESTS ?? 300);

const LIMIT = PLAN_LIMITS.standard;
const PAGE = 50;
// An empty catalog of its own, so that every product in it is one the bench put there.
const CATALOG = {
	id: 27,
	iblockId: 27,
	name: 'Bench catalog',
	productIblockId: null,
};
const SELECT = ['*', 'id', 'iblockId'];

/**
 * The least time a client sending one request after the other can take for `requests`: each
 * waits for its answer, and past the burst the portal takes 2 a second (its counter drains
 * from the start, so the last request may leave at (requests - burst) / 2 seconds at the earliest).
 */
function floorSeconds(requests: number): number {
	const latency = LATENCY_MS / 1000;
	return Math.max(
		requests * latency,
		Math.max(0, requests - LIMIT.burst) / LIMIT.perSecond + latency,
	);
}

interface Row {
	way: string;
	items: number;
	requests: number;
	refused: number | string;
	lost: number | string;
	seconds: string;
	startMb: string;
	peakMb: string;
}

interface Way {
	name: string;
	items: number;
	/** The requests it needs, known in advance for the naive ways (to estimate them). */
	requestsNeeded?: number;
	/** The portal as the way finds it: seeded before the clock starts. */
	prepare: (emulator: Bitrix24Emulator) => void;
	/** The work timed; what it hands back is checked after the clock stops. */
	work: (emulator: Bitrix24Emulator) => Promise<unknown>;
	/** The items lost: never answered, or not in the portal as sent. */
	lost: (emulator: Bitrix24Emulator, done: unknown) => number;
}

/** A portal with cloud limits and latency, fresh for each way: its counter and the node's start empty. */
async function freshPortal(): Promise<Bitrix24Emulator> {
	const emulator = await Bitrix24Emulator.start();
	emulator.portal.catalogs.push({ ...CATALOG });
	emulator.setRateLimit({ ...LIMIT });
	emulator.setLatency(LATENCY_MS);
	return emulator;
}

async function measure(way: Way): Promise<Row> {
	const emulator = await freshPortal();
	try {
		way.prepare(emulator);
		global.gc?.();
		const startRss = process.memoryUsage().rss;
		const stopSampling = samplePeakRss(20);
		const started = Date.now();
		const done = await way.work(emulator);
		const seconds = (Date.now() - started) / 1000;
		const peak = stopSampling();
		const lost = way.lost(emulator, done);
		const { restRequests, queryLimitExceeded } = emulator.stats;
		process.stderr.write(`done: ${way.name}, ${way.items} items\n`);
		return {
			way: way.name,
			items: way.items,
			requests: restRequests,
			refused: queryLimitExceeded,
			lost,
			seconds: seconds.toFixed(1),
			startMb: megabytes(startRss),
			peakMb: megabytes(peak),
		};
	} finally {
		await emulator.stop();
	}
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

function estimate(way: Way, requests: number): Row {
	return {
		way: way.name,
		items: way.items,
		requests,
		// Paced to the limit, nothing is refused; not run, nothing is measured.
		refused: '-',
		lost: '-',
		seconds: `~${floorSeconds(requests).toFixed(0)} (est.)`,
		startMb: '-',
		peakMb: '-',
	};
}

/** One REST call over plain HTTP, paced by its own copy of the portal's limit. */
function pacedClient(emulator: Bitrix24Emulator) {
	const bucket = new LeakyBucket({ ...LIMIT });
	return async (method: string, body: IDataObject): Promise<IDataObject> => {
		const wait = bucket.reserve();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		const response = await fetch(`${emulator.webhookUrl()}${method}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return (await response.json()) as IDataObject;
	};
}

const nodeRun = (emulator: Bitrix24Emulator, parameters: IDataObject, items?: IDataObject[]) =>
	runNode({
		parameters: {
			authentication: 'webhook',
			resource: 'product',
			iblockId: locator(String(CATALOG.iblockId)),
			options: { maxLimitWait: 3600 },
			...parameters,
		} as INodeParameters,
		credentials: webhookCredentials(emulator),
		items,
		onError: 'continueRegularOutput',
	});

/** IDs that were in the catalog but not in what was read; a row read twice or foreign fails the run. */
function missingFrom(emulator: Bitrix24Emulator, ids: unknown): number {
	const expected = emulator.portal.productsIn(CATALOG.iblockId).map((product) => product.id);
	const read = ids as unknown[];
	const seen = new Set(read);
	const known = new Set<unknown>(expected);
	if (seen.size !== read.length || read.some((id) => !known.has(id))) {
		throw new Error('The list read a product twice, or one not in the catalog');
	}
	return expected.filter((id) => !seen.has(id)).length;
}

// Kept from the last Get Many of this node, for the check printed under the table.
let listCallsCountingTotal = 0;

function getManyWays(): Way[] {
	const prepare = (emulator: Bitrix24Emulator) => {
		emulator.portal.seedProducts({
			count: PRODUCTS,
			iblockId: CATALOG.iblockId,
		});
	};
	return [
		{
			name: 'Get Many, Return All: this node',
			items: PRODUCTS,
			prepare,
			work: async (emulator) => {
				const { output } = await nodeRun(emulator, {
					operation: 'getMany',
					productKindOrAny: 'any',
					returnAll: true,
				});
				return output.map((item) => item.json.id);
			},
			lost: (emulator, ids) => {
				listCallsCountingTotal = countingTotal(emulator);
				return missingFrom(emulator, ids);
			},
		},
		{
			name: 'Get Many: one list request per page, start += 50',
			items: PRODUCTS,
			// Pages of 50 until one comes without `next`: the last (or only) page holds the rest.
			requestsNeeded: Math.max(1, Math.ceil(PRODUCTS / PAGE)),
			prepare,
			work: async (emulator) => {
				const call = pacedClient(emulator);
				const ids: unknown[] = [];
				for (let start: unknown = 0; start !== undefined; ) {
					const answer = await call('catalog.product.list', {
						select: SELECT,
						filter: { iblockId: CATALOG.iblockId },
						start,
					});
					const { products } = answer.result as { products: IDataObject[] };
					ids.push(...products.map((product) => product.id));
					start = answer.next;
				}
				return ids;
			},
			lost: missingFrom,
		},
	];
}

/** List calls, alone or in batches, that asked Bitrix24 to count the rows (no `start: -1`). */
function countingTotal(emulator: Bitrix24Emulator): number {
	let counting = 0;
	for (const call of emulator.restCalls()) {
		if (call.restMethod === 'batch') {
			const commands = Object.values(call.params.cmd as Record<string, string>);
			counting += commands.filter(
				(command) =>
					command.includes('.list?') && !/(^|&)start=-1(&|$)/.test(command.split('?')[1]),
			).length;
		} else if (call.restMethod?.endsWith('.list') && Number(call.params.start) !== -1) {
			counting++;
		}
	}
	return counting;
}

type Feed = Array<{ xmlId: string; name: string }>;

/** A new product of the feed, named and keyed by its XML ID. */
const newProduct = (n: number) => ({
	xmlId: `feed-${n}`,
	name: `Feed product ${n}`,
});

/** Feed items whose product is not in the catalog as the feed has it (by XML ID and name). */
function lostWrites(emulator: Bitrix24Emulator, done: unknown): number {
	const feed = done as Feed;
	const products = emulator.portal.productsIn(CATALOG.iblockId);
	if (products.length !== feed.length) {
		throw new Error(
			`The catalog holds ${products.length} products, not ${feed.length}: created twice?`,
		);
	}
	// A product added without an XML ID gets its ID as one, as the portal does.
	const byXmlId = new Map(
		products.map((product) => [String(product.fields?.xmlId ?? product.id), product.name]),
	);
	return feed.filter(({ xmlId, name }) => byXmlId.get(xmlId) !== name).length;
}

/** This node writing the feed with `operation`, the fields mapped from each item. */
async function nodeWrites(
	emulator: Bitrix24Emulator,
	feed: Feed,
	operation: string,
	matchingColumns: string[] = [],
): Promise<Feed> {
	await nodeRun(
		emulator,
		{
			operation,
			productKind: 'product',
			fields: mapped(
				{ xmlId: '={{ $json.xmlId }}', name: '={{ $json.name }}' },
				{},
				matchingColumns,
			),
		},
		feed,
	);
	return feed;
}

function createWays(): Way[] {
	const feed = Array.from({ length: WRITES }, (_, index) => newProduct(index + 1));
	const prepare = () => undefined;
	return [
		{
			name: 'Create: this node',
			items: WRITES,
			prepare,
			work: async (emulator) => await nodeWrites(emulator, feed, 'create'),
			lost: lostWrites,
		},
		{
			name: 'Create: one add request per product',
			items: WRITES,
			requestsNeeded: WRITES,
			prepare,
			work: async (emulator) => {
				const call = pacedClient(emulator);
				for (const fields of feed) {
					await call('catalog.product.add', {
						fields: { iblockId: CATALOG.iblockId, ...fields },
					});
				}
				return feed;
			},
			lost: lostWrites,
		},
	];
}

function upsertWays(): Way[] {
	const existing = Math.floor(WRITES / 2);
	// Seeded products' XML IDs are their IDs; the feed renames them and brings as many new ones,
	// the two kinds taking turns.
	let firstId = 0;
	const prepare = (emulator: Bitrix24Emulator) => {
		({ firstId } = emulator.portal.seedProducts({
			count: existing,
			iblockId: CATALOG.iblockId,
		}));
	};
	const feedOf = (): Feed =>
		Array.from({ length: WRITES }, (_, index) =>
			index % 2 === 0 && index / 2 < existing
				? {
						xmlId: String(firstId + index / 2),
						name: `Renamed product ${index / 2 + 1}`,
					}
				: newProduct(index + 1),
		);
	return [
		{
			name: 'Create or Update, half existing: this node',
			items: WRITES,
			prepare,
			work: async (emulator) => await nodeWrites(emulator, feedOf(), 'upsert', ['xmlId']),
			lost: lostWrites,
		},
		{
			name: 'Create or Update: a lookup, then an add or update, per product',
			items: WRITES,
			requestsNeeded: 2 * WRITES,
			prepare,
			work: async (emulator) => {
				const feed = feedOf();
				const call = pacedClient(emulator);
				for (const fields of feed) {
					const found = await call('catalog.product.list', {
						select: ['id', 'iblockId'],
						filter: { iblockId: CATALOG.iblockId, '=xmlId': fields.xmlId },
						start: -1,
					});
					const [product] = (found.result as { products: IDataObject[] }).products;
					await (product
						? call('catalog.product.update', { id: product.id, fields })
						: call('catalog.product.add', {
								fields: { iblockId: CATALOG.iblockId, ...fields },
							}));
				}
				return feed;
			},
			lost: lostWrites,
		},
	];
}

async function main(): Promise<void> {
	const [getMany, create, upsert] = [getManyWays(), createWays(), upsertWays()];
	// The process keeps the memory a large read took: the writes run first, so that each way's
	// RSS figures are its own.
	const measured = new Map<Way, Row>();
	for (const way of [...create, ...upsert, ...getMany]) {
		const needed = way.requestsNeeded;
		measured.set(
			way,
			needed !== undefined && needed > MAX_REQUESTS_RUN
				? estimate(way, needed)
				: await measure(way),
		);
	}
	const rows = [...getMany, ...create, ...upsert].map((way) => measured.get(way)!);

	const header = [
		'way',
		'items',
		'HTTP requests',
		'QUERY_LIMIT_EXCEEDED',
		'items lost',
		'wall s',
		'floor s',
		'RSS before MB',
		'peak RSS MB',
	];
	const lines = rows.map((row) =>
		[
			row.way,
			row.items,
			row.requests,
			row.refused,
			row.lost,
			row.seconds,
			floorSeconds(row.requests).toFixed(1),
			row.startMb,
			row.peakMb,
		].map(String),
	);
	printTable(
		`Cloud limits (burst 50, 2 per second), ${LATENCY_MS} ms latency per request; ` +
			`floor: each request's latency, and 2 per second past the burst`,
		header,
		lines,
	);
	process.stdout.write(
		`List calls of this node's Get Many that counted a total: ${listCallsCountingTotal}\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
