import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Bitrix24Call } from '../../transport';
import { objectAnswer } from '../answer';
import type { ItemContext } from '../operation';

export const description: INodeProperties[] = [];

export function build(): Bitrix24Call {
	return { method: 'catalog.productImage.getFields', params: {} };
}

/** `{ productImage: { field: {type, isRequired, ...}, ... } }`: the fields have no ID. */
export const answer = objectAnswer('productImage', false);

export function toItems(result: unknown, { itemIndex }: ItemContext): INodeExecutionData[] {
	const fields = (result as { productImage: IDataObject }).productImage;
	return [{ json: fields, pairedItem: { item: itemIndex } }];
}
