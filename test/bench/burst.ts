/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets -- a benchmark, never shipped */
/**
 * A burst of Bitrix24 events into a real n8n (one process, SQLite): BENCH_BURST (200) POSTs at
 * once, BENCH_RUNS (3) times, to
 *
 * - a plain Webhook node that answers as soon as it has the request (the yardstick);
 * - the Bitrix24 Catalog Trigger as new triggers are (version 2), token in the credential,
 *   reading the product after it answered;
 * - the same trigger as version 1 (triggers set up before);
 * - the trigger, given a wrong application token: refused, no execution may start.
 *
 * Each under n8n's default expression engine (`vm`, isolated-vm) and under
 * N8N_EXPRESSION_ENGINE=legacy; BENCH_ENGINES=vm,legacy,lazy picks (lazy: `vm` with
 * N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true). Printed: answers, answer time p50 / p95 / max and the
 * executions the burst started. The machine's other work moves the absolute numbers: compare the
 * rows of one run, not runs of different days.
 *
 * BENCH_STARTS=webhook,v2,v1,wrong picks the start nodes. BENCH_DELIVERY=portal has the emulated
 * portal send the events instead (as Bitrix24 does: each once, given up after 10 s): the table
 * then says how many it gave up on, and n8n's log what it made of them (BENCH_N8N_LOG=file keeps
 * the whole log). Run `npm run bench:burst`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INode } from 'n8n-workflow';

import { Bitrix24Emulator, formEncode } from '../emulator';
import { WEBHOOK_CREDENTIAL } from '../e2e/fixture';
import { webhookCredentials } from '../harness/nodeInputs';
import { TRIGGER_TYPE } from '../harness/typeNames';
import { until } from '../harness/until';
import type { WorkflowJson } from '../harness/workflowHost';
import { productionUrl } from '../n8n/demo';
import { N8n } from '../n8n/n8n';
import { ensureRuntime } from '../n8n/runtime';
import type { N8nRuntime } from '../n8n/runtime';
import { installPackage } from '../n8n/userFolder';
import { printTable } from './table';

const BURST = Number(process.env.BENCH_BURST ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const VIA_PORTAL = process.env.BENCH_DELIVERY === 'portal';
const STARTS = (process.env.BENCH_STARTS ?? 'webhook,v2,v1,wrong')
	.split(',')
	.map((key) => key.trim());
const PORT = 5730;
const UPDATED = 'CATALOG.PRODUCT.ON.UPDATE';
const TOKEN = 'bench0application0token000000001';
const ANSWER_TIMEOUT_MS = 120_000;

const ENGINES: Record<string, NodeJS.ProcessEnv> = {
	vm: {},
	legacy: { N8N_EXPRESSION_ENGINE: 'legacy' },
	lazy: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
};
const ENGINE_NAMES: Record<string, string> = {
	vm: 'vm (default)',
	legacy: 'legacy',
	lazy: 'vm, lazy acquire',
};

const log = (line: string) => process.stderr.write(`${line}\n`);

function percentile(values: number[], share: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

/** A workflow to burst into: its start node, and the events it is sent. */
interface Target {
	/** How BENCH_STARTS names it. */
	key: string;
	name: string;
	workflow: WorkflowJson;
	url: (n8n: N8n) => string;
	token: string;
	/** The answer a delivered event gets. */
	expected: number;
}

