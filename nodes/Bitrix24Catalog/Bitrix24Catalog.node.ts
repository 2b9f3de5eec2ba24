import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/description';
import { builderHint } from './actions/guide';
import { credentials } from './authentication';
import { router } from './actions/router';
import { operationSubtitle } from './helpers/subtitle';
import { methods } from './methods';

export class Bitrix24Catalog implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Catalog',
		name: 'bitrix24Catalog',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Work with the Bitrix24 catalog: products, prices, stock, inventory documents, images and more',
		defaults: { name: 'Bitrix24 Catalog' },
		usableAsTool: true,
		builderHint,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		properties,
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
