/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a benchmark, never shipped */
/**
 * This package in a real n8n, two ways in one run: queue mode (a main process, Redis, Postgres and
 * two workers) and one n8n process (on the same Postgres). The portal is the emulator with cloud
 * limits (burst 50, then 2 per second) and a latency per request. Each way:
 *
 * - deletes: BENCH_DELETES images (10,000) deleted by BENCH_EXECUTIONS executions (20) of a
 *   workflow started by a webhook, each splitting its request's list into items for one Bitrix24
 *   Catalog node; counted: images left (lost), images deleted by more than one accepted request
 *   (done twice), requests, QUERY_LIMIT_EXCEEDED, wall time against the portal's floor;
 * - events: BENCH_EVENTS (200) products deactivated at once, each event posted to the
 *   deactivation example; counted: answers and their times, executions, images left, refusals.
 *
 * In queue mode the credential says `processes: 2` (each worker keeps to half the portal's rate);
 * one process keeps the default. Run `npm run bench:queue` (BENCH_LATENCY_MS=50, N8N_VERSION=1 for
 * n8n 1.x). Takes about 15 minutes with the defaults.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Bitrix24Emulator } from '../emulator';
import { postForm, postJson } from '../emulator/testClient';
import { catalogNode, chainWorkflow, WEBHOOK_CREDENTIAL } from '../e2e/fixture';
import { commandsOf } from '../harness/batches';
import { connectTriggers, loadExample } from '../harness/examples';
import { deleteParameters, webhookCredentials } from '../harness/nodeInputs';
import { TRIGGER_TYPE } from '../harness/typeNames';
import { until } from '../harness/until';
import type { WorkflowJson } from '../harness/workflowHost';
import { productionUrl } from '../n8n/demo';
import { N8n } from '../n8n/n8n';
import type { N8nServer } from '../n8n/n8n';
import { QueueInstance, startQueueServices } from '../n8n/queue';
import type { QueueServices } from '../n8n/queue';
import { ensureRuntime } from '../n8n/runtime';
import type { N8nRuntime } from '../n8n/runtime';
import { createDatabase } from '../n8n/services';
import { installPackage } from '../n8n/userFolder';
import { printTable } from './table';

const DELETES = Number(process.env.BENCH_DELETES ?? 10_000);
const EXECUTIONS = Number(process.env.BENCH_EXECUTIONS ?? 20);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const LIMIT = { burst: 50, perSecond: 2 };
const PORTS = { n8n: 5710, redis: 6410, postgres: 5510 };
const DELETE_PATH = 'bench-delete-images';
const DELETE_PRODUCT = 105;

const log = (line: string) => process.stderr.write(`${line}\n`);

function percentile(values: number[], share: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

/** Seconds the portal needs at least for `requests`: the burst at once, the rest at its rate. */
function floorSeconds(requests: number): number {
	return Math.max(0, requests - LIMIT.burst) / LIMIT.perSecond;
}

/** Webhook → Split Out (one item per image) → Bitrix24 Catalog: delete product image. */
function deleteWorkflow(): WorkflowJson {
	return chainWorkflow('benchDeleteImgs1', 'Delete images (bench)', [
		{
			name: 'Images to delete',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: '6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c',
			parameters: {
				httpMethod: 'POST',
				path: DELETE_PATH,
				responseMode: 'onReceived',
				options: {},
			},
		},
		{
			name: 'One item per image',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.images', options: {} },
		},
		catalogNode(
			'Delete product image',
			deleteParameters('webhook', '={{ $json.productId }}', '={{ $json.imageId }}', {
				options: { maxLimitWait: 3600 },
			}),
		),
	]);
}

/** How many executions of `workflowId` n8n stored, and how many of them ended, by status. */
async function executionStatuses(n8n: N8n, workflowId: string): Promise<Record<string, number>> {
	const [rows] = await n8n.query([
		[
			'SELECT status, COUNT(*) AS n FROM execution_entity WHERE "workflowId" = ? GROUP BY status',
			[workflowId],
		],
	]);
	return Object.fromEntries(rows.map((row) => [String(row.status), Number(row.n)]));
}

async function executionsEnded(
	n8n: N8n,
	workflowId: string,
	count: number,
): Promise<Record<string, number>> {
	return await until(
		`${count} executions of ${workflowId} to end`,
		async () => {
			const statuses = await executionStatuses(n8n, workflowId);
			const ended = Object.entries(statuses).filter(
				([status]) => !['new', 'running', 'waiting'].includes(status),
			);
			return ended.reduce((sum, [, n]) => sum + n, 0) >= count ? statuses : undefined;
		},
		{ timeoutMs: 60 * 60 * 1000, intervalMs: 500 },
	);
}

