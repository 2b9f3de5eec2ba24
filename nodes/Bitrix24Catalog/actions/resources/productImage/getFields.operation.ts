import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { objectResult } from '../../resultShape';
import type { ItemContext, Plan } from '../../operation';

export const description: INodeProperties[] = [];

export const methods = ['catalog.productImage.getFields'];

export function build(): Plan<undefined> {
	return { call: { method: 'catalog.productImage.getFields', params: {} }, input: undefined };
}

/** `{ productImage: { field: {type, isRequired, ...}, ... } }`: the fields have no ID. */
export const resultShape = objectResult('productImage', false);

export function toItems(
	result: unknown,
	_input: undefined,
	{ itemIndex }: ItemContext,
): INodeExecutionData[] {
	const fields = (result as { productImage: IDataObject }).productImage;
	return [{ json: fields, pairedItem: { item: itemIndex } }];
}
