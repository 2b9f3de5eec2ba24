import type { INodeParameters } from 'n8n-workflow';

import { AUTHENTICATIONS, locator, mapped } from '../harness/nodeInputs';
import { batchCommands } from './fixtures';
import { batchedCalls, useProductResource } from './productResourceRuns';

/** Product resource: every item its output or its error (bad input, Continue), and many items in batches. */

describe.each(AUTHENTICATIONS)('Product resource with %s credentials', (authentication) => {
	const { portal, run } = useProductResource(authentication);

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
});
