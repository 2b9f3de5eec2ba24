import type { INodeParameters } from 'n8n-workflow';

import type { Bitrix24Emulator } from '../emulator';
import type { Authentication } from '../harness/nodeInputs';
import { credentialsFor, locator } from '../harness/nodeInputs';
import type { RunOptions } from '../harness/runNode';
import { runNode } from '../harness/runNode';
import { batchCommands, usePortal } from './fixtures';

/** What the Product resource's tests share: runs of the node and what the portal saw of them. */

/** The commands of every batch request, each as `method` and its parameters. */
export function batchedCalls(emulator: Bitrix24Emulator) {
	return batchCommands(emulator).map((commands) =>
		commands.map((command) => {
			const [method, query] = command.split('?');
			return { method, query: decodeURIComponent(query ?? '') };
		}),
	);
}

/** The REST methods the node called, in order (a batch counts once). */
export const methodsCalled = (emulator: Bitrix24Emulator) =>
	emulator.restCalls().map((call) => call.restMethod);

/** A product's property values, as the portal holds them now. */
export async function propertiesOf(
	emulator: Bitrix24Emulator,
	authentication: Authentication,
	id: number,
) {
	const { output } = await runNode({
		parameters: {
			authentication,
			resource: 'product',
			operation: 'get',
			productId: locator(String(id)),
		} as INodeParameters,
		credentials: credentialsFor(emulator, authentication),
	});
	return Object.fromEntries(
		Object.entries(output[0].json).filter(([name]) => name.startsWith('property')),
	);
}

/** The test file's portal (the catalog demo), runs of the Product resource and its editor's calls. */
export function useProductResource(authentication: Authentication) {
	const portal = usePortal({ catalogDemo: true });
	const run = (
		operation: string,
		extra: INodeParameters,
		items?: Array<Record<string, unknown>>,
		more: Partial<RunOptions> = {},
	) =>
		runNode({
			parameters: { authentication, resource: 'product', operation, ...extra } as INodeParameters,
			credentials: credentialsFor(portal.emulator, authentication),
			items,
			...more,
		});
	const editor = (parameters: Record<string, unknown>) => ({
		parameters: { authentication, resource: 'product', ...parameters } as INodeParameters,
		credentials: credentialsFor(portal.emulator, authentication),
	});

	return { portal, run, editor };
}
