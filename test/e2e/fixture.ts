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
import { NODE_TYPE } from '../harness/typeNames';
import type { WorkflowJson } from '../harness/workflowHost';
import { DEMO_CREDENTIAL_ID } from '../n8n/demo';
import { N8n } from '../n8n/n8n';
import type { N8nServer } from '../n8n/n8n';
import { ensureRuntime, N8N_2, selectedRelease } from '../n8n/runtime';
import { installedPackageRecord, installPackage, PACKAGE_ROOT } from '../n8n/userFolder';

/** Screenshots and other results; each n8n line's run keeps its own. */
const release = selectedRelease();
export const RESULTS_DIR = join(PACKAGE_ROOT, 'test-results', release === N8N_2 ? 'e2e' : `e2e-n8n-${release.n8n}`);

/** The demo's credential ID, the one the shipped workflows name: they are imported unchanged. */
export const WEBHOOK_CREDENTIAL = { id: DEMO_CREDENTIAL_ID, name: 'Bitrix24 webhook (e2e)' };
export const OAUTH2_CREDENTIAL = { id: 'e2eOAuth2Cred001', name: 'Bitrix24 OAuth2 (e2e)' };

export interface E2eContext {
	emulator: Bitrix24Emulator;
	n8n: N8n;
	server?: N8nServer;
}

/**
 * A throw-away n8n user folder with the package installed, the emulator as its portal and
 * both credential types imported; everything is removed afterwards, even after a failure.
 * `portal`: how the emulator starts (`catalogDemo` for products of every kind with properties).
 */
export function useN8n(port: number, portal: Pick<EmulatorOptions, 'catalogDemo'> = {}): E2eContext {
	const context = {} as E2eContext;
	let userFolder = '';
	const log = (line: string) => process.stdout.write(`${line}\n`);

	beforeAll(async () => {
		const runtime = await ensureRuntime(log);
		context.emulator = await Bitrix24Emulator.start(portal);
		userFolder = mkdtempSync(join(tmpdir(), 'n8n-bitrix24-e2e-'));
		await installPackage(userFolder);
		context.n8n = new N8n(runtime, userFolder, port);
		const { emulator } = context;
		await context.n8n.importCredentials([
			{ ...WEBHOOK_CREDENTIAL, type: 'bitrix24WebhookApi', data: webhookCredentials(emulator).bitrix24WebhookApi },
			{ ...OAUTH2_CREDENTIAL, type: 'bitrix24OAuth2Api', data: oauth2Credentials(emulator).bitrix24OAuth2Api },
		]);
		await context.n8n.recordInstalledPackage(installedPackageRecord());
		mkdirSync(RESULTS_DIR, { recursive: true });
	});

	afterAll(async () => {
		await context.server?.stop();
		await context.emulator?.stop();
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	});

	return context;
}

/** A node of a workflow, without the ID and position the workflow gives it. */
export type WorkflowNode = Omit<INode, 'id' | 'position'>;

/** A Bitrix24 Catalog node named `name`, with the e2e credential its authentication takes. */
export function catalogNode(name: string, parameters: INodeParameters): WorkflowNode {
	const credentials: INodeCredentials =
		parameters.authentication === 'oAuth2'
			? { bitrix24OAuth2Api: OAUTH2_CREDENTIAL }
			: { bitrix24WebhookApi: WEBHOOK_CREDENTIAL };
	return { name, type: NODE_TYPE, typeVersion: 1, parameters, credentials };
}

/** A workflow started by hand (node "Start") whose nodes then run one after the other. */
export function manualWorkflow(id: string, name: string, steps: WorkflowNode[]): WorkflowJson & { active: false } {
	const start: WorkflowNode = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
	const nodes = [start, ...steps].map((node, index) => ({ ...node, id: `${id}-${index}`, position: [index * 240, 0] as [number, number] }));
	const connections = Object.fromEntries(
		nodes.slice(1).map((node, index) => [nodes[index].name, { main: [[{ node: node.name, type: NodeConnectionTypes.Main, index: 0 }]] }]),
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
		catalogNode('Delete product image', deleteParameters(authentication, String(productId), String(imageId))),
	]);
}

/** Runs a test step; if it fails, n8n's log tail goes with the error. */
export async function withN8nLog<T>(context: E2eContext, step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} catch (error) {
		if (context.server) (error as Error).message += `\n\nn8n log (last lines):\n${context.server.logTail()}`;
		throw error;
	}
}
