/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test tooling, never shipped */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Bitrix24Emulator } from '../emulator';
import type { Authentication } from '../harness/nodeInputs';
import { deleteParameters, oauth2Credentials, webhookCredentials } from '../harness/nodeInputs';
import { NODE_TYPE } from '../harness/typeNames';
import { DEMO_CREDENTIAL_ID } from '../n8n/demo';
import { N8n } from '../n8n/n8n';
import type { N8nServer } from '../n8n/n8n';
import { ensureRuntime } from '../n8n/runtime';
import { installedPackageRecord, installPackage, PACKAGE_ROOT } from '../n8n/userFolder';

export const RESULTS_DIR = join(PACKAGE_ROOT, 'test-results', 'e2e');

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
 */
export function useN8n(port: number): E2eContext {
	const context = {} as E2eContext;
	let userFolder = '';
	const log = (line: string) => process.stdout.write(`${line}\n`);

	beforeAll(async () => {
		const runtime = await ensureRuntime(log);
		context.emulator = await Bitrix24Emulator.start();
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

/** A workflow with a manual trigger and one Bitrix24 Catalog node deleting one image. */
export function deleteWorkflow(
	id: string,
	name: string,
	productId: number,
	imageId: number,
	authentication: Authentication = 'webhook',
) {
	const credential =
		authentication === 'webhook'
			? { bitrix24WebhookApi: WEBHOOK_CREDENTIAL }
			: { bitrix24OAuth2Api: OAUTH2_CREDENTIAL };
	return {
		id,
		name,
		active: false,
		nodes: [
			{ id: `${id}-t`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-d`,
				name: 'Delete product image',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: deleteParameters(authentication, String(productId), String(imageId)),
				credentials: credential,
			},
		],
		connections: { Start: { main: [[{ node: 'Delete product image', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
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
