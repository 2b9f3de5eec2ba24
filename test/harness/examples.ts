/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling, never shipped */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INode } from 'n8n-workflow';

import type { Bitrix24Emulator } from '../emulator';
import { PACKAGE_ROOT } from '../n8n/userFolder';
import { TRIGGER_TYPE } from './typeNames';
import type { WorkflowJson } from './workflowHost';

const EXAMPLES = join(PACKAGE_ROOT, 'examples');

/** An example workflow as the user imports it. */
export function loadExample(file: string): WorkflowJson {
	return JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson;
}

/** Every workflow shipped in examples/. */
export function exampleWorkflows(): WorkflowJson[] {
	return readdirSync(EXAMPLES)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map(loadExample);
}

/**
 * What a user does for each Bitrix24 Catalog Trigger of a workflow with a webhook credential: an
 * outgoing webhook in the portal for the trigger's events, to the URL n8n gives the trigger, and
 * the application token Bitrix24 generated pasted into the trigger. `tokenOf` fixes the token
 * (by default the portal makes a random one).
 */
export function connectTriggers(
	workflow: WorkflowJson,
	emulator: Bitrix24Emulator,
	urlOf: (trigger: INode) => string,
	tokenOf?: (trigger: INode) => string,
): WorkflowJson {
	const nodes = workflow.nodes.map((node) => {
		if (node.type !== TRIGGER_TYPE || node.parameters.authentication !== 'webhook') return node;
		const events = node.parameters.events as string[];
		const hook = emulator.events.addOutgoingWebhook(urlOf(node), events, tokenOf?.(node));
		return { ...node, parameters: { ...node.parameters, applicationToken: hook.applicationToken } };
	});
	return { ...workflow, nodes };
}
