import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId } from '../../helpers/ids';
import { readWholeNumber } from '../../helpers/wholeNumber';
import type { Bitrix24Call } from '../../transport';
import type { ItemContext } from '../operation';
import { IMAGE_FIELDS, IMAGE_LIST_ANSWER, unwrapImages } from './image';

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

/** Limit of one item (none with Return All), checked before anything is sent. */
function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return readWholeNumber(context, 'limit', 'Limit', itemIndex, {
		min: 1,
		description: 'The most images to return, a whole number, 1 or more.',
	});
}

export function build(this: IExecuteFunctions, itemIndex: number): Bitrix24Call {
	readLimit(this, itemIndex);
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

export const answer = IMAGE_LIST_ANSWER;

export function toItems(this: IExecuteFunctions, result: unknown, { itemIndex }: ItemContext): INodeExecutionData[] {
	const images = unwrapImages(result).slice(0, readLimit(this, itemIndex));
	return images.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
