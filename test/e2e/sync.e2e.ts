import type { INodeParameters } from 'n8n-workflow';

import { locator, mapped } from '../harness/nodeInputs';
import { catalogNode, manualWorkflow, productFeed, useN8n } from './fixture';

/** The catalog demo's products' catalog, and its variations' catalog. */
const CATALOG = 23;
const VARIATIONS = 25;
const WRITE = /\.(add|update|delete|conduct|modify)$/;

/** A supplier's feed of two new products and a variation of one, as a user's data would come: split into items. */
const FEED = productFeed('Feed', [
	{ sku: 'SYNC-E2E-1', name: 'Burr grinder', retail: 129.9 },
	{ sku: 'SYNC-E2E-2', name: 'Pour-over kettle', retail: 59 },
	{ sku: 'SYNC-E2E-1-BLK', name: 'Burr grinder, black', retail: 139.9, parent: 'SYNC-E2E-1' },
]);

const syncNode = (syncMode: 'dryRun' | 'apply') =>
	catalogNode('Sync', {
		authentication: 'webhook',
		resource: 'product',
		operation: 'sync',
		iblockId: locator(CATALOG),
		syncMode,
		syncOutput: 'products',
		fields: mapped({ xmlId: '={{ $json.sku }}', name: '={{ $json.name }}' }),
		syncParentKey: '={{ $json.parent }}',
		syncPrices: {
			price: [{ priceType: 'BASE', price: '={{ $json.retail }}', currency: 'USD' }],
		},
	} as INodeParameters);

describe('n8n CLI: Product → Sync, a dry run, an apply and the same feed again', () => {
	const context = useN8n(5744, { catalogDemo: true });

	/** Runs a workflow with `n8n execute`; resolves with the Sync node's output and the calls sent. */
	async function execute(workflowId: string) {
		const { emulator, n8n } = context;
		emulator.clearRequests();
		// The same workflow runs twice: the execution stored after this one's start is its own.
		const after = (await n8n.storedExecutions()).length;
		const { code, output } = await n8n.execute(workflowId);
		expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
		const stored = await n8n.finishedExecution(workflowId, { after });
		expect(stored.status).toBe('success');
		const runData = stored.data.resultData.runData as Record<
			string,
			Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
		>;
		const commands = emulator.requests.flatMap(({ restMethod, params }) =>
			restMethod === 'batch'
				? Object.values(params.cmd as Record<string, string>).map((command) => command.split('?')[0])
				: restMethod === undefined
					? []
					: [restMethod],
		);
		return {
			items: runData.Sync[0].data.main[0].map((item) => item.json),
			writes: commands.filter((method) => WRITE.test(method)),
		};
	}

	const synced = () =>
		[CATALOG, VARIATIONS].flatMap((iblockId) =>
			context.emulator.portal
				.productsIn(iblockId)
				.filter((product) => String(product.fields?.xmlId ?? '').startsWith('SYNC-E2E-'))
				.map((product) => [iblockId, product.fields?.xmlId, product.name]),
		);

	beforeAll(async () => {
		await context.n8n.importWorkflows([
			manualWorkflow('e2eSyncDryRun', 'Sync: dry run', [...FEED, syncNode('dryRun')]),
			manualWorkflow('e2eSyncApply', 'Sync: apply', [...FEED, syncNode('apply')]),
		]);
	});

	it('a dry run shows the plan and writes nothing', async () => {
		const { items, writes } = await execute('e2eSyncDryRun');
		expect(items[0]).toMatchObject({ mode: 'dryRun', create: 3, update: 0, unchanged: 0 });
		expect(items.slice(1).map(({ key, action }) => [key, action])).toEqual([
			['SYNC-E2E-1', 'create'],
			['SYNC-E2E-2', 'create'],
			['SYNC-E2E-1-BLK', 'create'],
		]);
		expect(items[3]).toMatchObject({ parentKey: 'SYNC-E2E-1' });
		expect(items[1]).toMatchObject({
			changes: { prices: { BASE: { old: null, new: { price: 129.9, currency: 'USD' } } } },
		});
		expect(writes).toEqual([]);
		expect(synced()).toEqual([]);
	});

	it('an apply creates the products with their prices; the same feed again writes nothing', async () => {
		const first = await execute('e2eSyncApply');
		expect(first.items[0]).toMatchObject({ mode: 'apply', create: 3, failed: 0 });
		// The grinder has a variation: it is created as a parent product, before its variation.
		expect(first.writes.filter((method) => method.endsWith('.add')).sort()).toEqual([
			'catalog.price.add',
			'catalog.price.add',
			'catalog.price.add',
			'catalog.product.add',
			'catalog.product.offer.add',
			'catalog.product.sku.add',
		]);
		expect(synced()).toEqual([
			[CATALOG, 'SYNC-E2E-1', 'Burr grinder'],
			[CATALOG, 'SYNC-E2E-2', 'Pour-over kettle'],
			[VARIATIONS, 'SYNC-E2E-1-BLK', 'Burr grinder, black'],
		]);

		const again = await execute('e2eSyncApply');
		expect(again.items[0]).toMatchObject({ mode: 'apply', create: 0, update: 0, unchanged: 3 });
		expect(again.writes).toEqual([]);
		expect(synced()).toHaveLength(3);
	});
});
