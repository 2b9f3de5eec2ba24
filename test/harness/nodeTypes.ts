import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Bitrix24Catalog } from '../../nodes/Bitrix24Catalog/Bitrix24Catalog.node';

export const NODE_TYPE = 'n8n-nodes-bitrix24-catalog.bitrix24Catalog';

const registry: Record<string, INodeType> = {
	[NODE_TYPE]: new Bitrix24Catalog(),
};

/** The node types a test workflow may use: this package's nodes, under the names n8n gives them. */
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
