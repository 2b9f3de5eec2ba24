import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import { itemError } from '../../../helpers/itemError';
import type { ExpectedFile } from '../../../transport/fileBody';
import { objectResult } from '../../resultShape';
import { shownFor } from '../../kit/fields';
import { kindMethods, readKind } from '../../kit/kinds';
import type { RecordKind } from '../../kit/spec';
import type { ItemContext, Operation, Plan } from '../../operation';
import { MAX_IMAGE_BYTES } from '../productImage/image';
import { imageTypeOf } from '../productImage/imageFile';
import { fileIdsOf } from './productFiles';
import { productSpec } from './spec';

const shown = shownFor(productSpec.value, ['downloadFile']);

const PICTURES = ['detailPicture', 'previewPicture'];

interface Download {
	/** The group that reads the product and serves its files: `catalog.product.offer`. */
	group: RecordKind;
	productId: number;
	fieldName: string;
	property: string;
}

/** `property258`, `258` or `PROPERTY_258` → `property258`; the picture fields as they are. */
function readFieldName(context: IExecuteFunctions, itemIndex: number): string {
	const field = context.getNodeParameter('fileField', itemIndex) as string;
	if (PICTURES.includes(field)) return field;
	if (field === 'property') {
		const given = String(context.getNodeParameter('fileProperty', itemIndex, '')).trim();
		const id = /^(?:property_?)?(\d+)$/i.exec(given)?.[1];
		if (id) return `property${id}`;
		throw itemError(
			context.getNode(),
			`Property must name a file property such as property258, but got "${given}"`,
			itemIndex,
			"Give the property's ID, or its field name as Get outputs it.",
		);
	}
	throw itemError(
		context.getNode(),
		`File Field "${field}" is not one this node knows`,
		itemIndex,
		'Choose Detail Picture, Preview Picture or File Property.',
	);
}

function expectedFile(fieldName: string, fileId: number, productId: number): ExpectedFile {
	const name = `${fieldName} #${fileId} of product ${productId}`;
	// Pictures are images; a file property may hold a file of any type.
	return PICTURES.includes(fieldName)
		? { name, maxBytes: MAX_IMAGE_BYTES, typeOfContent: imageTypeOf }
		: {
				name,
				maxBytes: MAX_IMAGE_BYTES,
				typeOfContent: () => 'application/octet-stream',
				kind: 'file',
			};
}

export const downloadFile: Operation<Download> = {
	description: [
		{
			displayName: 'File Field',
			name: 'fileField',
			type: 'options',
			options: [
				{ name: 'Detail Picture', value: 'detailPicture' },
				{ name: 'Preview Picture', value: 'previewPicture' },
				{
					name: 'File Property',
					value: 'property',
					description: "A property of the product's catalog that holds files",
				},
			],
			default: 'detailPicture',
			displayOptions: shown,
		},
		{
			displayName: 'Property',
			name: 'fileProperty',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. property258',
			hint: 'The file property, as Get names it (property258) or by its ID (258); every file of a multiple property is downloaded, one item each',
			displayOptions: { show: { ...shown.show, fileField: ['property'] } },
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
			displayOptions: shown,
		},
	],
	/** Read and downloaded through the group of the kind picked, as Get reads a product. */
	methods: [
		...kindMethods(productSpec, 'get', 'get'),
		...kindMethods(productSpec, 'get', 'download'),
	],
	/**
	 * Reads the product first (in a batch with the other items' reads): the field names the files
	 * it holds; then each file comes from the group's `download` (`catalog.product.download` serves
	 * every kind), which, as a file, cannot go in a batch.
	 */
	build(this: IExecuteFunctions, itemIndex: number): Plan<Download> {
		const productId = readId(this, productSpec.id.name, productSpec.id.label, itemIndex);
		const fieldName = readFieldName(this, itemIndex);
		const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const group = readKind(this, productSpec, 'get', itemIndex);
		return {
			call: { method: `${group.method}.get`, params: { id: productId } },
			input: { group, productId, fieldName, property },
		};
	},
	resultShape: ({ group }: Download) => objectResult(group.keys.one, true),
	async toItems(
		this: IExecuteFunctions,
		result: unknown,
		{ group, productId, fieldName, property }: Download,
		context: ItemContext,
	): Promise<INodeExecutionData[]> {
		const { itemIndex } = context;
		const product = (result as Record<string, IDataObject>)[group.keys.one];
		const fail = (message: string, description: string) =>
			itemError(this.getNode(), message, itemIndex, description);
		if (!(fieldName in product)) {
			throw fail(
				`Product ${productId} has no field ${fieldName}`,
				"A file property is named propertyN, N being the property's ID in the product's catalog.",
			);
		}
		const fileIds = fileIdsOf(product[fieldName]);
		if (fileIds.length === 0) {
			throw fail(
				`Product ${productId} has no file in ${fieldName}`,
				'There is nothing to download.',
			);
		}
		const items: INodeExecutionData[] = [];
		for (const fileId of fileIds) {
			const file = await context.downloadFile(
				{
					method: `${group.method}.download`,
					params: { fields: { fileId, productId, fieldName } },
				},
				expectedFile(fieldName, fileId, productId),
			);
			const binary = await this.helpers.prepareBinaryData(
				file.body,
				file.fileName ?? `${fieldName}-${fileId}`,
				file.contentType,
			);
			items.push({
				json: { productId, fieldName, fileId },
				binary: { [property]: binary },
				pairedItem: { item: itemIndex },
			});
		}
		return items;
	},
};
