import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { objectResult } from '../../resultShape';
import type { ItemContext, Operation, Plan } from '../../operation';

export const getImageFields: Operation<undefined> = {
	methods: ['catalog.productImage.getFields'],
	build(): Plan<undefined> {
		return { call: { method: 'catalog.productImage.getFields', params: {} }, input: undefined };
	},
	/** `{ productImage: { field: {type, isRequired, ...}, ... } }`: the fields have no ID. */
	resultShape: objectResult('productImage', false),
	toItems(result: unknown, _input: undefined, { itemIndex }: ItemContext): INodeExecutionData[] {
		const fields = (result as { productImage: IDataObject }).productImage;
		return [{ json: fields, pairedItem: { item: itemIndex } }];
	},
};
