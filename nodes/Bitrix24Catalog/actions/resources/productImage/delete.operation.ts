import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import type { Bitrix24Call } from '../../../transport';
import { saysMissing } from '../../../transport/errors';
import { TRUE_RESULT } from '../../resultShape';
import type { ItemContext, Operation, Plan } from '../../operation';

/** Deleting one image, as Delete and Delete All send it. */
export function deleteImageCall(productId: number, imageId: number): Bitrix24Call {
	return {
		method: 'catalog.productImage.delete',
		params: { productId, id: imageId },
		// A retry after a lost answer that finds the image gone: the first attempt deleted it.
		resultOfFailure: (failure, uncertain) =>
			uncertain && saysMissing(failure, 'image') ? true : undefined,
	};
}

export const deleteImage: Operation<undefined> = {
	methods: ['catalog.productImage.delete'],
	build(this: IExecuteFunctions, itemIndex: number): Plan<undefined> {
		const call = deleteImageCall(
			readId(this, 'productId', 'Product ID', itemIndex),
			readId(this, 'imageId', 'Image ID', itemIndex),
		);
		return { call, input: undefined };
	},
	resultShape: TRUE_RESULT,
	toItems(_result: unknown, _input: undefined, { itemIndex }: ItemContext): INodeExecutionData[] {
		return [{ json: { result: true }, pairedItem: { item: itemIndex } }];
	},
};
