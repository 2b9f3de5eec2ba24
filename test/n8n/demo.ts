/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- developer tooling, never shipped */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';

import { Bitrix24Emulator } from '../emulator';
import type { INode } from 'n8n-workflow';

import { connectTriggers, exampleWorkflows } from '../harness/examples';
import { TRIGGER_TYPE } from '../harness/typeNames';
import type { WorkflowJson } from '../harness/workflowHost';
import type { N8nServer, Owner } from './n8n';
import { N8n } from './n8n';
import type { QueueServices } from './queue';
import { QueueInstance, startQueueServices } from './queue';
import { cacheDir, ensureRuntime, N8N_2, selectedRelease } from './runtime';
import { postgresDataDir } from './services';
import { restoreDemo } from './demoState';

export const DEMO_OWNER: Owner = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Bitrix24-demo',
};
export const DEMO_CREDENTIAL_ID = 'b24DemoPortal001';
const N8N_PORT = 5678;
const EMULATOR_PORT = 8024;
// Beside a Redis or Postgres of the user's own on their default ports.
const REDIS_PORT = 6390;
const POSTGRES_PORT = 5440;
// A fixed secret keeps the imported credential valid across restarts of the demo portal;
// it opens only the local demo portal.
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
const DEMO_WEBHOOK_SECRET = 'demo0portal0secret';

/** The path of the Webhook node in the example that deletes withdrawn images. */
export const WITHDRAWAL_PATH = 'bitrix24-image-withdrawn';

const log = (line = '') => process.stdout.write(`${line}\n`);

/** How the demo runs: `npm start -- --queue` for queue mode. */
export interface DemoMode {
	/** Queue mode: Redis, Postgres, a main process and two workers, instead of one n8n on SQLite. */
	queue?: boolean;
}

/**
 * `npm start`: a real n8n with this package installed as a community package, the demo portal
 * behind a ready credential, the examples imported and an owner account set up.
 * `gulp start` has run refuseIfRunning before building, and hands over the built package's
 * fingerprint.
 */
export async function runDemo({
	packageFingerprint,
	queue = false,
}: DemoMode & { packageFingerprint: string }): Promise<void> {
	const folder = demoFolder({ queue });
	const pidFile = join(folder, 'demo.pid');

	const runtime = await ensureRuntime(log);
	let services: QueueServices | undefined;
	if (queue) {
		await assertPortFree(REDIS_PORT, 'Redis');
		await assertPortFree(POSTGRES_PORT, 'Postgres');
		const postgresDir = await postgresDataDir(
			join(folder, 'postgres'),
			`${basename(cacheDir())}-${basename(folder)}-postgres`,
		);
		services = await startQueueServices(log, postgresDir, {
			redis: REDIS_PORT,
			postgres: POSTGRES_PORT,
		});
	}

	let emulator: Bitrix24Emulator | undefined;
	let webhookUrl = process.env.BITRIX24_WEBHOOK_URL?.trim();
	let portalName: string;
	if (webhookUrl) {
		portalName = `your portal (${new URL(webhookUrl.includes('://') ? webhookUrl : `https://${webhookUrl}`).host})`;
	} else {
		await assertPortFree(EMULATOR_PORT, 'the demo portal');
		// The catalog demo's properties too: the feed example writes Brand (property110). Inventory
		// management on: the receive-goods example conducts its receipt.
		emulator = await Bitrix24Emulator.start({
			port: EMULATOR_PORT,
			secrets: { admin: DEMO_WEBHOOK_SECRET },
			catalogDemo: true,
			inventoryManagement: true,
		});
		webhookUrl = emulator.webhookUrl('admin');
		portalName = `the demo portal (${emulator.baseUrl})`;
	}

	const listenAddress = process.env.N8N_LISTEN_ADDRESS?.trim() || '127.0.0.1';
	const n8n = new N8n(runtime, folder, N8N_PORT, {
		...(services && {
			database: {
				port: POSTGRES_PORT,
				user: services.postgres.user,
				database: services.postgres.database,
			},
			redisPort: REDIS_PORT,
		}),
		env: {
			// The demo's owner password is in the README: other machines reach it only when asked to.
			N8N_LISTEN_ADDRESS: listenAddress,
			// n8n's own log, kept (its console goes nowhere while the demo runs).
			N8N_LOG_OUTPUT: 'console,file',
		},
	});
	let server: N8nServer | undefined;
	let instance: QueueInstance | undefined;
	try {
		const examples = exampleWorkflows().map((workflow) =>
			emulator
				? connectTriggers(
						workflow,
						emulator,
						(trigger) => productionUrl(n8n, trigger.webhookId),
						demoApplicationToken,
					)
				: workflow,
		);
		// On the demo portal the triggers' outgoing webhooks are set up: their workflows can go live.
		const live = emulator ? examples.filter(startsWithWebhook) : [];
		await restoreDemo(
			n8n,
			{
				credential: {
					id: DEMO_CREDENTIAL_ID,
					name: 'Bitrix24 (demo portal)',
					type: 'bitrix24WebhookApi',
					// In queue mode two workers call the portal: each keeps to half of its rate.
					data: {
						webhookSecretUrl: webhookUrl,
						...(queue && { processes: 2 }),
					},
				},
				workflows: examples,
				live: live.map((workflow) => workflow.id),
				packageFingerprint,
			},
			log,
		);

		writeFileSync(pidFile, String(process.pid));
		if (queue) {
			log('Starting n8n in queue mode: the main process, then two workers...');
			instance = await QueueInstance.start(n8n, { workers: 2 });
			server = instance.main;
		} else {
			log('Starting n8n...');
			server = await n8n.start();
		}
		await server.setupOwner(DEMO_OWNER);

		log('');
		log(
			`n8n is running: ${n8n.url}${queue ? ` (queue mode: 2 workers, Redis on port ${REDIS_PORT}, Postgres on port ${POSTGRES_PORT})` : ''}`,
		);
		log(`  sign in as ${DEMO_OWNER.email} with password ${DEMO_OWNER.password}`);
		log(
			listenAddress === '127.0.0.1'
				? '  reachable from this machine only (N8N_LISTEN_ADDRESS=0.0.0.0 npm start opens it to the network)'
				: `  listening on ${listenAddress}: change the owner's password before others can reach it`,
		);
		log(
			`  n8n's log: ${join(folder, '.n8n', 'logs', 'n8n.log')}${queue ? ' (the workers: n8n-worker-1.log, n8n-worker-2.log beside it)' : ''}`,
		);
		log(`  credential "Bitrix24 (demo portal)" points at ${portalName}`);
		log(
			'  open "Bitrix24: delete a product image" (or the other examples) and click "Execute workflow"',
		);
		log(
			`  the package is listed under Settings → Community Nodes: ${n8n.url}/settings/community-nodes`,
		);
		if (emulator) {
			log('  demo data: product 101 has images 1001 to 1004 (restart to restore them)');
			log(`  live: ${live.map((workflow) => `"${workflow.name}"`).join(', ')}`);
			log('  deactivate product 101 in the demo portal to fire the catalog trigger:');
			log(`    curl -d 'id=101&fields[active]=N' ${webhookUrl}catalog.product.update`);
			log(
				'  or withdraw image 1003 as another system would (again: 404 with the Bitrix24 code and text):',
			);
			log(
				`    curl -i -H 'content-type: application/json' -d '{"productId":101,"imageId":1003}' ${productionUrl(n8n, undefined, WITHDRAWAL_PATH)}`,
			);
		}
		log('Press Ctrl+C to stop.');

		await new Promise<void>((resolve) => {
			process.once('SIGINT', resolve);
			process.once('SIGTERM', resolve);
		});
		log(`Stopping n8n${queue ? ', its workers, Redis, Postgres' : ''} and the demo portal...`);
	} finally {
		await (instance ?? server)?.stop();
		await services?.stop();
		await emulator?.stop();
		rmSync(pidFile, { force: true });
	}
	log('Stopped.');
}

