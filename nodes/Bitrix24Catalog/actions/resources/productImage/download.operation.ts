import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemContext, Operation, Plan } from '../../operation';
import { getImageCall } from './get.operation';
import { IMAGE_RESULT, MAX_IMAGE_BYTES, unwrapImage } from './image';
import { imageTypeOf } from './imageFile';

export const downloadImage: Operation<{ property: string }> = {
	methods: ['catalog.productImage.get'],
	/** Looks the image up first: its `detailUrl` is the public path to the bytes. */
	build(this: IExecuteFunctions, itemIndex: number): Plan<{ property: string }> {
		const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		return { call: getImageCall(this, itemIndex), input: { property } };
	},
	resultShape: IMAGE_RESULT,
	async toItems(
		this: IExecuteFunctions,
		result: unknown,
		{ property }: { property: string },
		context: ItemContext,
	): Promise<INodeExecutionData[]> {
		const { itemIndex } = context;
		const image = unwrapImage(result);
		const name = String(image.name ?? `image-${image.id}`);
		const file = await context.fetchFile(image.detailUrl, {
			name,
			maxBytes: MAX_IMAGE_BYTES,
			typeOfContent: imageTypeOf,
		});
		const binary = await this.helpers.prepareBinaryData(file.body, name, file.contentType);
		return [{ json: image, binary: { [property]: binary }, pairedItem: { item: itemIndex } }];
	},
};