function workflowOf(id: string, name: string, start: Omit<INode, 'id' | 'position'>): WorkflowJson {
	return {
		id,
		name,
		nodes: [{ ...start, id: `${id}-start`, position: [0, 0] } as INode],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

function triggerWorkflow(id: string, typeVersion: number, webhookId: string): WorkflowJson {
	return workflowOf(id, `Catalog trigger v${typeVersion} (bench)`, {
		name: 'When a product is updated',
		type: TRIGGER_TYPE,
		typeVersion,
		webhookId,
		parameters: { authentication: 'webhook', events: [UPDATED] },
		credentials: { bitrix24WebhookApi: WEBHOOK_CREDENTIAL },
	});
}

function targets(): Target[] {
	const plain = workflowOf('benchPlainWebhk1', 'Plain webhook (bench)', {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
		parameters: {
			httpMethod: 'POST',
			path: 'bench-plain',
			responseMode: 'onReceived',
			options: {},
		},
	});
	const v2 = triggerWorkflow('benchTriggerV2xx', 2, '8b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e');
	const v1 = triggerWorkflow('benchTriggerV1xx', 1, '9c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f');
	const triggerUrl = (workflow: WorkflowJson) => (n8n: N8n) =>
		productionUrl(n8n, workflow.nodes[0].webhookId);
	return [
		{
			key: 'webhook',
			name: 'Webhook node',
			workflow: plain,
			url: (n8n) => productionUrl(n8n, undefined, 'bench-plain'),
			token: TOKEN,
			expected: 200,
		},
		{
			key: 'v2',
			name: 'trigger v2',
			workflow: v2,
			url: triggerUrl(v2),
			token: TOKEN,
			expected: 200,
		},
		{
			key: 'v1',
			name: 'trigger v1',
			workflow: v1,
			url: triggerUrl(v1),
			token: TOKEN,
			expected: 200,
		},
		{
			key: 'wrong',
			name: 'trigger v2, wrong token',
			workflow: v2,
			url: triggerUrl(v2),
			token: `${TOKEN.slice(0, -1)}2`,
			expected: 401,
		},
	];
}

/** An event as Bitrix24 posts it from an outgoing webhook. */
function eventBody(productId: number, token: string, emulator: Bitrix24Emulator): string {
	return formEncode({
		event: UPDATED,
		event_handler_id: 1,
		data: { FIELDS: { ID: productId, TYPE: 1 } },
		ts: Math.floor(Date.now() / 1000),
		auth: { domain: new URL(emulator.baseUrl).host, application_token: token },
	});
}

/** Executions of a workflow n8n stored, and how many of them have not ended. */
async function executions(n8n: N8n, workflowId: string): Promise<{ all: number; open: number }> {
	const [[row]] = await n8n.query([
		[
			`SELECT COUNT(*) AS "all", SUM(CASE WHEN status IN ('new', 'running', 'waiting') THEN 1 ELSE 0 END) AS "open" FROM execution_entity WHERE "workflowId" = ?`,
			[workflowId],
		],
	]);
	return { all: Number(row.all), open: Number(row.open ?? 0) };
}

/**
 * Waits until the workflow's executions have all ended and no new one came for 2 s, or for 15 s
 * while fewer than `expected` are stored (an n8n still busy with a burst may store them late).
 */
async function settled(n8n: N8n, workflowId: string, expected = 0): Promise<number> {
	let last = -1;
	let stableSince = Date.now();
	return await until(
		`the executions of ${workflowId} to settle`,
		async () => {
			const { all, open } = await executions(n8n, workflowId);
			if (open > 0 || all !== last) {
				last = all;
				stableSince = Date.now();
				return undefined;
			}
			const quiet = Date.now() - stableSince;
			return quiet >= (all >= expected ? 2000 : 15_000) ? all : undefined;
		},
		{ timeoutMs: 10 * 60 * 1000, intervalMs: 500 },
	);
}

interface Answer {
	status: number;
	ms: number;
}

/** BURST events at once, posted by the bench: each answer and its time. */
async function postBurst(url: string, bodies: string[]): Promise<Answer[]> {
	return await Promise.all(
		bodies.map(async (body) => {
			const started = performance.now();
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body,
					signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
				});
				await response.arrayBuffer();
				return { status: response.status, ms: performance.now() - started };
			} catch {
				return { status: 0, ms: performance.now() - started };
			}
		}),
	);
}

/** The same events sent by the emulated portal, which gives up on a handler after 10 s. */
async function portalBurst(
	emulator: Bitrix24Emulator,
	url: string,
	token: string,
	products: number[],
): Promise<Answer[]> {
	emulator.events.reset();
	emulator.events.addOutgoingWebhook(url, [UPDATED], token);
	const before = emulator.events.deliveries.length;
	for (const id of products) emulator.portal.updateProduct(id, { active: 'N' });
	await emulator.events.settled();
	return emulator.events.deliveries.slice(before).map(({ status, ms }) => ({ status, ms }));
}

