import type { INode } from 'n8n-workflow';

import { addImages, AUTHENTICATIONS, locator } from '../harness/nodeInputs';
import { deleteBodies, runOperation, usePortal } from './fixtures';

const refused = {
	kind: 'error',
	method: 'catalog.productImage.delete',
	status: 400,
	code: 200040300020,
	description: 'Access Denied',
} as const;

describe.each(AUTHENTICATIONS)('Delete All when some deletes fail, with %s credentials', (authentication) => {
	const portal = usePortal();

	/** Five gallery images on product 105; the first one's delete is refused. */
	function fiveImagesOneRefused(batching: boolean) {
		const { emulator } = portal;
		const ids = addImages(emulator, 5, 'p');
		emulator.injectFault({ ...refused, inBatch: batching });
		const deleted = emulator.portal
			.imagesOf(105)
			.slice(1)
			.map(({ id, name, type, createTime }) => ({ id, name, type, createTime }));
		return { ids, deleted };
	}

	const run = (batching: boolean, onError?: INode['onError']) =>
		runOperation(
			portal.emulator,
			authentication,
			'deleteAll',
			{ productId: locator('105'), options: { batching } },
			{ onError },
		);

	const message = 'Bitrix24 error 200040300020: Access Denied (4 of 5 images were deleted before the item failed)';

	describe.each([
		['in a batch', true],
		['one by one', false],
	])('sending the deletes %s', (_, batching) => {
		it('fails the item with an error that lists the images deleted', async () => {
			const { ids, deleted } = fiveImagesOneRefused(batching);
			const { output, error } = await run(batching);
			expect(output).toEqual([]);
			expect(error).toMatchObject({
				name: 'NodeApiError',
				message,
				context: {
					itemIndex: 0,
					bitrix24: {
						code: '200040300020',
						description: 'Access Denied',
						httpCode: '400',
						deletedCount: 4,
						deleted,
					},
				},
			});
			expect(portal.emulator.portal.imagesOf(105).map((image) => image.id)).toEqual([ids[0]]);
			expect(deleteBodies(portal.emulator)).toEqual(ids.map((id) => ({ productId: 105, id })));
		});

		it.each([['continueRegularOutput'], ['continueErrorOutput']] as const)(
			'with "%s" passes on an error item that lists the images deleted',
			async (onError) => {
				const { deleted } = fiveImagesOneRefused(batching);
				const { output, errorOutput, error } = await run(batching, onError);
				expect(error).toBeUndefined();
				const errorItem = {
					json: {
						error: message,
						details: {
							code: '200040300020',
							description: 'Access Denied',
							httpCode: '400',
							deletedCount: 4,
							deleted,
						},
					},
					pairedItem: { item: 0 },
				};
				expect(onError === 'continueErrorOutput' ? [output, errorOutput] : [errorOutput, output]).toEqual([
					[],
					[errorItem],
				]);
			},
		);
	});

	it('does not count a delete whose answer is not `true` as done', async () => {
		const { emulator } = portal;
		addImages(emulator, 3, 'q');
		emulator.injectFault({ kind: 'raw', method: 'catalog.productImage.delete', status: 200, body: '{"result":false}' });
		const [first, ...rest] = emulator.portal
			.imagesOf(105)
			.map(({ id, name, type, createTime }) => ({ id, name, type, createTime }));
		const { error } = await run(false);
		expect(error).toMatchObject({
			message:
				'Bitrix24 answered catalog.productImage.delete with an unexpected result: result is false ' +
				'(2 of 3 images were deleted before the item failed)',
			context: {
				bitrix24: {
					code: 'UNEXPECTED_ANSWER',
					description: 'result is false; expected true',
					httpCode: null,
					deletedCount: 2,
					deleted: rest,
				},
			},
		});
		expect(emulator.portal.imagesOf(105).map((image) => image.id)).toEqual([first.id]);
	});
});
