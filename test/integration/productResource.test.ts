import type { INodeParameters } from 'n8n-workflow';

import type { Bitrix24Emulator } from '../emulator';
import { runListSearch, runLoadOptions, runResourceMapping } from '../harness/listSearch';
import type { Authentication } from '../harness/nodeInputs';
import { AUTHENTICATIONS, credentialsFor, locator, mapped } from '../harness/nodeInputs';
import type { RunOptions } from '../harness/runNode';
import { runNode } from '../harness/runNode';
import { batchCommands, usePortal } from './fixtures';

/** The commands of every batch request, each as `method` and its parameters. */
function batchedCalls(emulator: Bitrix24Emulator) {
	return batchCommands(emulator).map((commands) =>
		commands.map((command) => {
			const [method, query] = command.split('?');
			return { method, query: decodeURIComponent(query ?? '') };
		}),
	);
}

/** The REST methods the node called, in order (a batch counts once). */
const methodsCalled = (emulator: Bitrix24Emulator) =>
	emulator.restCalls().map((call) => call.restMethod);

/** A product's property values, as the portal holds them now. */
async function propertiesOf(
	emulator: Bitrix24Emulator,
	authentication: Authentication,
	id: number,
) {
	const { output } = await runNode({
		parameters: {
			authentication,
			resource: 'product',
			operation: 'get',
			productId: locator(String(id)),
		} as INodeParameters,
		credentials: credentialsFor(emulator, authentication),
	});
	return Object.fromEntries(
		Object.entries(output[0].json).filter(([name]) => name.startsWith('property')),
	);
}