/**
 * The application token the demo portal gives a trigger's outgoing webhook: fixed, like the
 * webhook secret, so that the imported workflows stay valid across restarts of the portal.
 */
function demoApplicationToken(trigger: INode): string {
	return createHash('sha256')
		.update(`${DEMO_WEBHOOK_SECRET}/${trigger.id}`)
		.digest('hex')
		.slice(0, 32);
}

/** The Production URL n8n gives a webhook node (a trigger's path is its webhook ID, then `webhook`). */
export function productionUrl(n8n: N8n, webhookId: string | undefined, path = 'webhook'): string {
	return `${n8n.webhookBaseUrl}/webhook/${webhookId ? `${webhookId}/` : ''}${path}`;
}

/** Workflows started by a webhook (a catalog trigger or n8n's Webhook node) rather than by hand. */
function startsWithWebhook(workflow: WorkflowJson): boolean {
	return workflow.nodes.some(
		(node) => node.type === TRIGGER_TYPE || node.type === 'n8n-nodes-base.webhook',
	);
}

/**
 * The demo's n8n user folder: one per mode (queue mode's database is Postgres) and n8n line
 * (an n8n does not open a newer one's database).
 */
function demoFolder({ queue = false }: DemoMode): string {
	const release = selectedRelease();
	const folder = join(
		cacheDir(),
		`demo${queue ? '-queue' : ''}${release === N8N_2 ? '' : `-n8n-${release.n8n}`}`,
	);
	mkdirSync(folder, { recursive: true });
	return folder;
}

/** A second `npm start` says so before it builds anything or touches the first one's files. */
export async function refuseIfRunning(mode: DemoMode = {}): Promise<void> {
	const running = runningPid(join(demoFolder(mode), 'demo.pid'));
	if (running) {
		throw new Error(
			`The demo is already running (process ${running}) at http://localhost:${N8N_PORT}. Stop it with Ctrl+C first.`,
		);
	}
	await assertPortFree(N8N_PORT, 'n8n');
}

function runningPid(pidFile: string): number | undefined {
	if (!existsSync(pidFile)) return undefined;
	const pid = Number(readFileSync(pidFile, 'utf8'));
	try {
		process.kill(pid, 0);
		return pid;
	} catch {
		return undefined;
	}
}

function assertPortFree(port: number, what: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', () =>
			reject(
				new Error(`Port ${port}, needed for ${what}, is in use. Is another n8n or demo running?`),
			),
		);
		probe.listen(port, () => probe.close(() => resolve()));
	});
}
