/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a benchmark, never shipped */
/**
 * Product → Sync on the emulator with cloud limits (burst 50, then 2 per second) and
 * BENCH_LATENCY_MS (50 ms) per request. A catalog of BENCH_SYNC_PRODUCTS products (10,000 by
 * default), each with 2 price types, stock in 2 stores (inventory management on) and 1 image:
 * - the same feed again (nothing changed);
 * - 1 % changed (name, a price, stock), 0.5 % new, 0.5 % gone with Deactivate;
 * - the first import into an empty catalog, of BENCH_SYNC_IMPORT products (1,000 by default);
 * - that import stopped at a random point of its run time (n8n's Stop) and run again.
 * Each row: requests (and the image uploads among their commands), the floor (the fewest requests
 * the run's commands fit in, 50 to a batch, and the least time those take), wall time, peak RSS,
 * refused (503) and lost (products not as the feed says, or twice; and the sync's drafts left).
 * Run `npm run bench:sync`; `npm run bench:sync -- --products 10000 --import 10000`.
 */
import '../setup-env';

import { createHash } from 'crypto';
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import type { INodeParameters } from 'n8n-workflow';

import { PLAN_LIMITS } from '../../nodes/Bitrix24Catalog/limits/leakyBucket';
import { Bitrix24Emulator } from '../emulator';
import { DOCUMENT_TABLE } from '../emulator/methods/catalogDocument';
import { PRICE_TABLE } from '../emulator/methods/catalogPrice';
import { STORE_PRODUCT_TABLE } from '../emulator/methods/catalogStoreProduct';
import { recordsOf } from '../emulator/methods/recordTable';
import { onePixelPng } from '../emulator/png';
import { methodsCalled } from '../harness/batches';
import { locator, mapped, webhookCredentials } from '../harness/nodeInputs';
import { runNode } from '../harness/runNode';
import { samplePeakRss } from './memory';
import { printTable } from './table';

