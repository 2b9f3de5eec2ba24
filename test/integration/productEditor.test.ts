import { runListSearch, runLoadOptions, runResourceMapping } from '../harness/listSearch';
import { AUTHENTICATIONS, locator } from '../harness/nodeInputs';
import { methodsCalled, useProductResource } from './productResourceRuns';

/** Product resource in the editor: the fields to map or filter by, and the product picker. */

describe.each(AUTHENTICATIONS)('Product resource with %s credentials', (authentication) => {
	const { portal, editor } = useProductResource(authentication);

	describe('in the editor', () => {
		it("lists a kind's writable fields for Create, properties under their names, without the catalog or files", async () => {
			const { fields } = await runResourceMapping(
				'getCreateColumns',
				editor({ operation: 'create', productKind: 'sku', iblockId: locator('23') }),
			);
			const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
			expect(fields[0]).toMatchObject({ id: 'name', required: true, type: 'string' });
			// Readable names, the API name beside them.
			expect(byId.canBuyZero).toMatchObject({
				displayName: 'Can Buy Zero (canBuyZero)',
				type: 'boolean',
			});
			expect(byId.xmlId).toMatchObject({ displayName: 'XML ID (xmlId)' });
			expect(byId.vatIncluded).toMatchObject({ displayName: 'VAT Included (vatIncluded)' });
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
				expect.arrayContaining(['Catalog Element (parentId)', 'Size (property120)', 'Name (name)']),
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
			// By readable name, the API name beside it, as the mapping form shows them.
			expect(options).toEqual(
				expect.arrayContaining([
					{ name: 'ID (id)', value: 'id' },
					{ name: 'Modified On (timestampX)', value: 'timestampX' },
					{ name: 'Brand (property110)', value: 'property110' },
				]),
			);
			const names = options.map((option) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
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

		// The mapping form shows the notice in place of its fields; an error would read "No fields found".
		it.each(['getCreateColumns', 'getUpsertColumns', 'getUpdateColumns'])(
			'%s asks for the catalog before listing fields',
			async (method) => {
				const operation = { getCreateColumns: 'create', getUpsertColumns: 'upsert' }[method] ?? 'update';
				await expect(
					runResourceMapping(
					method as 'getCreateColumns',
					editor({ operation, productKind: 'sku' }),
				),
				).resolves.toEqual({
					fields: [],
					emptyFieldsNotice: 'Choose the Catalog first, then load the fields',
				});
				expect(portal.emulator.requests).toEqual([]);
			},
		);

		it('asks for the catalog before listing the fields to filter on', async () => {
			await expect(
				runLoadOptions('getRecordFields', 'filters', editor({ operation: 'getMany' })),
			).rejects.toThrow('Choose the Catalog first, then load the fields');
			expect(portal.emulator.requests).toEqual([]);
		});
	});
});
