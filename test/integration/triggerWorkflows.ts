import type { INodeParameters } from 'n8n-workflow';

import { formEncode } from '../emulator';
import { TRIGGER_TYPE } from '../harness/typeNames';
import type { WorkflowJson } from '../harness/workflowHost';
import type { Authentication } from '../harness/nodeInputs';
import { webhookCredentials } from '../harness/nodeInputs';
import { nodeOutput, usePortal, useWorkflowHost } from './fixtures';

/** What the trigger tests share: the workflow with the trigger, deliveries, one portal and one n8n. */

export const TRIGGER = 'Bitrix24 Catalog Trigger';
export const UPDATED = 'CATALOG.PRODUCT.ON.UPDATE';

/**
 * The test file's portal and n8n, the trigger's item of the first execution they ran, and a trigger
 * whose token is in the credential.
 */
export function useTriggerHost() {
	const portal = usePortal();
	const hosting = useWorkflowHost(portal);

	/** The trigger's item of the first execution, once the portal's deliveries are answered. */
	async function firstDeliveredItem() {
		return nodeOutput((await hosting.firstExecution()).run, TRIGGER)[0];
	}

	/** The trigger fed by an outgoing webhook whose application token is in the credential. */
	async function withTokenInCredential(parameters: INodeParameters = {}, typeVersion = 1) {
		const { emulator } = portal;
		const { host, credentialsHelper } = hosting;
		const json = triggerWorkflow('webhook', { events: [UPDATED], ...parameters });
		json.nodes[0].typeVersion = typeVersion;
		const url = host.webhookUrl(json, TRIGGER);
		const hook = emulator.events.addOutgoingWebhook(url, [UPDATED]);
		credentialsHelper.set('bitrix24WebhookApi', {
			...webhookCredentials(emulator).bitrix24WebhookApi,
			applicationToken: hook.applicationToken,
		});
		await host.activate(json);
		return { json, url, hook };
	}

	return { portal, hosting, firstDeliveredItem, withTokenInCredential };
}

/** A workflow of one Bitrix24 Catalog Trigger with the credential of the given kind. */
export function triggerWorkflow(
	authentication: Authentication,
	parameters: INodeParameters,
): WorkflowJson {
	return {
		id: 'trigger-workflow',
		name: 'Catalog trigger',
		nodes: [
			{
				id: 'a3d3c1f2-64f5-4c55-9a1e-7b0c3f1d2e01',
				name: TRIGGER,
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: '5b7f0c2e-2f4b-4c1e-8f7a-0e9d8c7b6a01',
				parameters: { authentication, ...parameters },
				credentials:
					authentication === 'webhook'
						? { bitrix24WebhookApi: { id: 'webhook-id', name: 'Bitrix24 webhook' } }
						: { bitrix24OAuth2Api: { id: 'oauth2-id', name: 'Bitrix24 OAuth2' } },
			},
		],
		connections: {},
	};
}

/** A delivery the way Bitrix24 posts it; `auth` is an outgoing webhook's. */
export function deliveryForm(
	event: string,
	fields: Record<string, number | string>,
	applicationToken: string,
) {
	return formEncode({
		event,
		event_handler_id: 3,
		data: { FIELDS: fields },
		ts: 1714649632,
		auth: {
			domain: 'acme.bitrix24.com',
			client_endpoint: 'https://acme.bitrix24.com/rest/',
			server_endpoint: 'https://oauth.bitrix.info/rest/',
			member_id: 'a223c6b3710f85df22e9377d6c4f7553',
			application_token: applicationToken,
		},
	});
}
