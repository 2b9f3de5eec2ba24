/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test tooling, never shipped */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NodeConnectionTypes } from 'n8n-workflow';
import type { INode, INodeCredentials, INodeParameters } from 'n8n-workflow';

import { Bitrix24Emulator } from '../emulator';
import type { EmulatorOptions } from '../emulator';
import type { Authentication } from '../harness/nodeInputs';
import { deleteParameters, oauth2Credentials, webhookCredentials } from '../harness/nodeInputs';
import { loadExample } from '../harness/examples';
import { NODE_TYPE, TRIGGER_TYPE } from '../harness/typeNames';
import type { WorkflowJson } from '../harness/workflowHost';
import { DEMO_CREDENTIAL_ID } from '../n8n/demo';
import { N8n } from '../n8n/n8n';
import type { N8nServer } from '../n8n/n8n';
import type { QueueInstance, QueuePorts, QueueServices } from '../n8n/queue';
import { startQueueServices } from '../n8n/queue';
import { ensureRuntime, N8N_2, selectedRelease } from '../n8n/runtime';
import { installedPackageRecord, installPackage, PACKAGE_ROOT } from '../n8n/userFolder';

/** Screenshots and other results; each n8n line's run keeps its own. */
const release = selectedRelease();
export const RESULTS_DIR = join(
	PACKAGE_ROOT,
	'test-results',
	release === N8N_2 ? 'e2e' : `e2e-n8n-${release.n8n}`,
);

/** The demo's credential ID, the one the shipped workflows name: they are imported unchanged. */
export const WEBHOOK_CREDENTIAL = { id: DEMO_CREDENTIAL_ID, name: 'Bitrix24 webhook (e2e)' };
export const OAUTH2_CREDENTIAL = { id: 'e2eOAuth2Cred001', name: 'Bitrix24 OAuth2 (e2e)' };

export interface E2eContext {
	emulator: Bitrix24Emulator;
	n8n: N8n;
	server?: N8nServer;
	/** Queue mode: Redis and Postgres, and the main process with its workers once started. */
	services?: QueueServices;
	queue?: QueueInstance;
}

/**
 * A throw-away n8n user folder with the package installed, the emulator as its portal and
 * both credential types imported; everything is removed afterwards, even after a failure.
 * `portal`: how the emulator starts (`catalogDemo` for products of every kind with properties).
 */
export function useN8n(
	port: number,
	portal: Pick<EmulatorOptions, 'catalogDemo'> = {},
	{ queue, env }: { queue?: QueuePorts; env?: NodeJS.ProcessEnv } = {},
): E2eContext {
	const context = {} as E2eContext;
	let userFolder = '';
	let postgresDir = '';
	const log = (line: string) => process.stdout.write(`${line}\n`);

	beforeAll(async () => {
		const runtime = await ensureRuntime(log);
		context.emulator = await Bitrix24Emulator.start(portal);
		userFolder = mkdtempSync(join(tmpdir(), 'n8n-bitrix24-e2e-'));
		await installPackage(userFolder);
		if (queue) {
			// Its own folder in /tmp: Postgres may run as another user, who cannot enter the user folder.
			postgresDir = join(tmpdir(), `n8n-bitrix24-e2e-postgres-${process.pid}`);
			context.services = await startQueueServices(log, postgresDir, queue);
		}
		const { postgres } = context.services ?? {};
		context.n8n = new N8n(runtime, userFolder, port, {
			database: postgres && {
				port: postgres.port,
				user: postgres.user,
				database: postgres.database,
			},
			redisPort: queue?.redis,
			env,
		});
		const { emulator } = context;
		await context.n8n.importCredentials([
			{
				...WEBHOOK_CREDENTIAL,
				type: 'bitrix24WebhookApi',
				data: webhookCredentials(emulator).bitrix24WebhookApi,
			},
			{
				...OAUTH2_CREDENTIAL,
				type: 'bitrix24OAuth2Api',
				data: oauth2Credentials(emulator).bitrix24OAuth2Api,
			},
		]);
		await context.n8n.recordInstalledPackage(installedPackageRecord());
		mkdirSync(RESULTS_DIR, { recursive: true });
	});

	afterAll(async () => {
		await context.queue?.stop();
		await context.server?.stop();
		await context.services?.stop();
		await context.emulator?.stop();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
		if (postgresDir) rmSync(postgresDir, { recursive: true, force: true });
	});

	return context;
}

/** A node of a workflow, without the ID and position the workflow gives it. */
export type WorkflowNode = Omit<INode, 'id' | 'position'>;

/** Items from nothing, as a user's data would come: one JSON of products, split into an item each. */
export function productFeed(name: string, products: Array<Record<string, unknown>>): WorkflowNode[] {
	return [
		{
			name,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ products }), options: {} },
		},
		{
			name: 'Each product',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'products', options: {} },
		},
	];
}

