import type { INodeParameters } from 'n8n-workflow';

import { onePixelPng } from '../emulator/png';
import type { RunOptions } from '../harness/runNode';
import { binaryItem } from '../harness/runNode';
import { AUTHENTICATIONS, locator } from '../harness/nodeInputs';
import { deleteBodies, runOperation, usePortal } from './fixtures';

/** The image as the node outputs it: the portal's record without the signed downloadUrl. */
function expectedImage(image: {
	id: number;
	name: string;
	productId: number;
	type: string;
	createTime: string;
	detailUrl: string;
}) {
	const { id, name, productId, type, createTime, detailUrl } = image;
	return { id, name, productId, type, createTime, detailUrl };
}

describe.each(AUTHENTICATIONS)('Product Image resource with %s credentials', (authentication) => {
	const portal = usePortal();
	const run = (operation: string, extra: INodeParameters, more: Partial<RunOptions> = {}) =>
		runOperation(portal.emulator, authentication, operation, extra, more);

	describe('Upload', () => {
		const png = onePixelPng(10, 20, 30);

		it('uploads the binary as a gallery image and outputs the created image', async () => {
			const { emulator } = portal;
			const { output, error } = await run(
				'upload',
				{ productId: locator('101') },
				{
					inputItems: [binaryItem(png, 'side.png', 'image/png')],
				},
			);
			expect(error).toBeUndefined();
			const created = emulator.portal.imagesOf(101).at(-1)!;
			expect(created.bytes.equals(png)).toBe(true);
			expect(created.type).toBe('MORE_PHOTO');
			expect(output).toEqual([{ json: expectedImage(created), pairedItem: { item: 0 } }]);
			expect(emulator.restCalls('catalog.productImage.add')[0].params).toEqual({
				fields: { productId: 101, type: 'MORE_PHOTO' },
				fileContent: ['side.png', png.toString('base64')],
			});
		});

		it('replaces the detail picture and takes the file name from the options', async () => {
			const { emulator } = portal;
			const { output } = await run(
				'upload',
				{
					productId: locator('101'),
					imageType: 'DETAIL_PICTURE',
					uploadOptions: { fileName: 'front-2.png' },
				},
				{ inputItems: [binaryItem(png, 'whatever.png', 'image/png')] },
			);
			expect(output[0].json).toMatchObject({
				name: 'front-2.png',
				type: 'DETAIL_PICTURE',
				productId: 101,
			});
			expect(emulator.portal.image(1001)).toBeUndefined();
			expect(
				emulator.portal.imagesOf(101).filter((image) => image.type === 'DETAIL_PICTURE'),
			).toHaveLength(1);
		});

		it.each([
			[
				'a missing binary property',
				() => ({ json: {} }),
				"This operation expects the node's input data to contain a binary file 'data', but none was found [item 0]",
			],
			[
				'a file that is not an image',
				() => binaryItem(Buffer.from('hello'), 'notes.txt', 'text/plain'),
				'The file "notes.txt" is not an image Bitrix24 accepts (text/plain) [item 0]',
			],
			[
				'an image name with other content',
				() => binaryItem(Buffer.from('not really a picture'), 'fake.png', 'image/png'),
				'The file "fake.png" is not an image: its content is not JPEG, PNG, GIF, WebP or BMP [item 0]',
			],
			[
				'a file over the size limit',
				() =>
					binaryItem(Buffer.concat([png, Buffer.alloc(51 * 1024 * 1024)]), 'huge.png', 'image/png'),
				'The file "huge.png" is 51.0 MB, more than the 50 MB this node uploads [item 0]',
			],
		])('refuses %s before sending anything', async (_, item, message) => {
			const { error, output } = await run(
				'upload',
				{ productId: locator('101') },
				{ inputItems: [item()] },
			);
			expect(output).toEqual([]);
			expect(error?.message).toBe(message);
			expect(portal.emulator.requests).toEqual([]);
		});
	});

	it('Get outputs the image without its signed download URL', async () => {
		const { emulator } = portal;
		const { output, error } = await run('get', {
			productId: locator('101'),
			imageId: locator('1002'),
		});
		expect(error).toBeUndefined();
		expect(output).toEqual([
			{ json: expectedImage(emulator.portal.image(1002)!), pairedItem: { item: 0 } },
		]);
		expect(JSON.stringify(output)).not.toMatch(/downloadUrl|download/);
	});

	it('Get fails for a missing image with the Bitrix24 code', async () => {
		const { error } = await run('get', { productId: locator('101'), imageId: locator('999') });
		expect(error).toMatchObject({
			message: 'Bitrix24 error 0: Image does not exist',
			httpCode: '400',
		});
	});

	describe('Get Many', () => {
		it('outputs one item per image, all of them with Return All', async () => {
			const { emulator } = portal;
			const { output } = await run('getMany', { productId: locator('101'), returnAll: true });
			expect(output.map((item) => item.json)).toEqual(
				emulator.portal.imagesOf(101).map(expectedImage),
			);
			expect(
				output.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0),
			).toBe(true);
			expect(emulator.restCalls('catalog.productImage.list')[0].params).toEqual({
				productId: 101,
				select: ['id', 'name', 'productId', 'type', 'createTime', 'detailUrl'],
			});
		});

		it('stops at the limit and asks only for the chosen fields', async () => {
			const { emulator } = portal;
			const { output } = await run('getMany', {
				productId: locator('101'),
				limit: 2,
				fields: ['id', 'type'],
			});
			expect(output.map((item) => item.json)).toEqual([
				{ id: 1001, type: 'DETAIL_PICTURE' },
				{ id: 1002, type: 'PREVIEW_PICTURE' },
			]);
			expect(emulator.restCalls('catalog.productImage.list')[0].params).toMatchObject({
				select: ['id', 'type'],
			});
		});

		it.each([
			[0, 'Limit must be 1 or greater, but got 0 [item 1]'],
			[-1, 'Limit must be 1 or greater, but got -1 [item 1]'],
			[1.5, 'Limit must be a whole number, but got 1.5 [item 1]'],
			['abc', 'Limit must be a number, but got "abc" [item 1]'],
		])('refuses Limit %p from an expression before sending anything', async (limit, message) => {
			const { output, error } = await run(
				'getMany',
				{ productId: locator('101'), limit: '={{ $json.limit }}' },
				{ items: [{ limit: 2 }, { limit }] },
			);
			expect(output).toEqual([]);
			expect(error).toMatchObject({
				name: 'NodeOperationError',
				message,
				description: 'The most images to return, a whole number, 1 or more.',
				context: { itemIndex: 1 },
			});
			expect(portal.emulator.requests).toEqual([]);
		});

		it('takes Limit from an expression as a number or a numeric string', async () => {
			const { output, error } = await run(
				'getMany',
				{ productId: locator('101'), limit: '={{ $json.limit }}', fields: ['id'] },
				{ items: [{ limit: 1 }, { limit: ' 3 ' }] },
			);
			expect(error).toBeUndefined();
			expect(output).toEqual([
				{ json: { id: 1001 }, pairedItem: { item: 0 } },
				{ json: { id: 1001 }, pairedItem: { item: 1 } },
				{ json: { id: 1002 }, pairedItem: { item: 1 } },
				{ json: { id: 1003 }, pairedItem: { item: 1 } },
			]);
		});
	});

	it('Download puts the same bytes in a binary field, with name and MIME type', async () => {
		const { emulator } = portal;
		const png = onePixelPng(200, 100, 50);
		const uploaded = await run(
			'upload',
			{ productId: locator('104') },
			{
				inputItems: [binaryItem(png, 'roundtrip.png', 'image/png')],
			},
		);
		const id = uploaded.output[0].json.id as number;

		const { output, error } = await run('download', {
			productId: locator('104'),
			imageId: locator(String(id)),
			binaryPropertyName: 'picture',
		});

		expect(error).toBeUndefined();
		const binary = output[0].binary!.picture;
		expect(Buffer.from(binary.data, 'base64').equals(png)).toBe(true);
		expect(binary).toMatchObject({ fileName: 'roundtrip.png', mimeType: 'image/png' });
		expect(output[0].json).toEqual(expectedImage(emulator.portal.image(id)!));
		expect(emulator.requests.at(-1)!.path).toBe(emulator.portal.image(id)!.detailUrl);
	});

	it('Get Fields outputs the fields Bitrix24 describes', async () => {
		const { output } = await run('getFields', {});
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			id: { isImmutable: false, isReadOnly: true, isRequired: false, type: 'integer' },
			productId: { isRequired: true },
		});
	});

	describe('Delete All', () => {
		it('deletes every image of the product and reports them in one item', async () => {
			const { emulator } = portal;
			const before = emulator.portal
				.imagesOf(101)
				.map(({ id, name, type, createTime }) => ({ id, name, type, createTime }));
			const { output, error } = await run('deleteAll', { productId: locator('101') });
			expect(error).toBeUndefined();
			expect(output).toEqual([
				{ json: { productId: 101, deletedCount: 4, deleted: before }, pairedItem: { item: 0 } },
			]);
			expect(emulator.portal.imagesOf(101)).toEqual([]);
			// The deletes went as one batch after the list: two requests for four images.
			expect(deleteBodies(emulator)).toEqual(before.map(({ id }) => ({ productId: 101, id })));
			expect(emulator.restCalls().map((call) => call.restMethod)).toEqual([
				'catalog.productImage.list',
				'batch',
			]);
		});

		it('deletes only the images of the chosen type', async () => {
			const { emulator } = portal;
			const { output } = await run('deleteAll', {
				productId: locator('101'),
				imageTypeFilter: 'MORE_PHOTO',
			});
			expect(output[0].json).toMatchObject({ deletedCount: 2 });
			expect(emulator.portal.imagesOf(101).map((image) => image.id)).toEqual([1001, 1002]);
		});

		it('keeps the newest images of the type, by upload time and then by ID', async () => {
			const { emulator } = portal;
			const sameSecond = '2026-01-05T10:00:00+00:00';
			const older = emulator.portal.addImage(101, { type: 'MORE_PHOTO' });
			const newer = emulator.portal.addImage(101, { type: 'MORE_PHOTO' });
			// A higher ID with an older time (a file moved from elsewhere): time decides.
			const backdated = emulator.portal.addImage(101, { type: 'MORE_PHOTO' });
			older.createTime = sameSecond;
			newer.createTime = sameSecond;
			backdated.createTime = '2020-01-01T00:00:00+00:00';
			const { output } = await run('deleteAll', {
				productId: locator('101'),
				imageTypeFilter: 'MORE_PHOTO',
				keepNewest: 2,
			});
			expect(output[0].json).toMatchObject({ productId: 101, deletedCount: 3 });
			expect((output[0].json.deleted as Array<{ id: number }>).map(({ id }) => id)).toEqual([
				1003,
				1004,
				backdated.id,
			]);
			expect(emulator.portal.imagesOf(101).map((image) => image.id)).toEqual([
				1001,
				1002,
				older.id,
				newer.id,
			]);
		});

		it.each([
			['abc', 'Keep Newest must be a number, but got "abc" [item 0]'],
			[-1, 'Keep Newest must be 0 or greater, but got -1 [item 0]'],
			[1.5, 'Keep Newest must be a whole number, but got 1.5 [item 0]'],
			['', 'Keep Newest is empty [item 0]'],
		])(
			'refuses Keep Newest %p before sending anything',
			async (keepNewest, message) => {
				const { emulator } = portal;
				const { error } = await run('deleteAll', {
					productId: locator('101'),
					keepNewest: `={{ ${JSON.stringify(keepNewest)} }}`,
				});
				expect(error).toMatchObject({
					message,
					description: 'How many of the newest images to keep, a whole number; 0 deletes them all.',
					context: { itemIndex: 0 },
				});
				expect(emulator.requests).toEqual([]);
				expect(emulator.portal.imagesOf(101)).toHaveLength(4);
			},
		);

		it('takes Keep Newest from an expression as a number or a numeric string', async () => {
			const { emulator } = portal;
			const { error } = await run('deleteAll', {
				productId: locator('101'),
				keepNewest: '={{ "3" }}',
			});
			expect(error).toBeUndefined();
			expect(emulator.portal.imagesOf(101).map((image) => image.id)).toEqual([1002, 1003, 1004]);
		});

		it('outputs an empty report for a product without images', async () => {
			const { output } = await run('deleteAll', { productId: locator('105') });
			expect(output).toEqual([
				{ json: { productId: 105, deletedCount: 0, deleted: [] }, pairedItem: { item: 0 } },
			]);
		});
	});

	it('takes a product page URL copied from Bitrix24', async () => {
		const { emulator } = portal;
		const { error } = await run('delete', {
			productId: locator('https://acme.bitrix24.com/crm/catalog/23/product/101/', 'url'),
			imageId: locator('1003'),
		});
		expect(error).toBeUndefined();
		expect(emulator.restCalls('catalog.productImage.delete')[0].params).toEqual({
			productId: 101,
			id: 1003,
		});
	});

	it('never passes on the signed download URL or the secret in it, whatever the operation', async () => {
		const { emulator } = portal;
		const secret = authentication === 'webhook' ? emulator.webhooks.admin.secret : undefined;
		const runs = [
			await run('get', { productId: locator('101'), imageId: locator('1001') }),
			await run('getMany', { productId: locator('101'), returnAll: true }),
			await run('download', {
				productId: locator('101'),
				imageId: locator('1002'),
				binaryPropertyName: 'data',
			}),
			await run(
				'upload',
				{ productId: locator('104') },
				{ inputItems: [binaryItem(onePixelPng(1, 1, 1), 'a.png', 'image/png')] },
			),
			await run('deleteAll', { productId: locator('102') }),
		];
		// The portal did hand the signed URLs over: the node dropped them.
		const answers = emulator.requests.map((request) => request.path).join('\n');
		expect(answers).toContain('catalog.productImage.get');
		for (const { output, error } of runs) {
			expect(error).toBeUndefined();
			const seen = JSON.stringify(output.map(({ json }) => json));
			expect(seen).not.toContain('downloadUrl');
			if (secret) expect(seen).not.toContain(secret);
		}
	});
});
