import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as productImage from './actions/productImage';
import { router } from './actions/router';
import { searchProductImages, searchProducts } from './methods/listSearch';
import { DEFAULT_TIMEOUT_MS } from './transport';

export class Bitrix24Catalog implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Catalog',
		name: 'bitrix24Catalog',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Upload, list, download and delete the images of products in the Bitrix24 catalog',
		defaults: { name: 'Bitrix24 Catalog' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'bitrix24WebhookApi',
				required: true,
				displayOptions: { show: { authentication: ['webhook'] } },
			},
			{
				name: 'bitrix24OAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Webhook', value: 'webhook' },
					{ name: 'OAuth2', value: 'oAuth2' },
				],
				default: 'webhook',
			},
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
		],
	};

	methods = {
		listSearch: { searchProducts, searchProductImages },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
