import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import type { Bitrix24Call } from '../../../transport';
import { saysMissing } from '../../../transport/errors';
import { TRUE_RESULT } from '../../resultShape';
import type { ItemContext, Plan } from '../../operation';

export const description: INodeProperties[] = [];

export const methods = ['catalog.productImage.delete'];

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

export function build(this: IExecuteFunctions, itemIndex: number): Plan<undefined> {
	const call = deleteImageCall(
		readId(this, 'productId', 'Product ID', itemIndex),
		readId(this, 'imageId', 'Image ID', itemIndex),
	);
	return { call, input: undefined };
}

export const resultShape = TRUE_RESULT;

export function toItems(
	_result: unknown,
	_input: undefined,
	{ itemIndex }: ItemContext,
): INodeExecutionData[] {
	return [{ json: { result: true }, pairedItem: { item: itemIndex } }];
}
