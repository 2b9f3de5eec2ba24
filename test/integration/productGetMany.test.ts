import type { INodeParameters } from 'n8n-workflow';

import { AUTHENTICATIONS, locator } from '../harness/nodeInputs';
import { batchCommands } from './fixtures';
import { methodsCalled, useProductResource } from './productResourceRuns';

/** Product resource: Get Many, its filters, the whole list in chained pages, a limit and the fields chosen. */

describe.each(AUTHENTICATIONS)('Product resource with %s credentials', (authentication) => {
	const { portal, run } = useProductResource(authentication);

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
});