/** A Bitrix24 Catalog node named `name`, with the e2e credential its authentication takes. */
export function catalogNode(name: string, parameters: INodeParameters): WorkflowNode {
	const credentials: INodeCredentials =
		parameters.authentication === 'oAuth2'
			? { bitrix24OAuth2Api: OAUTH2_CREDENTIAL }
			: { bitrix24WebhookApi: WEBHOOK_CREDENTIAL };
	return { name, type: NODE_TYPE, typeVersion: 1, parameters, credentials };
}

/** A workflow started by hand (node "Start") whose nodes then run one after the other. */
export function manualWorkflow(
	id: string,
	name: string,
	steps: WorkflowNode[],
): WorkflowJson & { active: false } {
	const start: WorkflowNode = {
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		parameters: {},
	};
	return chainWorkflow(id, name, [start, ...steps]);
}

/** A workflow whose nodes run one after the other, the first being its trigger. */
export function chainWorkflow(
	id: string,
	name: string,
	chain: WorkflowNode[],
): WorkflowJson & { active: false } {
	const nodes = chain.map((node, index) => ({
		...node,
		id: `${id}-${index}`,
		position: [index * 240, 0] as [number, number],
	}));
	const connections = Object.fromEntries(
		nodes
			.slice(1)
			.map((node, index) => [
				nodes[index].name,
				{ main: [[{ node: node.name, type: NodeConnectionTypes.Main, index: 0 }]] },
			]),
	);
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** A workflow with a manual trigger and one Bitrix24 Catalog node deleting one image. */
export function deleteWorkflow(
	id: string,
	name: string,
	productId: number,
	imageId: number,
	authentication: Authentication = 'webhook',
) {
	return manualWorkflow(id, name, [
		catalogNode(
			'Delete product image',
			deleteParameters(authentication, String(productId), String(imageId)),
		),
	]);
}

/** Runs a test step; if it fails, n8n's log tail goes with the error. */
export async function withN8nLog<T>(context: E2eContext, step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} catch (error) {
		const processes = [context.server ?? context.queue?.main, ...(context.queue?.workers ?? [])];
		for (const process of processes) {
			if (process)
				(error as Error).message += `\n\n${process.name} log (last lines):\n${process.logTail()}`;
		}
		throw error;
	}
}

/**
 * The trigger of the deactivation example, but subscribing itself through OAuth2 to products
 * added, then a Wait of `waitSeconds`: n8n stores the execution while it runs, and a test can
 * read it once it ended, or stop the process running it in the middle.
 */
export function oauth2TriggerWorkflow(
	id: string,
	webhookId: string,
	waitSeconds = 1,
): WorkflowJson {
	const json = loadExample('remove-gallery-images-of-deactivated-products.json');
	const trigger = json.nodes.find((node) => node.type === TRIGGER_TYPE)!;
	const wait: INode = {
		id: `${id}-wait`,
		name: 'Wait',
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position: [trigger.position[0] + 240, trigger.position[1]],
		parameters: { amount: waitSeconds, unit: 'seconds' },
	};
	return {
		...json,
		id,
		name: `Catalog trigger with OAuth2 (${id})`,
		nodes: [
			{
				...trigger,
				webhookId,
				parameters: { authentication: 'oAuth2', events: ['CATALOG.PRODUCT.ON.ADD'] },
				credentials: { bitrix24OAuth2Api: OAUTH2_CREDENTIAL },
			},
			wait,
		],
		connections: { [trigger.name]: { main: [[{ node: wait.name, type: 'main', index: 0 }]] } },
	};
}

/** How often a process's log says it polled a trigger (n8n logs each poll at debug level). */
export function pollsLogged(log: string): number {
	return [...log.matchAll(/Poll(ing)? trigger initiated for workflow/g)].length;
}

/** n8n in queue mode for a polling trigger, with debug logs: n8n says there each time it polls. */
export function usePollingQueue(port: number, queue: QueuePorts): E2eContext {
	return useN8n(port, {}, { queue, env: { N8N_LOG_LEVEL: 'debug' } });
}

/** How often each worker of a queue-mode n8n logged a poll. */
export function pollsPerWorker(queue: QueueInstance): number[] {
	return queue.workers.map((worker) => pollsLogged(worker.log));
}

/** The queue's main process started again in place of the one stopped. */
export async function startQueueMain(context: E2eContext): Promise<N8nServer> {
	const main = await context.n8n.start();
	Object.assign(context.queue!, { main });
	return main;
}

/** How many times each worker of a queue-mode n8n started execution `runId`, fewest first. */
export function startsPerWorker(queue: QueueInstance, runId: string | number): number[] {
	return queue
		.executionsByWorker()
		.map(({ started }) => started.filter((id) => id === String(runId)).length)
		.sort();
}