async function measureEngine(runtime: N8nRuntime, engine: string): Promise<string[][]> {
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-bitrix24-burst-'));
	const emulator = await Bitrix24Emulator.start();
	let server: Awaited<ReturnType<N8n['start']>> | undefined;
	const rows: string[][] = [];
	try {
		await installPackage(userFolder);
		const n8n = new N8n(runtime, userFolder, PORT, { env: ENGINES[engine] });
		await n8n.importCredentials([
			{
				...WEBHOOK_CREDENTIAL,
				type: 'bitrix24WebhookApi',
				data: { ...webhookCredentials(emulator).bitrix24WebhookApi, applicationToken: TOKEN },
			},
		]);
		const list = targets().filter((target) => STARTS.includes(target.key));
		const workflows = [
			...new Map(list.map((target) => [target.workflow.id, target.workflow])).values(),
		];
		await n8n.importWorkflows(workflows);
		for (const { id } of workflows) {
			const published = await n8n.publish(id);
			if (published.code !== 0) throw new Error(`Publishing ${id} failed:\n${published.output}`);
		}
		const products = Array.from(
			{ length: BURST },
			(_, index) => emulator.portal.createProduct({ name: `Burst product ${index + 1}` }).id,
		);
		log(`${ENGINE_NAMES[engine]}: starting n8n ${runtime.release.n8n}...`);
		server = await n8n.start();
		for (const target of list) {
			await until(
				`${target.name} to be registered`,
				async () => (await postBurst(target.url(n8n), ['']))[0].status !== 404,
				{ timeoutMs: 60_000, intervalMs: 250 },
			);
			// Warm: n8n's first requests to a workflow compile and cache what later ones reuse.
			await postBurst(
				target.url(n8n),
				products.slice(0, 10).map((id) => eventBody(id, target.token, emulator)),
			);
			await settled(n8n, target.workflow.id);
		}
		for (let run = 1; run <= RUNS; run++) {
			// Each run starts with another start node, so none always comes first or after the same one.
			const order = list.map((_, index) => list[(index + run - 1) % list.length]);
			for (const target of order) {
				const before = (await executions(n8n, target.workflow.id)).all;
				const answers = VIA_PORTAL
					? await portalBurst(emulator, target.url(n8n), target.token, products)
					: await postBurst(
							target.url(n8n),
							products.map((id) => eventBody(id, target.token, emulator)),
						);
				const accepted = answers.filter((answer) => answer.status === 200).length;
				const expected = before + (target.expected === 200 ? accepted : 0);
				const started = (await settled(n8n, target.workflow.id, expected)) - before;
				const ms = answers.map((answer) => answer.ms);
				const answered = answers.filter((answer) => answer.status === target.expected).length;
				const others = new Map<number, number>();
				for (const { status } of answers.filter((answer) => answer.status !== target.expected))
					others.set(status, (others.get(status) ?? 0) + 1);
				const otherText = [...others].map(([status, n]) => `, ${n}× ${status || 'none'}`).join('');
				const gaveUp = answers.filter((answer) => answer.status === 0).length;
				const row = [
					ENGINE_NAMES[engine],
					target.name,
					String(run),
					`${answered}/${BURST} (${target.expected})${otherText}`,
					`${(percentile(ms, 0.5) / 1000).toFixed(2)} / ${(percentile(ms, 0.95) / 1000).toFixed(2)} / ${(Math.max(...ms) / 1000).toFixed(2)}`,
					String(started),
					...(VIA_PORTAL ? [String(gaveUp)] : []),
				];
				log(row.join(' | '));
				rows.push(row);
			}
		}
		// What n8n said about the requests it could not handle (a request the portal gave up on
		// before n8n read its body: "Request body stream was aborted or is not readable").
		const errors = new Map<string, number>();
		for (const [, message] of server.log.matchAll(
			/Error in handling webhook request POST \S+: ([^\n]*)/g,
		))
			errors.set(message, (errors.get(message) ?? 0) + 1);
		// n8n pings its database every 2 s; a ping unanswered in 5 s marks it "not ready", and every
		// request is answered 503 until a ping succeeds.
		const pings = server.log.match(/Database ping failed[^\n]*/g) ?? [];
		if (pings[0]) errors.set(pings[0], pings.length);
		if (process.env.BENCH_N8N_LOG) writeFileSync(process.env.BENCH_N8N_LOG, server.log);
		for (const [message, count] of errors)
			log(`${ENGINE_NAMES[engine]}: n8n logged ${count}× "${message.slice(0, 200)}"`);
		return rows;
	} finally {
		await server?.stop();
		await emulator.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	const runtime = await ensureRuntime(log);
	const engines = (process.env.BENCH_ENGINES ?? 'vm,legacy').split(',').map((name) => name.trim());
	for (const engine of engines) {
		if (!ENGINES[engine]) throw new Error(`BENCH_ENGINES: unknown engine ${engine}`);
	}
	const rows: string[][] = [];
	for (const engine of engines) rows.push(...(await measureEngine(runtime, engine)));
	printTable(
		`${BURST} Bitrix24 events at once, ${VIA_PORTAL ? 'sent by the emulated portal (gives up after 10 s)' : 'posted by the bench'}; n8n ${runtime.release.n8n}, one process, SQLite. Compare rows of one run: the machine's other work moves absolute times.`,
		[
			'expression engine',
			'start node',
			'run',
			'answered (status)',
			'answer s p50 / p95 / max',
			'executions started',
			...(VIA_PORTAL ? ['given up by the portal'] : []),
		],
		rows,
	);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
