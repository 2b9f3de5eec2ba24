import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import { limitFields, readLimit } from '../../kit/list';
import type { ItemContext, Plan } from '../../operation';
import { IMAGE_FIELDS, IMAGE_LIST_RESULT, unwrapImages } from './image';

const shown = { show: { resource: ['productImage'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	...limitFields(shown),
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

export const methods = ['catalog.productImage.list'];

/** The most images to output; undefined with Return All. */
type Limit = number | undefined;

export function build(this: IExecuteFunctions, itemIndex: number): Plan<Limit> {
	const limit = readLimit(this, itemIndex, 'image');
	const fields = this.getNodeParameter('fields', itemIndex, []) as string[];
	const call = {
		method: 'catalog.productImage.list',
		params: {
			productId: readId(this, 'productId', 'Product ID', itemIndex),
			// Never ask for downloadUrl: it carries the caller's secret.
			select: fields.length > 0 ? fields : [...IMAGE_FIELDS],
		},
	};
	return { call, input: limit };
}

export const resultShape = IMAGE_LIST_RESULT;

export function toItems(
	result: unknown,
	limit: Limit,
	{ itemIndex }: ItemContext,
): INodeExecutionData[] {
	const images = unwrapImages(result).slice(0, limit);
	return images.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
