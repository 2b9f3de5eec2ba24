import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as productImage from './actions/productImage';
import { authenticationProperty, credentials } from './authentication';
import { router } from './actions/router';
import { operationSubtitle } from './helpers/subtitle';
import { searchProductImages, searchProducts } from './methods/listSearch';
import { DEFAULT_TIMEOUT_MS } from './transport';

const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Product Image', value: 'productImage' }],
		default: 'productImage',
	},
	...productImage.description,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Batch Requests',
				name: 'batching',
				type: 'boolean',
				default: true,
				description:
					"Whether to send many items' calls together, up to 50 in one request (Bitrix24's batch), instead of one request per item. Much faster on large runs; uploads always go one by one.",
			},
			{
				displayName: 'Bitrix24 Plan',
				name: 'plan',
				type: 'options',
				options: [
					{
						name: 'Standard',
						value: 'standard',
						description: 'Up to 50 requests at once, then 2 per second',
					},
					{
						name: 'Enterprise',
						value: 'enterprise',
						description: 'Up to 250 requests at once, then 5 per second',
					},
				],
				default: 'standard',
				description:
					"The portal's plan, which sets how fast the node may send requests without being refused",
			},
			{
				displayName: 'Max Wait for Limits (Seconds)',
				name: 'maxLimitWait',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description:
					'How long one call may wait in all for retries after rate limits, dropped connections or server errors before its item fails',
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: DEFAULT_TIMEOUT_MS,
				description:
					'How long to wait for Bitrix24 to answer one request, in milliseconds, before the item fails',
			},
		],
	},
];

export class Bitrix24Catalog implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Catalog',
		name: 'bitrix24Catalog',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description: 'Upload, list, download and delete the images of products in the Bitrix24 catalog',
		defaults: { name: 'Bitrix24 Catalog' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		properties,
	};

	methods = {
		listSearch: { searchProducts, searchProductImages },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
