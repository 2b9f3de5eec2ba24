import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as del from './delete.operation';

export const operations: Record<string, Operation> = {
	delete: del,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['productImage'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Remove an image from a product, variation or service',
				action: 'Delete a product image',
			},
		],
		default: 'delete',
	},
	...del.description,
];
