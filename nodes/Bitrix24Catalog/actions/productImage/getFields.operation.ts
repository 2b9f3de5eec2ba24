import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Bitrix24Call } from '../../transport';
import type { ItemContext } from '../operation';

export const description: INodeProperties[] = [];

export function build(): Bitrix24Call {
	return { method: 'catalog.productImage.getFields', params: {} };
}

export function toItems(result: unknown, { itemIndex }: ItemContext): INodeExecutionData[] {
	const fields = ((result as { productImage?: IDataObject } | undefined)?.productImage ?? {}) as IDataObject;
	return [{ json: fields, pairedItem: { item: itemIndex } }];
}
