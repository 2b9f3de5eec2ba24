import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import type { Bitrix24Call } from '../../../transport';
import type { ItemContext, Operation, Plan } from '../../operation';
import { IMAGE_RESULT, unwrapImage } from './image';

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

export const getImage: Operation<undefined> = {
	methods: ['catalog.productImage.get'],
	build(this: IExecuteFunctions, itemIndex: number): Plan<undefined> {
		return { call: getImageCall(this, itemIndex), input: undefined };
	},
	resultShape: IMAGE_RESULT,
	toItems(result: unknown, _input: undefined, { itemIndex }: ItemContext): INodeExecutionData[] {
		return [{ json: unwrapImage(result), pairedItem: { item: itemIndex } }];
	},
};
