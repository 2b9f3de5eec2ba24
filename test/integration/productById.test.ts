import { AUTHENTICATIONS, locator, mapped } from '../harness/nodeInputs';
import { batchedCalls, methodsCalled, propertiesOf, useProductResource } from './productResourceRuns';

/** Product resource: Get, Update and Delete by the ID alone or with a kind picked, and a kind's fields. */

describe.each(AUTHENTICATIONS)('Product resource with %s credentials', (authentication) => {
	const { portal, run } = useProductResource(authentication);

	describe('Get, Update, Delete by the ID alone', () => {
		it('gets products of every kind by their IDs, all in one batch of catalog.product.get', async () => {
			const ids = [401, 403, 404, 407, 408];
			const { output, error } = await run(
				'get',
				{ productId: locator('={{ $json.id }}') },
				ids.map((id) => ({ id })),
			);
			expect(error).toBeUndefined();
			expect(output.map(({ json, pairedItem }) => [json.id, json.type, pairedItem])).toEqual([
				[401, 1, { item: 0 }],
				[403, 3, { item: 1 }],
				[404, 4, { item: 2 }],
				[407, 7, { item: 3 }],
				[408, 6, { item: 4 }],
			]);
			expect(output[0].json).toMatchObject({
				name: 'Coffee grinder',
				property111: [
					{ value: 'black', valueId: '602' },
					{ value: 'white', valueId: '603' },
				],
			});
			expect(methodsCalled(portal.emulator)).toEqual(['batch']);
			expect(batchedCalls(portal.emulator)).toEqual([
				ids.map((id) => ({ method: 'catalog.product.get', query: `id=${id}` })),
			]);
		});

		it('updates fields and properties as Bitrix24 takes them; the properties not sent keep their values', async () => {
			const { output, error } = await run('update', {
				iblockId: locator('23'),
				productId: locator('401'),
				fields: mapped(
					{
						name: 'Coffee grinder Pro',
						property110: 'Comandante',
						property111: ['red', 'blue'],
						property112: 36,
					},
					{ property111: 'array', property112: 'number' },
				),
			});
			expect(error).toBeUndefined();
			expect(
				portal.emulator.restCalls('catalog.product.update').map((call) => call.params),
			).toEqual([
				{
					id: 401,
					fields: {
						name: 'Coffee grinder Pro',
						property110: { value: 'Comandante' },
						property111: [{ value: 'red' }, { value: 'blue' }],
						property112: { value: 36 },
						// As text: the portal compares it with the stored catalog strictly.
						iblockId: '23',
					},
				},
			]);
			expect(output[0].json).toMatchObject({ id: 401, name: 'Coffee grinder Pro' });
			expect(await propertiesOf(portal.emulator, authentication, 401)).toEqual({
				property110: { value: 'Comandante', valueId: expect.any(String) },
				property111: [
					{ value: 'red', valueId: expect.any(String) },
					{ value: 'blue', valueId: expect.any(String) },
				],
				property112: { value: '36', valueId: expect.any(String) },
				property113: { value: '1302', valueId: '605' },
			});
		});

		it("keeps the valueIds of a multiple property's values mapped from a Get's output", async () => {
			const { error } = await run(
				'update',
				{
					iblockId: locator('23'),
					productId: locator('401'),
					fields: {
						...mapped({ property111: '' }, { property111: 'array' }),
						mappingMode: 'autoMapInputData',
					},
				},
				[{ property111: [{ value: 'white', valueId: '603' }, { value: 'silver' }], other: 1 }],
			);
			expect(error).toBeUndefined();
			expect(portal.emulator.restCalls('catalog.product.update')[0].params).toEqual({
				id: 401,
				fields: {
					property111: [{ value: 'white', valueId: '603' }, { value: 'silver' }],
					iblockId: '23',
				},
			});
			expect((await propertiesOf(portal.emulator, authentication, 401)).property111).toEqual([
				{ value: 'white', valueId: '603' },
				{ value: 'silver', valueId: expect.any(String) },
			]);
		});

		it('deletes products of any kind by their IDs, in one batch', async () => {
			const { output, error } = await run('delete', { productId: locator('={{ $json.id }}') }, [
				{ id: 402 },
				{ id: 406 },
				{ id: 407 },
			]);
			expect(error).toBeUndefined();
			expect(output).toEqual(
				[0, 1, 2].map((item) => ({ json: { result: true }, pairedItem: { item } })),
			);
			expect([402, 406, 407].map((id) => portal.emulator.portal.product(id))).toEqual([
				undefined,
				undefined,
				undefined,
			]);
			expect(batchedCalls(portal.emulator)).toEqual([
				[402, 406, 407].map((id) => ({ method: 'catalog.product.delete', query: `id=${id}` })),
			]);
		});
	});

	it("outputs the fields of a kind in a catalog, its properties under the portal's names", async () => {
		const { output, error } = await run('getFields', {
			productKind: 'sku',
			iblockId: locator('23'),
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			name: { type: 'string', isRequired: true },
			canBuyZero: { name: 'Permission to Buy When Out of Stock' },
			property111: { name: 'Colours', isMultiple: true, type: 'productproperty' },
		});
		expect(portal.emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
			['catalog.product.sku.getFieldsByFilter', { filter: { iblockId: 23, productType: 3 } }],
		]);
	});

	describe('a kind picked for Get, Update, Delete and Download File', () => {
		it("sends the kind's own methods, in one batch, and fails a product of another kind", async () => {
			const { output, error } = await run(
				'get',
				{ productKindOrAny: 'offer', productId: locator('={{ $json.id }}') },
				[{ id: 404 }, { id: 401 }],
				{ onError: 'continueRegularOutput' },
			);
			expect(error).toBeUndefined();
			expect(batchedCalls(portal.emulator)).toEqual([
				[404, 401].map((id) => ({ method: 'catalog.product.offer.get', query: `id=${id}` })),
			]);
			expect(output[0].json).toMatchObject({ id: 404, type: 4 });
			// Product 401 is a simple product, not a variation.
			expect(output[1]).toEqual({
				json: {
					error: 'Bitrix24 error 0: The product variation does not exist',
					details: {
						code: '0',
						description: 'The product variation does not exist',
						httpCode: '400',
					},
				},
				pairedItem: { item: 1 },
			});
		});

		it("downloads a variation's picture through the variations' group", async () => {
			const { output, error } = await run('downloadFile', {
				productKindOrAny: 'offer',
				productId: locator('103'),
				fileField: 'detailPicture',
				binaryPropertyName: 'data',
			});
			expect(error).toBeUndefined();
			expect(output.map((item) => [item.json.fileId, item.binary?.data.fileName])).toEqual([
				[1006, 't-shirt-red.png'],
			]);
			expect(portal.emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
				['catalog.product.offer.get', { id: 103 }],
				[
					'catalog.product.offer.download',
					{ fields: { fileId: 1006, productId: 103, fieldName: 'detailPicture' } },
				],
			]);
		});

		it('updates and deletes through the picked group', async () => {
			const updated = await run('update', {
				productKindOrAny: 'sku',
				iblockId: locator('23'),
				productId: locator('403'),
				fields: mapped({ name: 'Parent renamed' }),
			});
			expect(updated.error).toBeUndefined();
			expect(updated.output[0].json).toMatchObject({ id: 403, name: 'Parent renamed' });
			const deleted = await run('delete', {
				productKindOrAny: 'service',
				productId: locator('407'),
			});
			expect(deleted.error).toBeUndefined();
			expect(deleted.output[0].json).toEqual({ result: true });
			expect(methodsCalled(portal.emulator)).toEqual([
				'catalog.product.sku.getFieldsByFilter',
				'catalog.product.sku.update',
				'catalog.product.service.delete',
			]);
			expect(portal.emulator.portal.product(407)).toBeUndefined();
		});
	});
});
