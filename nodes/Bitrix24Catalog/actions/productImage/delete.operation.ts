import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toBitrix24Id } from '../../helpers/ids';
import type { Bitrix24Call } from '../../transport';
import { imageIdField, productIdField } from './fields';

export const description: INodeProperties[] = [
	productIdField(['delete']),
	imageIdField(['delete']),
];

export function build(this: IExecuteFunctions, itemIndex: number): Bitrix24Call {
	const node = this.getNode();
	const read = (name: string) =>
		this.getNodeParameter(name, itemIndex, undefined, { extractValue: true });
	return {
		method: 'catalog.productImage.delete',
		params: {
			productId: toBitrix24Id(node, read('productId'), 'Product ID', itemIndex),
			id: toBitrix24Id(node, read('imageId'), 'Image ID', itemIndex),
		},
	};
}

export function toItems(result: unknown, itemIndex: number): INodeExecutionData[] {
	return [{ json: { result: result as boolean }, pairedItem: { item: itemIndex } }];
}