interface Way {
	name: string;
	queue: boolean;
}

interface Figures {
	deletes: string[];
	events: string[];
}

async function runWay(runtime: N8nRuntime, services: QueueServices, way: Way): Promise<Figures> {
	const database = `bench_${way.queue ? 'queue' : 'single'}_${Date.now()}`;
	await createDatabase(services.postgres, database);
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-bitrix24-bench-'));
	const emulator = await Bitrix24Emulator.start();
	let queue: QueueInstance | undefined;
	let server: N8nServer | undefined;
	try {
		await installPackage(userFolder);
		const n8n = new N8n(runtime, userFolder, PORTS.n8n, {
			database: { port: services.postgres.port, user: services.postgres.user, database },
			redisPort: way.queue ? PORTS.redis : undefined,
		});
		const credential = webhookCredentials(emulator).bitrix24WebhookApi;
		// Two workers call the portal: each keeps to half of its rate (a setting n8n ignores where
		// the credential does not have it).
		await n8n.importCredentials([
			{
				...WEBHOOK_CREDENTIAL,
				type: 'bitrix24WebhookApi',
				data: { ...credential, ...(way.queue && { processes: 2 }) },
			},
		]);
		const example = loadExample('remove-gallery-images-of-deactivated-products.json');
		const trigger = example.nodes.find((node) => node.type === TRIGGER_TYPE)!;
		const triggerUrl = productionUrl(n8n, trigger.webhookId);
		const workflows = [deleteWorkflow(), connectTriggers(example, emulator, () => triggerUrl)];
		await n8n.importWorkflows(workflows);
		for (const { id } of workflows) {
			const published = await n8n.publish(id);
			if (published.code !== 0) throw new Error(`Publishing ${id} failed:\n${published.output}`);
		}
		log(`${way.name}: starting n8n ${runtime.release.n8n}...`);
		if (way.queue) queue = await QueueInstance.start(n8n, { workers: 2 });
		else server = await n8n.start();
		await until(
			'the trigger to be registered',
			async () => (await postForm(triggerUrl, '')).status === 401,
			{ timeoutMs: 30_000, intervalMs: 250 },
		);

		const deletes = await measureDeletes(n8n, emulator, way);
		log(deletes.join(' | '));
		const events = await measureEvents(n8n, emulator, example.id, way);
		log(events.join(' | '));
		return { deletes, events };
	} finally {
		await (queue ?? server)?.stop();
		await emulator.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

async function measureDeletes(n8n: N8n, emulator: Bitrix24Emulator, way: Way): Promise<string[]> {
	const ids = Array.from(
		{ length: DELETES },
		(_, index) => emulator.portal.addImage(DELETE_PRODUCT, { name: `bench-${index}.png` }).id,
	);
	const perExecution = Math.ceil(DELETES / EXECUTIONS);
	emulator.clearRequests();
	emulator.setRateLimit(LIMIT);
	emulator.setLatency(LATENCY_MS);
	// A fresh bucket: what the start asked of the portal (none yet) does not count.
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const before = emulator.stats;
	log(`${way.name}: ${DELETES} deletes in ${EXECUTIONS} executions...`);
	const started = performance.now();
	const answers = await Promise.all(
		Array.from({ length: EXECUTIONS }, (_, index) =>
			postJson(productionUrl(n8n, undefined, DELETE_PATH), {
				images: ids
					.slice(index * perExecution, (index + 1) * perExecution)
					.map((imageId) => ({ productId: DELETE_PRODUCT, imageId })),
			}),
		),
	);
	if (answers.some((answer) => answer.status !== 200))
		throw new Error(`The delete webhook answered ${answers.map((a) => a.status).join(', ')}`);
	log(`${way.name}: the webhook took all ${EXECUTIONS} requests; waiting for the executions...`);
	const statuses = await executionsEnded(n8n, 'benchDeleteImgs1', EXECUTIONS);
	const seconds = (performance.now() - started) / 1000;
	const after = emulator.stats;

	const left = emulator.portal.imagesOf(DELETE_PRODUCT).length;
	// Deleted by more than one request the portal accepted (a refused request deleted nothing).
	const accepted = emulator.restCalls('batch').filter((call) => call.status === 200);
	const deletedBy = new Map<string, number>();
	for (const commands of accepted.map(commandsOf)) {
		for (const command of commands.filter((text) =>
			text.startsWith('catalog.productImage.delete'),
		)) {
			const id = new URLSearchParams(command.split('?')[1]).get('id') ?? command;
			deletedBy.set(id, (deletedBy.get(id) ?? 0) + 1);
		}
	}
	const twice = [...deletedBy.values()].filter((count) => count > 1).length;
	const requests = after.restRequests - before.restRequests;
	const refused = after.queryLimitExceeded - before.queryLimitExceeded;
	const floor = floorSeconds(Math.ceil(DELETES / 50));
	return [
		way.name,
		`${statuses.success ?? 0}/${EXECUTIONS}`,
		String(left),
		String(twice),
		String(requests),
		`${refused} (${((100 * refused) / Math.max(1, requests)).toFixed(1)} %)`,
		seconds.toFixed(1),
		floor.toFixed(0),
		floor > 0 ? `${((100 * seconds) / floor - 100).toFixed(0)} %` : 'within the burst',
	];
}

async function measureEvents(
	n8n: N8n,
	emulator: Bitrix24Emulator,
	workflowId: string,
	way: Way,
): Promise<string[]> {
	const products = Array.from(
		{ length: EVENTS },
		(_, index) => emulator.portal.createProduct({ name: `Bench product ${index + 1}` }).id,
	);
	for (const id of products) {
		emulator.portal.addImage(id, { type: 'MORE_PHOTO' });
		emulator.portal.addImage(id, { type: 'MORE_PHOTO' });
	}
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const before = emulator.stats;
	const deliveriesBefore = emulator.events.deliveries.length;
	log(`${way.name}: a burst of ${EVENTS} product events...`);
	const started = performance.now();
	for (const id of products) emulator.portal.updateProduct(id, { active: 'N' });
	await emulator.events.settled();
	const answered = (performance.now() - started) / 1000;
	log(
		`${way.name}: all ${EVENTS} events answered in ${answered.toFixed(1)} s; waiting for the executions...`,
	);
	const statuses = await executionsEnded(n8n, workflowId, EVENTS);
	const seconds = (performance.now() - started) / 1000;
	const after = emulator.stats;
	const deliveries = emulator.events.deliveries.slice(deliveriesBefore);
	const ms = deliveries.map((delivery) => delivery.ms);
	const left = products.reduce(
		(sum, id) =>
			sum + emulator.portal.imagesOf(id).filter((image) => image.type === 'MORE_PHOTO').length,
		0,
	);
	return [
		way.name,
		`${deliveries.filter((delivery) => delivery.status === 200).length}/${EVENTS}`,
		`${percentile(ms, 0.5).toFixed(0)} / ${percentile(ms, 0.95).toFixed(0)}`,
		answered.toFixed(1),
		`${statuses.success ?? 0}/${EVENTS}`,
		String(left),
		String(after.restRequests - before.restRequests),
		String(after.queryLimitExceeded - before.queryLimitExceeded),
		seconds.toFixed(1),
	];
}

async function main(): Promise<void> {
	const runtime = await ensureRuntime(log);
	const postgresDir = join(tmpdir(), `n8n-bitrix24-bench-postgres-${process.pid}`);
	const services = await startQueueServices(log, postgresDir, {
		redis: PORTS.redis,
		postgres: PORTS.postgres,
	});
	const figures: Figures[] = [];
	try {
		for (const way of [
			{ name: 'queue mode, 2 workers', queue: true },
			{ name: 'one process', queue: false },
		]) {
			figures.push(await runWay(runtime, services, way));
		}
	} finally {
		await services.stop();
		rmSync(postgresDir, { recursive: true, force: true });
	}
	const portal = `cloud limits (burst ${LIMIT.burst}, ${LIMIT.perSecond} per second), ${LATENCY_MS} ms latency, n8n ${runtime.release.n8n}`;
	printTable(
		`${DELETES} deletes in ${EXECUTIONS} executions; ${portal}`,
		[
			'way',
			'executions ok',
			'images left',
			'deleted twice',
			'REST requests',
			'QUERY_LIMIT_EXCEEDED',
			'wall s',
			'floor s',
			'over floor',
		],
		figures.map((figure) => figure.deletes),
	);
	process.stdout.write('\n');
	printTable(
		`A burst of ${EVENTS} product events into the deactivation example; ${portal}`,
		[
			'way',
			'answered 200',
			'answer ms p50 / p95',
			'all answered s',
			'executions ok',
			'gallery images left',
			'REST requests',
			'QUERY_LIMIT_EXCEEDED',
			'wall s',
		],
		figures.map((figure) => figure.events),
	);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
