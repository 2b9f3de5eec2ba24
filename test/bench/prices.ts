/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a benchmark, never shipped */
/**
 * Set Product Prices for BENCH_PRICE_PRODUCTS products (10,000), two price types each, on the
 * emulator with cloud limits (burst 50, then 2 per second) and BENCH_LATENCY_MS (50 ms) per
 * request. Each product has a retail price (updated), no wholesale one (added) and a partner
 * price computed from a markup, which the run must keep as it is, markup and ID. This node's way
 * (the prices of 50 products a list call, then each price written on its own, 50 to a batch)
 * beside one REST request per price, paced to the limit: estimated from the limit, as it would
 * take hours. Prints a table, with the budget of requests; run `npm run bench:prices`.
 */
import '../setup-env';

import type { INodeParameters } from 'n8n-workflow';

import { PLAN_LIMITS } from '../../nodes/Bitrix24Catalog/limits/leakyBucket';
import { Bitrix24Emulator } from '../emulator';
import { PRICE_TABLE } from '../emulator/methods/catalogPrice';
import { PRICE_TYPE_TABLE } from '../emulator/methods/catalogPriceType';
import { recordsOf } from '../emulator/methods/recordTable';
import { locator, webhookCredentials } from '../harness/nodeInputs';
import { runNode } from '../harness/runNode';
import { printTable } from './table';

const PRODUCTS = Number(process.env.BENCH_PRICE_PRODUCTS ?? 10_000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const LIMIT = PLAN_LIMITS.standard;
// Products of their own, far above the demo's, so that every price in them is the bench's.
const FIRST_PRODUCT = 1_000_000;
const [RETAIL, WHOLESALE, PARTNER] = [1, 2, 3];
/** The partner price follows the retail one through this markup (catalog.extra). */
const MARKUP = 1;
/** What the run may take at most: 10,000 products with two prices each in 600 requests. */
const BUDGET = Math.ceil((PRODUCTS * 600) / 10_000);

/** The least time one request after the other can take: latency each, 2 a second past the burst. */
function floorSeconds(requests: number): number {
	const latency = LATENCY_MS / 1000;
	return Math.max(
		requests * latency,
		Math.max(0, requests - LIMIT.burst) / LIMIT.perSecond + latency,
	);
}

const retailOf = (n: number) => 100 + (n % 500);
const wholesaleOf = (n: number) => 80 + (n % 400);

function seed(emulator: Bitrix24Emulator): void {
	recordsOf(emulator.portal, PRICE_TYPE_TABLE).add({ name: 'PARTNER', base: 'N', sort: 300 });
	const prices = recordsOf(emulator.portal, PRICE_TABLE);
	for (let n = 0; n < PRODUCTS; n++) {
		const productId = FIRST_PRODUCT + n;
		for (const [catalogGroupId, price, extraId] of [
			[RETAIL, 1, null],
			[PARTNER, 50, MARKUP],
		]) {
			prices.add({
				productId,
				catalogGroupId,
				price,
				currency: 'USD',
				extraId,
				quantityFrom: null,
				quantityTo: null,
			});
		}
	}
}

/**
 * Products whose prices are not retail and wholesale as set, and partner as it was (the same
 * price, ID and markup): `partners` holds each product's partner price before the run.
 */
function lostProducts(emulator: Bitrix24Emulator, partners: Map<number, unknown>): number {
	const prices = recordsOf(emulator.portal, PRICE_TABLE);
	let lost = 0;
	for (let n = 0; n < PRODUCTS; n++) {
		const productId = FIRST_PRODUCT + n;
		const rows = prices.withValue('productId', productId) ?? [];
		const byType = new Map(rows.map((row) => [row.catalogGroupId, row]));
		const partner = byType.get(PARTNER);
		const right =
			rows.length === 3 &&
			byType.get(RETAIL)?.price === retailOf(n) &&
			byType.get(WHOLESALE)?.price === wholesaleOf(n) &&
			JSON.stringify(partner) === partners.get(productId);
		if (!right) lost++;
	}
	return lost;
}

/** Each product's partner price as stored, to compare with after the run. */
function partnerPrices(emulator: Bitrix24Emulator): Map<number, unknown> {
	const prices = recordsOf(emulator.portal, PRICE_TABLE);
	return new Map(
		Array.from({ length: PRODUCTS }, (_, n) => {
			const productId = FIRST_PRODUCT + n;
			const rows = prices.withValue('productId', productId) ?? [];
			return [productId, JSON.stringify(rows.find((row) => row.catalogGroupId === PARTNER))];
		}),
	);
}

const entry = (type: number, price: string) => ({
	priceType: locator(String(type), 'id'),
	price,
	currency: locator('USD', 'code'),
});

async function nodeWay(): Promise<string[]> {
	const emulator = await Bitrix24Emulator.start();
	try {
		seed(emulator);
		const partners = partnerPrices(emulator);
		emulator.setRateLimit({ ...LIMIT });
		emulator.setLatency(LATENCY_MS);
		const items = Array.from({ length: PRODUCTS }, (_, n) => ({
			id: FIRST_PRODUCT + n,
			retail: retailOf(n),
			wholesale: wholesaleOf(n),
		}));
		const started = Date.now();
		const { output } = await runNode({
			parameters: {
				authentication: 'webhook',
				resource: 'price',
				operation: 'setProductPrices',
				productId: locator('={{ $json.id }}'),
				prices: {
					price: [entry(RETAIL, '={{ $json.retail }}'), entry(WHOLESALE, '={{ $json.wholesale }}')],
				},
				options: { maxLimitWait: 3600 },
			} as INodeParameters,
			credentials: webhookCredentials(emulator),
			items,
			onError: 'continueRegularOutput',
		});
		const seconds = (Date.now() - started) / 1000;
		const failed = output.filter((item) => item.json.error !== undefined).length;
		const { restRequests, queryLimitExceeded } = emulator.stats;
		const floor = floorSeconds(restRequests);
		return [
			'Set Product Prices: this node',
			String(PRODUCTS),
			`${restRequests} (budget ${BUDGET})`,
			String(queryLimitExceeded),
			String(failed),
			String(lostProducts(emulator, partners)),
			seconds.toFixed(1),
			floor.toFixed(1),
			`${(((seconds - floor) / floor) * 100).toFixed(1)}%`,
		];
	} finally {
		await emulator.stop();
	}
}

/** One add or update per price, paced to the limit: not run (hours), its floor is its time. */
function perPriceWay(): string[] {
	const requests = 2 * PRODUCTS;
	return [
		'One request per price (add or update), paced',
		String(PRODUCTS),
		String(requests),
		'-',
		'-',
		'-',
		`~${floorSeconds(requests).toFixed(0)} (est.)`,
		floorSeconds(requests).toFixed(1),
		'-',
	];
}

async function main(): Promise<void> {
	const lines = [await nodeWay(), perPriceWay()];
	printTable(
		`Set Product Prices, two price types per product; cloud limits (burst 50, 2 per second), ` +
			`${LATENCY_MS} ms latency per request; floor: each request's latency, and 2 per second past the burst`,
		[
			'way',
			'products',
			'HTTP requests',
			'QUERY_LIMIT_EXCEEDED',
			'items refused',
			'products not as asked',
			'wall s',
			'floor s',
			'over floor',
		],
		lines,
	);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
