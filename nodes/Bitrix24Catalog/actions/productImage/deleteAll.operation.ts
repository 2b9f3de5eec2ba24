import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId } from '../../helpers/ids';
import type { Bitrix24Call } from '../../transport';
import type { ItemContext } from '../operation';
import { IMAGE_TYPE_OPTIONS, unwrapImages } from './image';

export const description: INodeProperties[] = [
	{
		displayName: 'Image Type',
		name: 'imageTypeFilter',
		type: 'options',
		options: [
			{ name: 'All Types', value: 'all', description: 'Every image of the product' },
			...IMAGE_TYPE_OPTIONS.map(({ name, value }) => ({
				name,
				value,
				description: `Only the ${name.toLowerCase()} images`,
			})),
		],
		default: 'all',
		displayOptions: { show: { resource: ['productImage'], operation: ['deleteAll'] } },
	},
];

export function build(this: IExecuteFunctions, itemIndex: number): Bitrix24Call {
	return {
		method: 'catalog.productImage.list',
		params: {
			productId: readId(this, 'productId', 'Product ID', itemIndex),
			select: ['id', 'name', 'type'],
		},
	};
}

/** Deletes the listed images one by one and reports them in one item, as one input gives one output. */
export async function toItems(
	this: IExecuteFunctions,
	result: unknown,
	context: ItemContext,
): Promise<INodeExecutionData[]> {
	const { itemIndex } = context;
	const productId = readId(this, 'productId', 'Product ID', itemIndex);
	const typeFilter = this.getNodeParameter('imageTypeFilter', itemIndex, 'all') as string;
	const images = unwrapImages(result).filter(
		(image) => typeFilter === 'all' || image.type === typeFilter,
	);
	await context.sendAll(
		images.map((image) => ({
			method: 'catalog.productImage.delete',
			params: { productId, id: image.id as number },
		})),
	);
	return [
		{
			json: { productId, deletedCount: images.length, deleted: images },
			pairedItem: { item: itemIndex },
		},
	];
}
