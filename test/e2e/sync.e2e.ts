import type { INodeParameters } from 'n8n-workflow';

import { locator, mapped } from '../harness/nodeInputs';
import type { WorkflowNode } from './fixture';
import { catalogNode, manualWorkflow, useN8n } from './fixture';

/** The catalog demo's simple products' catalog. */
const CATALOG = 23;
const WRITE = /\.(add|update|delete|conduct|modify)$/;

/** A supplier's feed of two new products, as a user's data would come: split into items. */
const FEED: WorkflowNode[] = [
	{
		name: 'Feed',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			mode: 'raw',
			jsonOutput: JSON.stringify({
				products: [
					{ sku: 'SYNC-E2E-1', name: 'Burr grinder', retail: 129.9 },
					{ sku: 'SYNC-E2E-2', name: 'Pour-over kettle', retail: 59 },
				],
			}),
			options: {},
		},
	},
	{
		name: 'Each product',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		parameters: { fieldToSplitOut: 'products', options: {} },
	},
];

const syncNode = (syncMode: 'dryRun' | 'apply') =>
	catalogNode('Sync', {
		authentication: 'webhook',
		resource: 'product',
		operation: 'sync',
		iblockId: locator(CATALOG),
		syncMode,
		syncOutput: 'products',
		fields: mapped({ xmlId: '={{ $json.sku }}', name: '={{ $json.name }}' }),
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
		context.emulator.portal
			.productsIn(CATALOG)
			.filter((product) => String(product.fields?.xmlId ?? '').startsWith('SYNC-E2E-'))
			.map((product) => [product.fields?.xmlId, product.name]);

	beforeAll(async () => {
		await context.n8n.importWorkflows([
			manualWorkflow('e2eSyncDryRun', 'Sync: dry run', [...FEED, syncNode('dryRun')]),
			manualWorkflow('e2eSyncApply', 'Sync: apply', [...FEED, syncNode('apply')]),
		]);
	});

	it('a dry run shows the plan and writes nothing', async () => {
		const { items, writes } = await execute('e2eSyncDryRun');
		expect(items[0]).toMatchObject({ mode: 'dryRun', create: 2, update: 0, unchanged: 0 });
		expect(items.slice(1).map(({ key, action }) => [key, action])).toEqual([
			['SYNC-E2E-1', 'create'],
			['SYNC-E2E-2', 'create'],
		]);
		expect(items[1]).toMatchObject({
			changes: { prices: { BASE: { old: null, new: { price: 129.9, currency: 'USD' } } } },
		});
		expect(writes).toEqual([]);
		expect(synced()).toEqual([]);
	});

	it('an apply creates the products with their prices; the same feed again writes nothing', async () => {
		const first = await execute('e2eSyncApply');
		expect(first.items[0]).toMatchObject({ mode: 'apply', create: 2, failed: 0 });
		expect(first.writes.filter((method) => method === 'catalog.product.add')).toHaveLength(2);
		expect(first.writes.filter((method) => method === 'catalog.price.add')).toHaveLength(2);
		expect(synced()).toEqual([
			['SYNC-E2E-1', 'Burr grinder'],
			['SYNC-E2E-2', 'Pour-over kettle'],
		]);

		const again = await execute('e2eSyncApply');
		expect(again.items[0]).toMatchObject({ mode: 'apply', create: 0, update: 0, unchanged: 2 });
		expect(again.writes).toEqual([]);
		expect(synced()).toHaveLength(2);
	});
});
