import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { HttpRequest } from 'n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node';
import { If } from 'n8n-nodes-base/dist/nodes/If/If.node';
import { ManualTrigger } from 'n8n-nodes-base/dist/nodes/ManualTrigger/ManualTrigger.node';
import { RespondToWebhook } from 'n8n-nodes-base/dist/nodes/RespondToWebhook/RespondToWebhook.node';
import { Set } from 'n8n-nodes-base/dist/nodes/Set/Set.node';
import { SplitOut } from 'n8n-nodes-base/dist/nodes/Transform/SplitOut/SplitOut.node';
import { Webhook } from 'n8n-nodes-base/dist/nodes/Webhook/Webhook.node';

import { Bitrix24Catalog } from '../../nodes/Bitrix24Catalog/Bitrix24Catalog.node';
import { Bitrix24CatalogOfflineTrigger } from '../../nodes/Bitrix24Catalog/Bitrix24CatalogOfflineTrigger.node';
import { Bitrix24CatalogTrigger } from '../../nodes/Bitrix24Catalog/Bitrix24CatalogTrigger.node';

import { NODE_TYPE, OFFLINE_TRIGGER_TYPE, TRIGGER_TYPE } from './typeNames';

const registry: Record<string, INodeType | IVersionedNodeType> = {
	[NODE_TYPE]: new Bitrix24Catalog(),
	[TRIGGER_TYPE]: new Bitrix24CatalogTrigger(),
	[OFFLINE_TRIGGER_TYPE]: new Bitrix24CatalogOfflineTrigger(),
	// n8n's own nodes that the example workflows use, as n8n ships them.
	'n8n-nodes-base.httpRequest': new HttpRequest(),
	'n8n-nodes-base.if': new If(),
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'n8n-nodes-base.respondToWebhook': new RespondToWebhook(),
	'n8n-nodes-base.set': new Set(),
	'n8n-nodes-base.splitOut': new SplitOut(),
	'n8n-nodes-base.webhook': new Webhook() as unknown as INodeType,
};

/** The node types a test workflow may use, under the names n8n gives them. */
export const nodeTypes: INodeTypes = {
	getByName(type: string): INodeType | IVersionedNodeType {
		return registry[type];
	},
	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(registry[type], version);
	},
	getKnownTypes(): IDataObject {
		return Object.fromEntries(Object.keys(registry).map((type) => [type, {}]));
	},
};
