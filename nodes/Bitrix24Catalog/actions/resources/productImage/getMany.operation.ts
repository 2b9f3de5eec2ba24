import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import { limitFields, readLimit } from '../../kit/list';
import type { ItemContext, Operation, Plan } from '../../operation';
import { IMAGE_FIELDS, IMAGE_LIST_RESULT, unwrapImages } from './image';

const shown = { show: { resource: ['productImage'], operation: ['getMany'] } };

/** The most images to output; undefined with Return All. */
type Limit = number | undefined;

export const getManyImages: Operation<Limit> = {
	description: [
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
	],
	methods: ['catalog.productImage.list'],
	build(this: IExecuteFunctions, itemIndex: number): Plan<Limit> {
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
	},
	resultShape: IMAGE_LIST_RESULT,
	toItems(result: unknown, limit: Limit, { itemIndex }: ItemContext): INodeExecutionData[] {
		const images = unwrapImages(result).slice(0, limit);
		return images.map((json) => ({ json, pairedItem: { item: itemIndex } }));
	},
};
