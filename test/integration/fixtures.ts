import type {
	IDataObject,
	INodeParameters,
	IRun,
} from 'n8n-workflow';

import { Bitrix24Emulator } from '../emulator';
export { batchCommands } from '../harness/batches';
import { TestCredentialsHelper } from '../harness/credentialsHelper';
import { forgetPortalLimit } from '../harness/testSeam';
import { WorkflowHost } from '../harness/workflowHost';
import type { RunOptions } from '../harness/runNode';
import { runNode } from '../harness/runNode';
import type { Authentication } from '../harness/nodeInputs';
import {
	credentialsFor,
	deleteParameters,
	oauth2Credentials,
	productImageParameters,
	webhookCredentials,
} from '../harness/nodeInputs';

/** One emulated portal per test file, back to its demo state before each test. */
export function usePortal(options: Parameters<typeof Bitrix24Emulator.start>[0] = {}) {
	const context = { emulator: undefined as unknown as Bitrix24Emulator };
	beforeAll(async () => {
		context.emulator = await Bitrix24Emulator.start(options);
	});
	beforeEach(() => {
		context.emulator.reset();
		// The portal's counter starts empty again: so does the node's picture of it.
		forgetPortalLimit(new URL(context.emulator.webhookUrl()).origin);
	});
	afterAll(async () => await context.emulator.stop());
	return context;
}

/**
 * Runs any resource's operation against the test file's portal: `run(resource, operation,
 * parameters, items?, onError?)`.
 */
export function resourceRunner(
	portal: { emulator: Bitrix24Emulator },
	authentication: Authentication,
) {
	return async (
		resource: string,
		operation: string,
		extra: INodeParameters,
		items?: Array<Record<string, unknown>>,
		onError?: RunOptions['onError'],
	) =>
		await runNode({
			parameters: { authentication, resource, operation, ...extra } as INodeParameters,
			credentials: credentialsFor(portal.emulator, authentication),
			items,
			onError,
		});
}

/** Options that make the first failure final, for tests about how a failure reads. */
export const NO_RETRIES = { options: { maxLimitWait: 0 } };

/** Runs a Product Image operation against the portal with a credential of the given kind. */
export async function runOperation(
	emulator: Bitrix24Emulator,
	authentication: Authentication,
	operation: string,
	extra: INodeParameters = {},
	options: Partial<RunOptions> = {},
) {
	return await runNode({
		parameters: productImageParameters(authentication, operation, extra),
		credentials: credentialsFor(emulator, authentication),
		...options,
	});
}

export async function runDelete(
	emulator: Bitrix24Emulator,
	authentication: Authentication,
	productId: unknown,
	imageId: unknown,
	options: Partial<RunOptions> = {},
	extra: INodeParameters = {},
) {
	return await runNode({
		parameters: deleteParameters(authentication, productId, imageId, extra),
		credentials: credentialsFor(emulator, authentication),
		...options,
	});
}

/** Deletes the image each item names in its `product` and `image` fields. */
export async function runItemDeletes(
	emulator: Bitrix24Emulator,
	authentication: Authentication,
	items: IDataObject[],
	options: Partial<RunOptions> = {},
	extra: INodeParameters = {},
) {
	return await runDelete(
		emulator,
		authentication,
		'={{ $json.product }}',
		'={{ $json.image }}',
		{ items, ...options },
		extra,
	);
}

/** The parameters of every delete that reached the portal, alone or as a command of a batch. */
export function deleteBodies(emulator: Bitrix24Emulator) {
	return emulator.restCalls().flatMap((call) => {
		if (call.restMethod === 'catalog.productImage.delete') return [call.params];
		if (call.restMethod !== 'batch') return [];
		return Object.values(call.params.cmd as Record<string, string>)
			.filter((command) => command.startsWith('catalog.productImage.delete?'))
			.map((command) => {
				const query = new URLSearchParams(command.split('?')[1]);
				return Object.fromEntries([...query].map(([key, value]) => [key, Number(value)]));
			});
	});
}


/**
 * A fresh n8n webhook server for each test, with credentials of both types for `portal`
 * (OAuth2 tokens are issued again after each reset of the portal).
 */
export function useWorkflowHost(portal: { emulator: Bitrix24Emulator }) {
	const context = {
		host: undefined as unknown as WorkflowHost,
		credentialsHelper: undefined as unknown as TestCredentialsHelper,
		/** The first execution, once the portal's event deliveries are answered. */
		async firstExecution() {
			await portal.emulator.events.settled();
			const [execution] = await context.host.executionsDone(1);
			return execution;
		},
	};
	beforeEach(async () => {
		context.credentialsHelper = new TestCredentialsHelper();
		const all = { ...webhookCredentials(portal.emulator), ...oauth2Credentials(portal.emulator) };
		for (const [type, data] of Object.entries(all)) context.credentialsHelper.set(type, data);
		context.host = await WorkflowHost.start(context.credentialsHelper);
	});
	afterEach(async () => await context.host.stop());
	return context;
}

/** The JSON of every item a node output in a run (first run of the node, main output). */
export function nodeOutput(run: IRun | undefined, nodeName: string): IDataObject[] {
	const items = run?.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
	return items.map((item) => item.json);
}
