import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import { readWholeNumber } from '../../../helpers/wholeNumber';
import type { ItemContext, Plan } from '../../operation';
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

/** The most images to output; undefined with Return All. */
type Limit = number | undefined;

export function build(this: IExecuteFunctions, itemIndex: number): Plan<Limit> {
	const limit = readLimit(this, itemIndex);
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

export const answer = IMAGE_LIST_ANSWER;

export function toItems(result: unknown, limit: Limit, { itemIndex }: ItemContext): INodeExecutionData[] {
	const images = unwrapImages(result).slice(0, limit);
	return images.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
