import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, credentials } from './authentication';
import type { Bitrix24Authentication } from './transport';
import { carriesApplicationToken, sameSecret } from './trigger/authenticity';
import { eventsProperty, PRODUCT_DETAIL_EVENTS } from './trigger/events';
import type { ReceivedEvent } from './trigger/eventPayload';
import { eventItem, eventSubject, readEvent } from './trigger/eventPayload';
import {
	DEFAULT_PRODUCT_FIELDS,
	fetchProduct,
	parseFieldList,
	productDetailProperties,
} from './trigger/productDetails';
import { sharingCredentialReads } from './trigger/sharedCredentialReads';
import type { Subscription } from './trigger/subscription';
import { subscription } from './trigger/subscription';

/** What the nodes panel says of the node and its trigger together. */
const TRIGGER_DESCRIPTION =
	'Work with the Bitrix24 catalog (products, prices, stock, inventory documents, images) and start workflows when products, prices, price types, measures or rounding rules change';

export class Bitrix24CatalogTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Catalog Trigger',
		name: 'bitrix24CatalogTrigger',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['trigger'],
		// Version 2 behaves as 1 does. n8n evaluates an expression for every request to a start node
		// of version 1 before reading its body (webhook-helpers.ts, parseRequestBody), which under its
		// sandboxed expression engine costs more than the trigger's own work; from 2 on it does not.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		// n8n's nodes panel lists this trigger and the Bitrix24 Catalog node as one entry, with this
		// description (n8n-io/n8n, editor-ui nodeCreator/composables/useActionsGeneration.ts,
		// generateMergedNodesAndActions): it speaks for both.
		description: TRIGGER_DESCRIPTION,
		defaults: { name: 'Bitrix24 Catalog Trigger' },
		eventTriggerDescription: 'Waiting for you to change the catalog in Bitrix24',
		activationMessage: 'Changes in the Bitrix24 catalog now start this workflow.',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			authenticationProperty,
			{
				displayName:
					'A webhook cannot subscribe to events, so set up an outgoing webhook in Bitrix24: open Applications → Developer resources → Other → Outgoing webhook. Paste this node\'s Production URL (under Webhook URLs above; the Test URL while you try the workflow out) into "URL of your handler", choose the same events as below (the list shows each event\'s code, such as CATALOG.PRODUCT.ON.UPDATE, under its name), save, and copy the Application Token Bitrix24 shows into the Application Token field of the Bitrix24 Webhook API credential, where n8n keeps it encrypted.',
				name: 'outgoingWebhookNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['webhook'] } },
			},
			{
				displayName: 'Application Token (Saved in Workflow)',
				name: 'applicationToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					"Leave empty and put the token in the credential instead: a token here is saved in the workflow and goes with every export or shared copy of it. Still accepted, for triggers set up this way. Events carrying neither token are refused (401) and start nothing.",
				displayOptions: { show: { authentication: ['webhook'] } },
			},
			{
				displayName:
					'With OAuth2 the trigger subscribes itself (event.bind) when the workflow is activated or listens for a test event, and unsubscribes (event.unbind) when it stops. The n8n URL must be reachable from Bitrix24.',
				name: 'oAuth2Notice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
			eventsProperty,
			...productDetailProperties(PRODUCT_DETAIL_EVENTS),
		],
	};

	webhookMethods = { default: subscription };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const authentication = this.getNodeParameter(
			'authentication',
			'webhook',
		) as Bitrix24Authentication;
		const received = readEvent(this.getBodyData());
		const context = sharingCredentialReads(this);
		if (!received || !(await isFromPortal(context, authentication, received))) {
			// Answered without starting an execution: a forged or stray request leaves no trace in n8n.
			const proof = authentication === 'oAuth2' ? 'handler key in the URL' : 'application token';
			answer(this, 401, {
				message: `Not a Bitrix24 event for this trigger: the ${proof} does not match`,
			});
			return { noWebhookResponse: true };
		}
		const events = this.getNodeParameter('events', []) as string[];
		// An outgoing webhook may send more events than this trigger listens to.
		if (!events.includes(received.event)) {
			return {
				webhookResponse: { message: `Event ${received.event} is not selected in this trigger` },
			};
		}
		const subject = eventSubject(received);
		if ('problem' in subject) {
			// Bitrix24 sends an event once and reads no answer: acknowledged, and said in n8n's log.
			const problem = `${subject.field} ${subject.problem}`;
			this.logger.warn(
				`Bitrix24 Catalog Trigger "${this.getNode().name}" ignored a ${received.event} event: ${problem}`,
				{ workflowId: this.getWorkflow().id, field: subject.field },
			);
			return { webhookResponse: { message: `Event ${received.event} ignored: ${problem}` } };
		}
		const item = eventItem(received, subject);
		if (
			!PRODUCT_DETAIL_EVENTS.includes(received.event) ||
			!(this.getNodeParameter('includeProduct', true) as boolean)
		) {
			return { workflowData: [this.helpers.returnJsonArray(item)] };
		}
		// Bitrix24 waits for the answer and sends an event only once, while getting the product may
		// wait for the portal's rate limit: the event is acknowledged first.
		answer(this, 200, { message: 'Workflow was started' });
		const fields = parseFieldList(
			this.getNodeParameter('productFields', DEFAULT_PRODUCT_FIELDS) as string,
		);
		const product = await fetchProduct.call(
			context,
			authentication,
			subject.id,
			subject.type,
			fields,
		);
		item.product = product ?? null;
		if (!product) item.productNotFound = true;
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(item)] };
	}
}

function answer(context: IWebhookFunctions, status: number, body: IDataObject): void {
	const response = context.getResponseObject();
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

/**
 * A webhook's events carry the outgoing webhook's application token: the one in the credential,
 * or in the trigger as it was set up before. With OAuth2 the trigger bound a handler URL holding
 * a key of its own (an app learns its application token only at install time), so the key in
 * the URL is what proves the call came from the portal.
 */
async function isFromPortal(
	context: IWebhookFunctions,
	authentication: Bitrix24Authentication,
	received: ReceivedEvent,
): Promise<boolean> {
	if (authentication === 'oAuth2') {
		const { handlerKey = '' } = context.getWorkflowStaticData('node') as Subscription;
		const key = context.getQueryData() as IDataObject;
		return sameSecret(typeof key.key === 'string' ? key.key : undefined, handlerKey);
	}
	return await carriesApplicationToken(context, received.auth.application_token);
}
