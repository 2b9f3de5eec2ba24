import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import { readWholeNumber } from '../../../helpers/wholeNumber';
import type { Bitrix24Call, CallOutcome } from '../../../transport';
import { withProgress } from '../../../transport/nodeApiError';
import { resultShapeError, TRUE_RESULT } from '../../resultShape';
import type { ItemContext, Operation, Plan } from '../../operation';
import { deleteImageCall } from './delete.operation';
import { IMAGE_LIST_RESULT, IMAGE_TYPE_OPTIONS, unwrapImages } from './image';

const shown = { show: { resource: ['productImage'], operation: ['deleteAll'] } };

type ListedImage = IDataObject & { id: number; createTime?: string };

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

interface DeleteAllInput {
	productId: number;
	typeFilter: string;
	keepNewest: number;
}

/** Why one delete did not happen, if it did not: its error, or an answer other than `true`. */
function failureOf(
	this: IExecuteFunctions,
	outcome: CallOutcome,
	call: Bitrix24Call,
	itemIndex: number,
): Error | undefined {
	if ('error' in outcome) return outcome.error;
	return resultShapeError(this.getNode(), itemIndex, call.method, outcome.result, TRUE_RESULT);
}

export const deleteAllImages: Operation<DeleteAllInput> = {
	description: [
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
	],
	methods: ['catalog.productImage.list', 'catalog.productImage.delete'],
	build(this: IExecuteFunctions, itemIndex: number): Plan<DeleteAllInput> {
		const input: DeleteAllInput = {
			productId: readId(this, 'productId', 'Product ID', itemIndex),
			typeFilter: this.getNodeParameter('imageTypeFilter', itemIndex, 'all') as string,
			keepNewest: readKeepNewest(this, itemIndex),
		};
		const call = {
			method: 'catalog.productImage.list',
			params: { productId: input.productId, select: ['id', 'name', 'type', 'createTime'] },
		};
		return { call, input };
	},
	resultShape: IMAGE_LIST_RESULT,
	/**
	 * Deletes the listed images (all but the newest `keepNewest`) and reports them in one item, as one
	 * input gives one output. When some deletes fail, the others are done all the same: the item's
	 * error then says which images are gone, so that a workflow can act on it.
	 */
	async toItems(
		this: IExecuteFunctions,
		result: unknown,
		{ productId, typeFilter, keepNewest }: DeleteAllInput,
		context: ItemContext,
	): Promise<INodeExecutionData[]> {
		const { itemIndex } = context;
		const candidates = unwrapImages(result).filter(
			(image) => typeFilter === 'all' || image.type === typeFilter,
		) as ListedImage[];
		const kept = new Set(
			[...candidates]
				.sort(newestFirst)
				.slice(0, keepNewest)
				.map((image) => image.id),
		);
		// The rest go in the order Bitrix24 listed them.
		const images = candidates.filter((image) => !kept.has(image.id));
		const calls = images.map((image) => deleteImageCall(productId, image.id));
		const failures = (await context.sendAll(calls)).map((outcome, index) =>
			failureOf.call(this, outcome, calls[index], itemIndex),
		);
		const deleted = images.filter((_, index) => failures[index] === undefined);
		const failure = failures.find((error) => error !== undefined);
		if (failure) {
			throw withProgress(
				failure,
				`${deleted.length} of ${images.length} images were deleted before the item failed`,
				{ deletedCount: deleted.length, deleted },
			);
		}
		return [
			{
				json: { productId, deletedCount: deleted.length, deleted },
				pairedItem: { item: itemIndex },
			},
		];
	},
};
