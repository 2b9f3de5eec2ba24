import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import type { Bitrix24Call } from '../../../transport';
import type { ItemContext, Plan } from '../../operation';
import { IMAGE_RESULT, unwrapImage } from './image';

export const description: INodeProperties[] = [];

export const methods = ['catalog.productImage.get'];

export function build(this: IExecuteFunctions, itemIndex: number): Plan<undefined> {
	return { call: getImageCall(this, itemIndex), input: undefined };
}

/** Getting one image, as Get and Download send it. */
export function getImageCall(context: IExecuteFunctions, itemIndex: number): Bitrix24Call {
	return {
		method: 'catalog.productImage.get',
		params: {
			productId: readId(context, 'productId', 'Product ID', itemIndex),
			id: readId(context, 'imageId', 'Image ID', itemIndex),
		},
	};
}

export const resultShape = IMAGE_RESULT;

export function toItems(
	result: unknown,
	_input: undefined,
	{ itemIndex }: ItemContext,
): INodeExecutionData[] {
	return [{ json: unwrapImage(result), pairedItem: { item: itemIndex } }];
}
