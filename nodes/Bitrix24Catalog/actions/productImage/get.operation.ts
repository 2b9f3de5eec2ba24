import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId } from '../../helpers/ids';
import type { Bitrix24Call } from '../../transport';
import type { ItemContext } from '../operation';
import { IMAGE_ANSWER, unwrapImage } from './image';

export const description: INodeProperties[] = [];

export function build(this: IExecuteFunctions, itemIndex: number): Bitrix24Call {
	return {
		method: 'catalog.productImage.get',
		params: {
			productId: readId(this, 'productId', 'Product ID', itemIndex),
			id: readId(this, 'imageId', 'Image ID', itemIndex),
		},
	};
}

export const answer = IMAGE_ANSWER;

export function toItems(result: unknown, { itemIndex }: ItemContext): INodeExecutionData[] {
	return [{ json: unwrapImage(result), pairedItem: { item: itemIndex } }];
}