function argument(name: string, fallback: number): number {
	const at = process.argv.indexOf(`--${name}`);
	return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const PRODUCTS = argument('products', Number(process.env.BENCH_SYNC_PRODUCTS ?? 10_000));
const IMPORT = argument('import', Number(process.env.BENCH_SYNC_IMPORT ?? 1_000));
/** `--only import` runs the import rows alone, `--only feed` the others. */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const LIMIT = PLAN_LIMITS.standard;
const CATALOG = 23;
const FIRST_ID = 1_000_000;
const PNG = onePixelPng(200, 30, 30);

/** The least time requests one after the other take: latency each, 2 a second past the burst. */
function floorSeconds(requests: number): number {
	const latency = LATENCY_MS / 1000;
	return Math.max(requests * latency, Math.max(0, requests - LIMIT.burst) / LIMIT.perSecond + latency);
}

interface FeedItem {
	sku: string;
	name: string;
	retail: number;
	wholesale: number;
	main: number;
	shop: number;
	image: string;
}

let imageBase = '';
const feedItem = (n: number, version = 0): FeedItem => ({
	sku: `SKU-${n}`,
	name: version ? `Product ${n} (${version})` : `Product ${n}`,
	retail: 100 + (n % 500) + version,
	wholesale: 80 + (n % 400),
	main: (n % 30) + version,
	shop: n % 7,
	image: `${imageBase}/img/${n}.png`,
});
const fingerprint = (url: string) => createHash('sha256').update(`url:${new URL(url).href}`).digest('hex').slice(0, 16);

/** A portal whose catalog holds the feed's products as `feed` says, with its image property. */
async function portalWith(feed: FeedItem[]): Promise<{ emulator: Bitrix24Emulator; property: string; sectionId: number }> {
	const emulator = await Bitrix24Emulator.start();
	const { portal } = emulator;
	portal.inventoryManagement = true;
	const property = portal.properties.add({ iblockId: CATALOG, name: 'Image fingerprints', propertyType: 'S', userType: null, multiple: false, required: false, sort: 900 });
	const prices = recordsOf(portal, PRICE_TABLE).indexBy('productId');
	const stock = recordsOf(portal, STORE_PRODUCT_TABLE).indexBy('productId');
	// The feed's products sit in a section of their own: the scope the feed speaks for.
	const section = portal.sections.add({ iblockId: CATALOG, name: 'Feed' } as Parameters<typeof portal.sections.add>[0]);
	feed.forEach((item, index) => {
		const id = FIRST_ID + index;
		portal.seedProducts({ count: 1, iblockId: CATALOG, firstId: id, name: () => item.name });
		const product = portal.product(id);
		if (product) product.fields = { xmlId: item.sku, iblockSectionId: section.id };
		for (const [catalogGroupId, price] of [[1, item.retail], [2, item.wholesale]]) {
			prices.add({ productId: id, catalogGroupId, price, currency: 'USD', extraId: null, quantityFrom: null, quantityTo: null });
		}
		for (const [storeId, amount] of [[1, item.main], [2, item.shop]]) {
			if (amount > 0) stock.add({ productId: id, storeId, amount, quantityReserved: null });
		}
		const print = fingerprint(item.image);
		portal.addImage(id, { type: 'DETAIL_PICTURE', name: `${print}-${item.sku}.png`, bytes: PNG, mimeType: 'image/png' });
		portal.properties.set(id, property.id, [{ value: print }]);
	});
	return { emulator, property: `property${property.id}`, sectionId: section.id };
}

function parameters(property: string, sectionId?: number): INodeParameters {
	return {
		authentication: 'webhook',
		resource: 'product',
		operation: 'sync',
		iblockId: locator(CATALOG),
		syncMode: 'apply',
		fields: mapped({ xmlId: '={{ $json.sku }}', name: '={{ $json.name }}' }),
		syncPrices: {
			price: [
				{ priceType: 'BASE', price: '={{ $json.retail }}', currency: 'USD' },
				{ priceType: 'WHOLESALE', price: '={{ $json.wholesale }}', currency: 'USD' },
			],
		},
		syncStock: {
			store: [
				{ store: '1', amount: '={{ $json.main }}' },
				{ store: '2', amount: '={{ $json.shop }}' },
			],
		},
		syncImages: '={{ $json.image }}',
		...(sectionId ? { syncMissing: 'deactivate', syncScope: 'section', syncScopeSection: sectionId } : {}),
		syncOptions: { imageHosts: '127.0.0.1', fingerprintProperty: property },
		options: { maxLimitWait: 3600 },
	};
}

/** Products of the catalog not as the feed says (fields, prices, stock, image), plus those there twice. */
function lost(emulator: Bitrix24Emulator, feed: FeedItem[], property: string): number {
	const { portal } = emulator;
	const bySku = new Map<string, number[]>();
	for (const product of portal.productsIn(CATALOG)) {
		const sku = String(product.fields?.xmlId ?? '');
		if (sku.startsWith('SKU-')) bySku.set(sku, [...(bySku.get(sku) ?? []), product.id]);
	}
	const prices = recordsOf(portal, PRICE_TABLE).indexBy('productId');
	const stock = recordsOf(portal, STORE_PRODUCT_TABLE).indexBy('productId');
	const propertyId = Number(property.replace('property', ''));
	let wrong = 0;
	for (const item of feed) {
		const ids = bySku.get(item.sku) ?? [];
		if (ids.length !== 1) {
			wrong++;
			continue;
		}
		const [id] = ids;
		const product = portal.product(id);
		const price = (type: number) => prices.withValue('productId', id)?.find((row) => row.catalogGroupId === type)?.price;
		const held = (store: number) => Number(stock.withValue('productId', id)?.find((row) => row.storeId === store)?.amount ?? 0);
		const images = portal.imagesOf(id);
		const right =
			product?.name === item.name &&
			product.active === 'Y' &&
			price(1) === item.retail &&
			price(2) === item.wholesale &&
			held(1) === item.main &&
			held(2) === item.shop &&
			images.length === 1 &&
			images[0].name.startsWith(fingerprint(item.image)) &&
			portal.properties.valuesOf(id, propertyId)[0]?.value === fingerprint(item.image);
		if (!right) wrong++;
	}
	return wrong;
}

/** The sync's inventory documents never conducted: a stopped run's, which a run 3 hours later deletes. */
function drafts(emulator: Bitrix24Emulator): number {
	return recordsOf(emulator.portal, DOCUMENT_TABLE)
		.all()
		.filter((document) => document.status === 'N' && String(document.title).startsWith('Stock sync of catalog')).length;
}

interface Row {
	scenario: string;
	products: number;
	budget: string;
	expected?: string;
}

async function measure(
	row: Row,
	emulator: Bitrix24Emulator,
	feed: FeedItem[],
	run: INodeParameters,
	property: string,
	stopAfterMs?: number,
): Promise<string[]> {
	emulator.setRateLimit({ ...LIMIT });
	emulator.setLatency(LATENCY_MS);
	const before = emulator.stats;
	const sentBefore = emulator.requests.length;
	global.gc?.();
	const peak = samplePeakRss(50);
	const started = Date.now();
	let stopped = false;
	if (stopAfterMs !== undefined) {
		await runNode({
			parameters: run,
			credentials: webhookCredentials(emulator),
			items: feed as unknown as Array<Record<string, unknown>>,
			stopWhen: new Promise((resolve) => setTimeout(() => ((stopped = true), resolve(undefined)), stopAfterMs)),
		});
	}
	const { error } = await runNode({
		parameters: run,
		credentials: webhookCredentials(emulator),
		items: feed as unknown as Array<Record<string, unknown>>,
	});
	const seconds = (Date.now() - started) / 1000;
	const rss = peak();
	const after = emulator.stats;
	const requests = after.restRequests - before.restRequests;
	const methods = methodsCalled(emulator.requests.slice(sentBefore));
	const writes = methods.filter((method) => /\.(add|update|delete|conduct)$/.test(method));
	const uploads = methods.filter((method) => method === 'catalog.productImage.add').length;
	// Each request's commands: one for a single call, a batch's own count (capped at 50).
	const commands = emulator.requests
		.slice(sentBefore)
		.reduce((sum, request) => sum + (request.restMethod === 'batch' ? Math.max(1, request.batchSize ?? 1) : request.restMethod ? 1 : 0), 0);
	const fewest = Math.ceil(commands / 50);
	const counts = new Map<string, number>();
	for (const method of writes) counts.set(method, (counts.get(method) ?? 0) + 1);
	const writeText = [...counts].map(([method, count]) => `${method.replace('catalog.', '')} ${count}`).join(', ') || '0';
	return [
		row.scenario + (stopAfterMs !== undefined ? ` (stopped after ${(stopAfterMs / 1000).toFixed(1)} s${stopped ? '' : ', finished first'})` : ''),
		String(row.products),
		`${requests} (${uploads} uploads)`,
		row.budget,
		`${fewest}, ${floorSeconds(fewest).toFixed(1)} s`,
		seconds.toFixed(1),
		`${(rss / 1024 / 1024).toFixed(0)} MB`,
		String(after.queryLimitExceeded - before.queryLimitExceeded),
		String(lost(emulator, feed, property)) + (drafts(emulator) > 0 ? ` (${drafts(emulator)} drafts left)` : ''),
		writeText + (row.expected ? ` (expected ${row.expected})` : ''),
		error ? error.message : '',
	];
}

async function main(): Promise<void> {
	const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	imageBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const rows: string[][] = [];
	try {
		const feed = Array.from({ length: PRODUCTS }, (_, n) => feedItem(n));
		if (ONLY !== 'import') {
			const { emulator, property } = await portalWith(feed);
			rows.push(await measure({ scenario: 'same feed again', products: PRODUCTS, budget: '≤ 30, ≤ 20 s' }, emulator, feed, parameters(property), property));
			await emulator.stop();
		}
		if (ONLY !== 'import') {
			const { emulator, property, sectionId } = await portalWith(feed);
			const changed = Math.round(PRODUCTS / 100);
			const added = Math.round(PRODUCTS / 200);
			const gone = Math.round(PRODUCTS / 200);
			// The first `gone` are not in the feed; the next `changed` changed; `added` new at the end.
			const next = [
				...feed.slice(gone, gone + changed).map((_, index) => feedItem(gone + index, 1)),
				...feed.slice(gone + changed),
				...Array.from({ length: added }, (_, index) => feedItem(PRODUCTS + index)),
			];
			const lines = changed + stockLines(next.slice(next.length - added));
			// Updates: the changed names, the gone deactivated, the new products' image fingerprints.
			const expected = `product.update ${changed + gone + added}, product.add ${added}, price.update ${changed}, price.add ${2 * added}, document.add 2, document.element.add ${lines}, document.conduct 2, productImage.add ${added}`;
			rows.push(
				await measure(
					{ scenario: '1 % changed, 0.5 % new, 0.5 % gone', products: PRODUCTS, budget: '≤ 50', expected },
					emulator,
					next,
					parameters(property, sectionId),
					property,
				),
			);
			const deactivated = feed.slice(0, gone).filter((item, index) => emulator.portal.product(FIRST_ID + index)?.active === 'N' && item).length;
			rows[rows.length - 1][8] += deactivated === gone ? '' : ` (${gone - deactivated} not deactivated)`;
			await emulator.stop();
		}
		const importFeed = feed.slice(0, IMPORT);
		let importSeconds = 0;
		for (const stopped of ONLY === 'feed' ? [] : [false, true]) {
			const emulator = await Bitrix24Emulator.start();
			emulator.portal.inventoryManagement = true;
			// An empty catalog: no price or stock row left from the demo for an ID a new product may take.
			for (const table of [PRICE_TABLE, STORE_PRODUCT_TABLE]) {
				const rows = recordsOf(emulator.portal, table);
				for (const row of rows.all()) rows.delete(row.id);
			}
			const made = emulator.portal.properties.add({ iblockId: CATALOG, name: 'Image fingerprints', propertyType: 'S', userType: null, multiple: false, required: false, sort: 900 });
			const property = `property${made.id}`;
			// Stopped somewhere in the first 90 % of the time the whole import took.
			const stopAfterMs = stopped ? Math.round((0.05 + Math.random() * 0.85) * importSeconds * 1000) : undefined;
			const row = await measure(
				{ scenario: stopped ? 'first import stopped, run again' : 'first import, empty catalog', products: IMPORT, budget: 'floor + 10 %' },
				emulator,
				importFeed,
				parameters(property),
				property,
				stopAfterMs,
			);
			if (!stopped) importSeconds = Number(row[5]);
			rows.push(row);
			await emulator.stop();
		}
	} finally {
		server.close();
	}
	printTable(
		`Product → Sync: cloud limits (burst ${LIMIT.burst}, ${LIMIT.perSecond}/s), ${LATENCY_MS} ms latency; 2 price types, 2 stores (inventory documents), 1 image a product`,
		['Scenario', 'Products', 'Requests', 'Budget', 'Floor', 'Wall s', 'Peak RSS', 'Refused', 'Lost', 'Writes', 'Error'],
		rows,
	);
}

/** The document lines new products need: one per store they hold stock in. */
function stockLines(items: FeedItem[]): number {
	return items.reduce((sum, item) => sum + Number(item.main > 0) + Number(item.shop > 0), 0);
}

void main();
