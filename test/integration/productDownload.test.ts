import type { INodeParameters } from 'n8n-workflow';

import type { RunOptions } from '../harness/runNode';
import { AUTHENTICATIONS, locator } from '../harness/nodeInputs';
import { methodsCalled, useProductResource } from './productResourceRuns';

/** Product resource: Download File, a product's picture as binary data, many items and rate limits. */

describe.each(AUTHENTICATIONS)('Product resource with %s credentials', (authentication) => {
	const { portal, run } = useProductResource(authentication);

	describe('Download File', () => {
		const download = (extra: Record<string, unknown>, more: Partial<RunOptions> = {}) =>
			run(
				'downloadFile',
				{ productId: locator('101'), binaryPropertyName: 'picture', ...extra } as INodeParameters,
				undefined,
				more,
			);

		it('puts the picture in a binary field, with its name and type', async () => {
			const { output, error } = await download({ fileField: 'detailPicture' });
			expect(error).toBeUndefined();
			const image = portal.emulator.portal.image(1001)!;
			expect(output).toHaveLength(1);
			expect(output[0].json).toEqual({ productId: 101, fieldName: 'detailPicture', fileId: 1001 });
			expect(output[0].pairedItem).toEqual({ item: 0 });
			const binary = output[0].binary!.picture;
			expect(Buffer.from(binary.data, 'base64').equals(image.bytes)).toBe(true);
			expect(binary).toMatchObject({ fileName: 'espresso-front.png', mimeType: 'image/png' });
			expect(portal.emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
				['catalog.product.get', { id: 101 }],
				[
					'catalog.product.download',
					{ fields: { fileId: 1001, productId: 101, fieldName: 'detailPicture' } },
				],
			]);
		});

		it("reads the products of many items in one batch, then downloads each product's file", async () => {
			const { output, error } = await run(
				'downloadFile',
				{
					productId: locator('={{ $json.id }}'),
					fileField: 'detailPicture',
					binaryPropertyName: 'data',
				},
				[{ id: 101 }, { id: 103 }],
			);
			expect(error).toBeUndefined();
			expect(output.map((item) => [item.json.fileId, item.binary?.data.fileName])).toEqual([
				[1001, 'espresso-front.png'],
				[1006, 't-shirt-red.png'],
			]);
			expect(methodsCalled(portal.emulator)).toEqual([
				'batch',
				'catalog.product.download',
				'catalog.product.download',
			]);
		});

		it('waits out a rate limit on the download and tries again', async () => {
			portal.emulator.injectFault({
				kind: 'system',
				code: 'QUERY_LIMIT_EXCEEDED',
				method: 'catalog.product.download',
			});
			const { output, error } = await download({ fileField: 'previewPicture' });
			expect(error).toBeUndefined();
			expect(output[0].binary!.picture.fileName).toBe('espresso-preview.png');
			expect(methodsCalled(portal.emulator)).toEqual([
				'catalog.product.get',
				'catalog.product.download',
				'catalog.product.download',
			]);
		});

		it.each([
			[
				'a product without the picture',
				{ productId: locator('401'), fileField: 'detailPicture' },
				undefined,
				'Product 401 has no file in detailPicture [item 0]',
			],
			[
				'a property the product does not have',
				{ fileField: 'property', fileProperty: 'property999' },
				undefined,
				'Product 101 has no field property999 [item 0]',
			],
			[
				'a download the portal refuses',
				{ fileField: 'detailPicture' },
				{ kind: 'error', status: 400, code: 0, description: 'Product file wrong' },
				'Bitrix24 error 0: Product file wrong',
			],
			[
				'a page instead of the picture',
				{ fileField: 'detailPicture' },
				{ kind: 'html', status: 200 },
				'Bitrix24 answered HTTP 200 with a page that is not JSON ("200 OK")',
			],
			[
				'a picture over the size limit',
				{ fileField: 'detailPicture' },
				{ kind: 'streamed', bytes: 51 * 1024 * 1024, contentType: 'image/png' },
				'The file of the image "detailPicture #1001 of product 101" is larger than the 50 MB this node downloads [item 0]',
			],
		] as const)('fails for %s', async (_, extra, fault, message) => {
			if (fault) portal.emulator.injectFault({ ...fault, method: 'catalog.product.download' });
			const { error, output } = await download(extra);
			expect(output).toEqual([]);
			expect(error?.message).toBe(message);
		});
	});
});
