import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readBinaryHead } from '../../../helpers/binaryHead';
import { readId } from '../../../helpers/ids';
import type { Bitrix24Call, CreateCheck } from '../../../transport';
import { FileContent } from '../../../transport/jsonBody';
import type { ItemContext, Operation, Plan } from '../../operation';
import { IMAGE_RESULT, IMAGE_FIELDS, IMAGE_TYPE_OPTIONS, unwrapImage, unwrapImages } from './image';
import { checkImageContent, checkImageMetadata, MAGIC_BYTES } from './imageFile';

const shown = { show: { resource: ['productImage'], operation: ['upload'] } };

/**
 * Where an upload whose answer was lost would be: the product's newest image of the name and type
 * sent, stored since the upload left. Shaped as `add` answers, so the output is the same.
 */
function uploadedImageLookup(
	productId: number,
	fileName: string,
	type: string,
): CreateCheck['lookup'] {
	return {
		call: { method: 'catalog.productImage.list', params: { productId, select: [...IMAGE_FIELDS] } },
		pick: (result, since) => {
			const stored = unwrapImages(result)
				.filter(
					(image) =>
						image.name === fileName &&
						image.type === type &&
						Date.parse(String(image.createTime)) >= since,
				)
				.sort((a, b) => Number(b.id) - Number(a.id));
			return stored.length > 0 ? { productImage: stored[0] } : undefined;
		},
	};
}

export const uploadImage: Operation<undefined> = {
	description: [
		{
			displayName: 'Image Type',
			name: 'imageType',
			type: 'options',
			options: IMAGE_TYPE_OPTIONS,
			default: 'MORE_PHOTO',
			displayOptions: shown,
		},
		{
			displayName: 'Options',
			name: 'uploadOptions',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions: shown,
			options: [
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'e.g. front.jpg',
					description: "The image's file name in Bitrix24; by default the binary's own name",
				},
			],
		},
	],
	methods: ['catalog.productImage.add', 'catalog.productImage.list'],
	/**
	 * Checks the item's file (type, name, size, first bytes) with every other item's parameters,
	 * before anything is sent, reading no more of it than its first bytes.
	 */
	async build(this: IExecuteFunctions, itemIndex: number): Promise<Plan<undefined>> {
		const node = this.getNode();
		const productId = readId(this, 'productId', 'Product ID', itemIndex);
		const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const binary = this.helpers.assertBinaryData(itemIndex, property);
		const { fileName: chosenName } = this.getNodeParameter('uploadOptions', itemIndex, {}) as {
			fileName?: string;
		};
		const fileName =
			chosenName?.trim() || binary.fileName || `image.${binary.fileExtension ?? 'jpg'}`;
		checkImageMetadata(node, binary, fileName, itemIndex);
		checkImageContent(node, await readBinaryHead(this, binary, MAGIC_BYTES), fileName, itemIndex);

		const type = this.getNodeParameter('imageType', itemIndex) as string;
		const call: Bitrix24Call = {
			method: 'catalog.productImage.add',
			params: { fields: { productId, type } },
			creates: { what: 'image', lookup: uploadedImageLookup(productId, fileName, type) },
			// The bytes are read when this item is sent, so a run holds one file in memory at a time.
			load: async () => {
				const bytes = await this.helpers.getBinaryDataBuffer(itemIndex, property);
				return { fileContent: new FileContent(fileName, bytes) as unknown as IDataObject };
			},
		};
		return { call, input: undefined };
	},
	resultShape: IMAGE_RESULT,
	toItems(result: unknown, _input: undefined, { itemIndex }: ItemContext): INodeExecutionData[] {
		return [{ json: unwrapImage(result), pairedItem: { item: itemIndex } }];
	},
};
