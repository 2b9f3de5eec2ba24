import { AUTHENTICATIONS, locator, mapped } from '../harness/nodeInputs';
import { methodsCalled, useProductResource } from './productResourceRuns';

/** Product resource: Create and Create or Update, each kind with its own method. */

describe.each(AUTHENTICATIONS)('Product resource with %s credentials', (authentication) => {
	const { portal, run } = useProductResource(authentication);

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
});