describe.each(AUTHENTICATIONS)('Product resource with %s credentials', (authentication) => {
	const portal = usePortal({ catalogDemo: true });
	const run = (
		operation: string,
		extra: INodeParameters,
		items?: Array<Record<string, unknown>>,
		more: Partial<RunOptions> = {},
	) =>
		runNode({
			parameters: { authentication, resource: 'product', operation, ...extra } as INodeParameters,
			credentials: credentialsFor(portal.emulator, authentication),
			items,
			...more,
		});
	const editor = (parameters: Record<string, unknown>) => ({
		parameters: { authentication, resource: 'product', ...parameters } as INodeParameters,
		credentials: credentialsFor(portal.emulator, authentication),
	});

	describe('Create', () => {
		it.each([
			['product', 'catalog.product.add', 'element', 23, 1],
			['sku', 'catalog.product.sku.add', 'sku', 23, 6],
			['service', 'catalog.product.service.add', 'service', 23, 7],
			['offer', 'catalog.product.offer.add', 'offer', 25, 5],
		])(
			'creates a %s with its own method (%s), properties written as {value}',
			async (kind, method, _key, iblockId, type) => {
				const property = iblockId === 23 ? 'property110' : 'property120';
				const { output, error } = await run('create', {
					productKind: kind,
					iblockId: locator(String(iblockId)),
					fields: mapped(
						{ name: 'New one', active: false, sort: 20, [property]: 'Bosch' },
						{ active: 'boolean', sort: 'number' },
					),
				});
				expect(error).toBeUndefined();
				expect(portal.emulator.restCalls(method).map((call) => call.params)).toEqual([
					{
						fields: {
							name: 'New one',
							active: 'N',
							sort: 20,
							[property]: { value: 'Bosch' },
							iblockId,
						},
					},
				]);
				const id = output[0]?.json.id as number;
				expect(portal.emulator.portal.product(id)).toMatchObject({
					name: 'New one',
					type,
					active: 'N',
					iblockId,
				});
				expect(output).toEqual([
					{
						json: expect.objectContaining({
							id,
							type,
							iblockId,
							[property]: { value: 'Bosch', valueId: expect.any(String) },
						}),
						pairedItem: { item: 0 },
					},
				]);
			},
		);

		it('creates a variation under a parent product, whose kind follows', async () => {
			const { output, error } = await run('create', {
				productKind: 'offer',
				iblockId: locator('25'),
				fields: mapped({ name: 'Tote bag, red', parentId: '408', property120: 'S' }),
			});
			expect(error).toBeUndefined();
			expect(portal.emulator.restCalls('catalog.product.offer.add')[0].params).toEqual({
				fields: {
					name: 'Tote bag, red',
					parentId: { value: '408' },
					property120: { value: 'S' },
					iblockId: 25,
				},
			});
			expect(output[0].json).toMatchObject({
				type: 4,
				parentId: { value: '408', valueId: expect.any(String) },
			});
			// The tote bag had no variations (6): now it has one (3).
			expect(portal.emulator.portal.product(408)?.type).toBe(3);
		});
	});

	describe('Create or Update', () => {
		it('updates a product of another kind found by its XML ID instead of creating one beside it', async () => {
			const before = portal.emulator.portal.productsIn(23).length;
			const { output, error } = await run('upsert', {
				productKind: 'product',
				iblockId: locator('23'),
				fields: mapped({ xmlId: '102', name: 'T-shirt, organic' }, {}, ['xmlId']),
			});
			expect(error).toBeUndefined();
			expect(output[0].json).toMatchObject({ id: 102, name: 'T-shirt, organic' });
			expect(portal.emulator.portal.product(102)?.name).toBe('T-shirt, organic');
			expect(portal.emulator.portal.productsIn(23)).toHaveLength(before);
			expect(methodsCalled(portal.emulator)).toEqual([
				'catalog.product.getFieldsByFilter',
				'catalog.product.list',
				'catalog.product.update',
			]);
		});
	});

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

	describe('Get Many', () => {
		const list = (extra: Record<string, unknown>) =>
			run('getMany', { returnAll: true, ...extra } as INodeParameters);
		const SELECT = ['*', 'id', 'iblockId'];

		it.each([
			[
				'simple products',
				'product',
				23,
				{ field: 'property110', operator: 'contains', value: 'a' },
				'catalog.product.list',
				{ '%property110': 'a', type: 1 },
				[401, 402],
			],
			[
				'parent products',
				'sku',
				23,
				{ field: 'iblockSectionId', operator: 'equals', value: '12' },
				'catalog.product.sku.list',
				{ '=iblockSectionId': '12' },
				[403, 408],
			],
			[
				'variations',
				'offer',
				25,
				{ field: 'parentId', operator: 'equals', value: '403' },
				'catalog.product.offer.list',
				{ '=parentId': '403' },
				[404, 405, 406],
			],
			[
				'services',
				'service',
				23,
				{ field: 'name', operator: 'contains', value: 'i' },
				'catalog.product.service.list',
				{ '%name': 'i' },
				[104, 407],
			],
			[
				'products of every kind',
				'any',
				25,
				{ field: 'name', operator: 'contains', value: ',' },
				'catalog.product.list',
				{ '%name': ',' },
				[103, 404, 405, 406],
			],
		])(
			'lists %s with their own method and a filter',
			async (_, kind, iblockId, condition, method, filter, ids) => {
				const { output, error } = await list({
					productKindOrAny: kind,
					iblockId: locator(String(iblockId)),
					filters: { conditions: [condition] },
				});
				expect(error).toBeUndefined();
				expect(output.map((item) => item.json.id)).toEqual(ids);
				expect(output[0].json).toHaveProperty('name');
				expect(portal.emulator.restCalls(method).map((call) => [call.restMethod, call.params])).toEqual([
					[
						method,
						{
							select: SELECT,
							filter: { ...filter, iblockId, '>id': 0 },
							order: { id: 'ASC' },
							start: -1,
						},
					],
				]);
			},
		);

		it('returns all of many products in few requests, pages chained in batches', async () => {
			portal.emulator.portal.seedProducts({ count: 300, iblockId: 23 });
			const { output, error } = await list({
				productKindOrAny: 'product',
				iblockId: locator('23'),
			});
			expect(error).toBeUndefined();
			const simple = portal.emulator.portal
				.productsIn(23)
				.filter((product) => product.type === 1)
				.map((product) => product.id);
			expect(simple).toHaveLength(423);
			expect(output.map((item) => item.json.id)).toEqual(simple);
			// The first page alone, then batches of 2, 4 and 8 pages (of which 2 are read).
			expect(methodsCalled(portal.emulator)).toEqual([
				'catalog.product.list',
				'batch',
				'batch',
				'batch',
			]);
			expect(batchCommands(portal.emulator).map((commands) => commands.length)).toEqual([2, 4, 8]);
		});

		it('stops at the limit, selecting the fields chosen and the two Bitrix24 requires', async () => {
			const { output } = await run('getMany', {
				productKindOrAny: 'any',
				iblockId: locator('23'),
				returnAll: false,
				limit: 3,
				listOptions: { select: ['name'] },
			});
			expect(output.map((item) => item.json)).toEqual([
				{ id: 101, iblockId: 23, name: 'Espresso machine' },
				{ id: 102, iblockId: 23, name: 'T-shirt' },
				{ id: 104, iblockId: 23, name: 'Installation' },
			]);
			expect(portal.emulator.restCalls('catalog.product.list')).toHaveLength(1);
			expect(portal.emulator.restCalls('catalog.product.list')[0].params.select).toEqual([
				'id',
				'iblockId',
				'name',
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

	it.each([
		[
			'a product ID that is not a number',
			'get',
			{ productId: locator('={{ $json.id }}') },
			'Product ID must be a number, but got "abc" [item 1]',
		],
		[
			'no catalog to create in',
			'create',
			{
				productKind: 'product',
				iblockId: locator('={{ $json.id === 401 ? 23 : "" }}'),
				fields: mapped({ name: 'A' }),
			},
			'Catalog is empty [item 1]',
		],
		[
			'nothing to write',
			'update',
			{
				iblockId: locator('23'),
				productId: locator('401'),
				fields: mapped({ name: '={{ $json.id === 401 ? "A" : "" }}' }),
			},
			'Fields: nothing to write [item 1]',
		],
		[
			'a list for a single property',
			'update',
			{
				iblockId: locator('23'),
				productId: locator('401'),
				fields: mapped({ property110: '={{ $json.id === 401 ? "A" : ["A", "B"] }}' }),
			},
			'Fields → property110 takes one value, but got a list of 2 [item 1]',
		],
		[
			'a file property that names none',
			'downloadFile',
			{
				productId: locator('401'),
				fileField: 'property',
				fileProperty: '={{ $json.id === 401 ? 110 : "colour" }}',
				binaryPropertyName: 'data',
			},
			'Property must name a file property such as property258, but got "colour" [item 1]',
		],
		[
			'a kind the node does not know',
			'getMany',
			{ productKindOrAny: 'bundle', iblockId: locator('23') },
			'Product Kind "bundle" is not one this node knows [item 0]',
		],
	])('refuses %s before sending anything', async (_, operation, extra, message) => {
		const { error } = await run(operation, extra as INodeParameters, [{ id: 401 }, { id: 'abc' }]);
		expect(error?.message).toBe(message);
		expect(portal.emulator.requests).toEqual([]);
	});

	it('gives each failed item its error with Continue, the others their products, in one batch', async () => {
		const { output } = await run(
			'get',
			{ productId: locator('={{ $json.id }}') },
			[{ id: 401 }, { id: 999 }, { id: 'abc' }, { id: 404 }],
			{ onError: 'continueRegularOutput' },
		);
		expect(output).toEqual([
			{ json: expect.objectContaining({ id: 401 }), pairedItem: { item: 0 } },
			{
				json: {
					error: 'Bitrix24 error 0: product does not exist.',
					details: { code: '0', description: 'product does not exist.', httpCode: '400' },
				},
				pairedItem: { item: 1 },
			},
			{
				json: { error: 'Product ID must be a number, but got "abc" [item 2]' },
				pairedItem: { item: 2 },
			},
			{ json: expect.objectContaining({ id: 404 }), pairedItem: { item: 3 } },
		]);
		expect(batchedCalls(portal.emulator)).toEqual([
			[401, 999, 404].map((id) => ({ method: 'catalog.product.get', query: `id=${id}` })),
		]);
	});

	describe.each([
		['on', true, [50, 10], 0],
		['off', false, [], 60],
	])('updating 60 products with Batch Requests %s', (_, batching, batches, singles) => {
		it('writes each product and pairs each output with its item', async () => {
			const { firstId } = portal.emulator.portal.seedProducts({ count: 60, iblockId: 23 });
			const items = Array.from({ length: 60 }, (__, index) => ({
				id: firstId + index,
				name: `Renamed ${index}`,
			}));
			const { output, error } = await run(
				'update',
				{
					iblockId: locator('23'),
					productId: locator('={{ $json.id }}'),
					fields: mapped({ name: '={{ $json.name }}' }),
					// The larger plan's limit, so that 60 single requests do not wait long.
					options: { batching, plan: 'enterprise' },
				},
				items,
			);
			expect(error).toBeUndefined();
			expect(output.map((item) => [item.json.id, item.json.name, item.pairedItem])).toEqual(
				items.map(({ id, name }, item) => [id, name, { item }]),
			);
			expect(items.map(({ id }) => portal.emulator.portal.product(id)?.name)).toEqual(
				items.map(({ name }) => name),
			);
			expect(batchCommands(portal.emulator).map((commands) => commands.length)).toEqual(batches);
			expect(portal.emulator.restCalls('catalog.product.update')).toHaveLength(singles);
		});
	});

	describe('in the editor', () => {
		it("lists a kind's writable fields for Create, properties under their names, without the catalog or files", async () => {
			const { fields } = await runResourceMapping(
				'getCreateColumns',
				editor({ operation: 'create', productKind: 'sku', iblockId: locator('23') }),
			);
			const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
			expect(fields[0]).toMatchObject({ id: 'name', required: true, type: 'string' });
			expect(byId.canBuyZero).toMatchObject({ displayName: 'canBuyZero', type: 'boolean' });
			expect(byId.property111).toMatchObject({
				displayName: 'Colours (property111)',
				type: 'array',
			});
			expect(byId.property112).toMatchObject({ displayName: 'Warranty, months (property112)' });
			expect(byId.property113).toMatchObject({
				displayName: 'Material (property113)',
				type: 'options',
				options: [
					{ name: 'Cotton', value: '1301' },
					{ name: 'Steel', value: '1302' },
					{ name: 'Wool', value: '1303' },
				],
			});
			// The unit and the VAT rate are picked by name among the portal's (in ID order).
			expect(byId.measure).toMatchObject({
				type: 'options',
				options: [
					{ name: 'Meter (#1)', value: '1' },
					{ name: 'Liter (#2)', value: '2' },
					{ name: 'Gram (#3)', value: '3' },
					{ name: 'Kilogram (#4)', value: '4' },
					{ name: 'Piece (#5)', value: '5' },
				],
			});
			expect(byId.vatId).toMatchObject({
				type: 'options',
				options: [
					{ name: 'VAT 0% (#1)', value: '1' },
					{ name: 'VAT 10% (#2)', value: '2' },
					{ name: 'VAT 20% (#3)', value: '3' },
				],
			});
			for (const left of ['iblockId', 'id', 'type', 'detailPicture', 'previewPicture']) {
				expect(byId).not.toHaveProperty(left);
			}
			const listed = (select: string[]) => ({
				select,
				filter: {},
				order: { [select[1]]: 'ASC' },
				start: 0,
			});
			expect(portal.emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
				['catalog.product.sku.getFieldsByFilter', { filter: { iblockId: 23, productType: 3 } }],
				['catalog.measure.list', listed(['id', 'measureTitle'])],
				['catalog.vat.list', listed(['id', 'name'])],
			]);
		});

		it("lists a variation's fields for Update in the variations catalog", async () => {
			const { fields } = await runResourceMapping(
				'getUpdateColumns',
				editor({ operation: 'update', iblockId: locator('25') }),
			);
			expect(fields.map((field) => field.displayName)).toEqual(
				expect.arrayContaining(['Catalog Element (parentId)', 'Size (property120)', 'name']),
			);
			expect(methodsCalled(portal.emulator)).toEqual([
				'catalog.catalog.isOffers',
				'catalog.product.offer.getFieldsByFilter',
				'catalog.measure.list',
				'catalog.vat.list',
			]);
		});

		it('lists the fields to filter a list of every kind by, from the catalog', async () => {
			const options = await runLoadOptions(
				'getRecordFields',
				'filters',
				editor({ operation: 'getMany', productKindOrAny: 'any', iblockId: locator('23') }),
			);
			expect(options.map((option) => option.value)).toEqual(
				expect.arrayContaining(['id', 'name', 'type', 'property110', 'property113']),
			);
			expect(portal.emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
				['catalog.catalog.isOffers', { id: 23 }],
				['catalog.product.getFieldsByFilter', { filter: { iblockId: 23, productType: 1 } }],
			]);
		});

		it("picks a product from the chosen catalog's products by name", async () => {
			const found = await runListSearch('searchCatalogProducts', 'productId', {
				...editor({ operation: 'update', iblockId: locator('23') }),
				filter: 'hood',
			});
			expect(found).toEqual({ results: [{ name: 'Hoodie (#403)', value: '403' }] });
			expect(portal.emulator.restCalls()[0].params).toEqual({
				select: ['id', 'iblockId', 'name'],
				filter: { iblockId: 23, '%name': 'hood' },
				order: { name: 'ASC' },
				start: 0,
			});
		});

		it('asks for the catalog before listing fields', async () => {
			await expect(
				runResourceMapping('getCreateColumns', editor({ operation: 'create', productKind: 'sku' })),
			).rejects.toThrow('Choose the Catalog first, then load the fields');
			expect(portal.emulator.requests).toEqual([]);
		});
	});
});
