import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId } from '../../helpers/ids';
import type { Bitrix24Call } from '../../transport';
import type { ItemContext } from '../operation';
import { IMAGE_FIELDS, unwrapImages } from './image';

const shown = { show: { resource: ['productImage'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: shown,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...shown.show, returnAll: [false] } },
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: [],
		description: 'The fields to return for each image; all when none is chosen',
		options: IMAGE_FIELDS.map((field) => ({ name: field, value: field })),
		displayOptions: shown,
	},
];

export function build(this: IExecuteFunctions, itemIndex: number): Bitrix24Call {
	const fields = this.getNodeParameter('fields', itemIndex, []) as string[];
	return {
		method: 'catalog.productImage.list',
		params: {
			productId: readId(this, 'productId', 'Product ID', itemIndex),
			// Never ask for downloadUrl: it carries the caller's secret.
			select: fields.length > 0 ? fields : [...IMAGE_FIELDS],
		},
	};
}

export function toItems(this: IExecuteFunctions, result: unknown, { itemIndex }: ItemContext): INodeExecutionData[] {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
	const images = unwrapImages(result);
	return (returnAll ? images : images.slice(0, limit)).map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
