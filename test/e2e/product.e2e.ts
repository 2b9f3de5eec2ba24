import type { INodeParameters } from 'n8n-workflow';

import { postJson, resultOf } from '../emulator/testClient';
import { batchCommands } from '../harness/batches';
import { locator, mapped } from '../harness/nodeInputs';
import { catalogNode, manualWorkflow, productFeed, useN8n } from './fixture';

/** The catalog demo's simple products' catalog, and its text property "Brand". */
const CATALOG = 23;
const BRAND = 110;

const product = (parameters: Record<string, unknown>) =>
	({ authentication: 'webhook', resource: 'product', ...parameters }) as INodeParameters;

/** Two items from nothing, as a user's data would come: one JSON, split into its products. */
const FEED = productFeed('Products', [
	{ xmlId: 'grinder-c40', name: 'Coffee grinder C40', brand: 'Comandante' },
	{ xmlId: 'kettle-stagg', name: 'Stagg kettle', brand: 'Fellow' },
]);

describe('n8n CLI: products created, read, updated and deleted through the resource mapper', () => {
	const context = useN8n(5698, { catalogDemo: true });

	/** A product as the portal answers catalog.product.get now: what the node must output. */
	const portalRecord = async (id: number) =>
		resultOf(await postJson(`${context.emulator.webhookUrl()}catalog.product.get`, { id })).product;

	/**
	 * Runs a workflow with `n8n execute` and waits for the execution n8n stored to end; resolves
	 * with what its node `node` output there, and the REST calls the portal received meanwhile.
	 */
	async function execute(workflowId: string, node: string) {
		const { emulator, n8n } = context;
		emulator.clearRequests();
		const { code, output } = await n8n.execute(workflowId);
		expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
		const stored = await n8n.finishedExecution(workflowId);
		expect(stored.status).toBe('success');
		const runData = stored.data.resultData.runData as Record<
			string,
			Array<{ data: { main: unknown[][] } }>
		>;
		return {
			output: runData[node][0].data.main[0],
			calls: emulator.restCalls().map((call) => [call.restMethod, call.params]),
		};
	}

	/** The values a product holds in a property, as the portal keeps them. */
	const valuesOf = (id: number, propertyId: number) =>
		context.emulator.portal.properties.valuesOf(id, propertyId).map(({ value }) => value);

	beforeAll(async () => {
		await context.n8n.importWorkflows([
			manualWorkflow('e2eProductCreate', 'Create a product', [
				catalogNode(
					'Create product',
					product({
						operation: 'create',
						productKind: 'product',
						iblockId: locator(String(CATALOG), 'list'),
						fields: mapped({ name: 'Pour-over kettle', [`property${BRAND}`]: 'Fellow' }),
					}),
				),
			]),
			manualWorkflow('e2eProductUpsert', 'Create or update products', [
				...FEED,
				catalogNode(
					'Create or update product',
					product({
						operation: 'upsert',
						productKind: 'product',
						iblockId: locator(String(CATALOG), 'list'),
						fields: mapped(
							{
								xmlId: '={{ $json.xmlId }}',
								name: '={{ $json.name }}',
								[`property${BRAND}`]: '={{ $json.brand }}',
							},
							{},
							['xmlId'],
						),
					}),
				),
			]),
		]);
	});

	describe('one product, step by step', () => {
		let id = 0;

		it('creates it with a name and a property value', async () => {
			const { emulator } = context;
			const { output, calls } = await execute('e2eProductCreate', 'Create product');

			// The product fields the values are checked against, read once, then the add.
			expect(calls).toEqual([
				['catalog.product.getFieldsByFilter', { filter: { iblockId: CATALOG, productType: 1 } }],
				[
					'catalog.product.add',
					{
						fields: {
							name: 'Pour-over kettle',
							property110: { value: 'Fellow' },
							iblockId: CATALOG,
						},
					},
				],
			]);
			id = (output[0] as { json: { id: number } }).json.id;
			expect(emulator.portal.product(id)).toMatchObject({
				name: 'Pour-over kettle',
				iblockId: CATALOG,
				type: 1,
			});
			expect(valuesOf(id, BRAND)).toEqual(['Fellow']);
			const record = await portalRecord(id);
			expect(record).toMatchObject({
				id,
				name: 'Pour-over kettle',
				property110: { value: 'Fellow' },
			});
			expect(output).toEqual([{ json: record, pairedItem: { item: 0 } }]);
		});

		it('gets it', async () => {
			// The product's ID is known once it exists: the next workflows name it, as a user's would.
			await context.n8n.importWorkflows([
				manualWorkflow('e2eProductGetOne', 'Get the product', [
					catalogNode('Get product', product({ operation: 'get', productId: locator(String(id)) })),
				]),
				manualWorkflow('e2eProductUpdate', 'Rename the product', [
					catalogNode(
						'Update product',
						product({
							operation: 'update',
							iblockId: locator(String(CATALOG), 'list'),
							productId: locator(String(id)),
							fields: mapped({ name: 'Pour-over kettle, matte black' }),
						}),
					),
				]),
				manualWorkflow('e2eProductDelete', 'Delete the product', [
					catalogNode(
						'Delete product',
						product({ operation: 'delete', productId: locator(String(id)) }),
					),
				]),
			]);
			const before = await portalRecord(id);
			const { output, calls } = await execute('e2eProductGetOne', 'Get product');

			expect(calls).toEqual([['catalog.product.get', { id }]]);
			expect(output).toEqual([{ json: before, pairedItem: { item: 0 } }]);
			expect(await portalRecord(id)).toEqual(before);
		});

		it('updates its name, keeping its property value', async () => {
			const { emulator } = context;
			const { output, calls } = await execute('e2eProductUpdate', 'Update product');

			// Any kind: the catalog says which fields its products have, read once, then the update.
			expect(calls).toEqual([
				['catalog.catalog.isOffers', { id: CATALOG }],
				['catalog.product.getFieldsByFilter', { filter: { iblockId: CATALOG, productType: 1 } }],
				[
					'catalog.product.update',
					{ id, fields: { name: 'Pour-over kettle, matte black', iblockId: String(CATALOG) } },
				],
			]);
			expect(emulator.portal.product(id)).toMatchObject({ name: 'Pour-over kettle, matte black' });
			expect(valuesOf(id, BRAND)).toEqual(['Fellow']);
			const record = await portalRecord(id);
			expect(record).toMatchObject({
				id,
				name: 'Pour-over kettle, matte black',
				property110: { value: 'Fellow' },
			});
			expect(output).toEqual([{ json: record, pairedItem: { item: 0 } }]);
		});

		it('deletes it', async () => {
			const { output, calls } = await execute('e2eProductDelete', 'Delete product');

			expect(calls).toEqual([['catalog.product.delete', { id }]]);
			expect(output).toEqual([{ json: { result: true }, pairedItem: { item: 0 } }]);
			expect(context.emulator.portal.product(id)).toBeUndefined();
		});
	});

	it('creates or updates two products matched on their XML ID: one it finds, one it creates', async () => {
		const { emulator } = context;
		// The portal knows the grinder by the code of the system it is synchronised with.
		emulator.portal.updateProduct(401, { fields: { xmlId: 'grinder-c40' } });
		const count = emulator.portal.productsIn(CATALOG).length;
		const { output, calls } = await execute('e2eProductUpsert', 'Create or update product');

		const created = emulator.portal
			.productsIn(CATALOG)
			.find((candidate) => candidate.fields?.xmlId === 'kettle-stagg');
		expect(emulator.portal.productsIn(CATALOG)).toHaveLength(count + 1);
		expect(emulator.portal.product(401)).toMatchObject({
			name: 'Coffee grinder C40',
			fields: expect.objectContaining({ xmlId: 'grinder-c40' }),
		});
		expect(created).toMatchObject({ name: 'Stagg kettle', iblockId: CATALOG, type: 1 });
		expect(valuesOf(401, BRAND)).toEqual(['Comandante']);
		expect(valuesOf(401, 111)).toEqual(['black', 'white']);
		expect(valuesOf(created!.id, BRAND)).toEqual(['Fellow']);
		// The product fields, read once; the lookups in one batch, then the update and the add in the next.
		expect(calls.map(([method]) => method)).toEqual(['catalog.product.getFieldsByFilter', 'batch', 'batch']);
		expect(
			batchCommands(emulator).map((commands) =>
				commands.map((command) => decodeURIComponent(command)),
			),
		).toEqual([
			[
				'catalog.product.list?select[0]=id&select[1]=iblockId&filter[iblockId]=23&filter[=xmlId]=grinder-c40&order[id]=ASC&start=-1',
				'catalog.product.list?select[0]=id&select[1]=iblockId&filter[iblockId]=23&filter[=xmlId]=kettle-stagg&order[id]=ASC&start=-1',
			],
			[
				'catalog.product.update?id=401&fields[xmlId]=grinder-c40&fields[name]=Coffee grinder C40&fields[property110][value]=Comandante&fields[iblockId]=23',
				'catalog.product.add?fields[xmlId]=kettle-stagg&fields[name]=Stagg kettle&fields[property110][value]=Fellow&fields[iblockId]=23',
			],
		]);
		expect(output).toEqual([
			{ json: await portalRecord(401), pairedItem: { item: 0 } },
			{ json: await portalRecord(created!.id), pairedItem: { item: 1 } },
		]);
	});
});
