import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readId } from '../../helpers/ids';
import { readWholeNumber } from '../../helpers/wholeNumber';
import type { Bitrix24Call } from '../../transport';
import type { ItemContext } from '../operation';
import { deleteImageCall } from './delete.operation';
import { IMAGE_TYPE_OPTIONS, unwrapImages } from './image';

const shown = { show: { resource: ['productImage'], operation: ['deleteAll'] } };

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
		displayOptions: shown,
	},
	{
		displayName: 'Keep Newest',
		name: 'keepNewest',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'How many of the newest images (of the chosen type) to keep, by upload time; 0 deletes them all',
		displayOptions: shown,
	},
];

interface ListedImage {
	id: number;
	createTime?: string;
}

/** Newest first: by upload time, and by ID (Bitrix24 numbers files in upload order) on a tie. */
function newestFirst(a: ListedImage, b: ListedImage): number {
	const time = (image: ListedImage) => Date.parse(image.createTime ?? '') || 0;
	return time(b) - time(a) || b.id - a.id;
}

/**
 * Keep Newest of one item. Checked before anything is sent: a value an expression got wrong must
 * not turn into "keep none" and delete the whole gallery.
 */
function readKeepNewest(context: IExecuteFunctions, itemIndex: number): number {
	return readWholeNumber(context, 'keepNewest', 'Keep Newest', itemIndex, {
		min: 0,
		description: 'How many of the newest images to keep, a whole number; 0 deletes them all.',
	});
}

export function build(this: IExecuteFunctions, itemIndex: number): Bitrix24Call {
	readKeepNewest(this, itemIndex);
	return {
		method: 'catalog.productImage.list',
		params: {
			productId: readId(this, 'productId', 'Product ID', itemIndex),
			select: ['id', 'name', 'type', 'createTime'],
		},
	};
}

/**
 * Deletes the listed images (all but the newest `keepNewest`) and reports them in one item, as one
 * input gives one output.
 */
export async function toItems(
	this: IExecuteFunctions,
	result: unknown,
	context: ItemContext,
): Promise<INodeExecutionData[]> {
	const { itemIndex } = context;
	const productId = readId(this, 'productId', 'Product ID', itemIndex);
	const typeFilter = this.getNodeParameter('imageTypeFilter', itemIndex, 'all') as string;
	const keepNewest = readKeepNewest(this, itemIndex);
	const candidates = unwrapImages(result).filter(
		(image) => typeFilter === 'all' || image.type === typeFilter,
	) as unknown as ListedImage[];
	const kept = new Set(
		[...candidates]
			.sort(newestFirst)
			.slice(0, keepNewest)
			.map((image) => image.id),
	);
	// The rest go in the order Bitrix24 listed them.
	const images = candidates.filter((image) => !kept.has(image.id));
	await context.sendAll(images.map((image) => deleteImageCall(productId, image.id)));
	return [
		{
			json: { productId, deletedCount: images.length, deleted: images },
			pairedItem: { item: itemIndex },
		},
	];
}
