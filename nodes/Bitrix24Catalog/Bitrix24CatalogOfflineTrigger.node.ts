import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { eventsProperty, PRODUCT_DETAIL_EVENTS } from './trigger/events';
import { pollOfflineQueue } from './trigger/offlineQueue';
import { productDetailProperties } from './trigger/productDetails';

/**
 * The catalog's changes from Bitrix24's offline queue, polled: no public n8n URL needed. A node
 * of its own, as n8n treats every node type that has a poll method as a poller (and adds the
 * Poll Times parameter to it), whatever its parameters say.
 */
export class Bitrix24CatalogOfflineTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Catalog Offline Trigger',
		name: 'bitrix24CatalogOfflineTrigger',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			"Polls the Bitrix24 catalog's offline queue for changed products, prices, price types, measures or rounding rules: no public n8n URL needed, and no change is lost",
		defaults: { name: 'Bitrix24 Catalog Offline Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bitrix24OAuth2Api', required: true }],
		properties: [
			{
				displayName:
					'Bitrix24 keeps each changed record in a queue for this app; every poll takes up to 2,450 of them, one item per record and event, and confirms them once n8n has them. Needs the Bitrix24 OAuth2 API credential of an administrator and a plan with offline events.',
				name: 'offlineNotice',
				type: 'notice',
				default: '',
			},
			eventsProperty,
			{
				// n8n writes its own name in lower case, also in titles.
				// eslint-disable-next-line n8n-nodes-base/node-param-display-name-miscased
				displayName: 'Ignore Changes Made by n8n',
				name: 'ignoreOwnChanges',
				type: 'boolean',
				default: false,
				description:
					"Whether to leave out changes made by n8n's Bitrix24 Catalog nodes with an OAuth2 credential of the same Bitrix24 application, so that a workflow that updates a product does not start itself. Bitrix24 keeps a queue of its own for each setting: changing it starts from an empty queue.",
			},
			...productDetailProperties(PRODUCT_DETAIL_EVENTS),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollOfflineQueue(this);
	}
}
