import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemError } from '../../../../helpers/itemError';
import type { CallOutcome } from '../../../../transport';
import { mayRideInBatch } from '../../../../transport/carriage';
import { callBitrix24 } from '../../../../transport';
import type { RequestMeter } from '../../../../transport/requestMeter';
import { metered } from '../../../../transport/requestMeter';
import { sendRunCalls } from '../../../../transport/runCalls';
import { readParents } from '../../../kit/parents';
import { runState } from '../../../kit/runState';
import type { ItemPlan, Operation } from '../../../operation';
import { productSpec } from '../spec';
import { applyPlan } from './apply';
import { syncFields } from './description';
import type { ProductPlan, Removal } from './plan';
import { namedIds, planProduct, planRemovals, readsVariations, refusedPlan, resolve } from './plan';
import type { Sender } from './portalState';
import { readPortalState, readPricesAndStock } from './portalState';
import type { SyncSettings, WantedProduct } from './wanted';
import { readSettings, readWanted } from './wanted';
import { feedLinks, linkToParents, parentFields, variationsCatalog } from './variations';

/** What toItems gets for one product. */
interface ProductOutcome {
	key: string;
	parentKey?: string;
	productId: number | null;
	action: string;
	changes: IDataObject;
}

/**
 * Per run: when it started, the settings read once, the summary it ends with, and the context its
 * requests go through, counted from the first item's checks to the last write.
 */
interface SyncRun {
	started: number;
	settings?: SyncSettings;
	summary?: IDataObject;
	metered?: { context: IExecuteFunctions; meter: RequestMeter };
}

const runs = new WeakMap<object, SyncRun>();
const runOf = (context: IExecuteFunctions): SyncRun => runState(runs, context, (): SyncRun => ({ started: Date.now() }));

function meteredOf(context: IExecuteFunctions): { context: IExecuteFunctions; meter: RequestMeter } {
	const run = runOf(context);
	run.metered ??= metered(context);
	return run.metered;
}

function settingsOf(context: IExecuteFunctions, itemIndex: number): SyncSettings {
	const run = runOf(context);
	const { iblockId } = readParents(context, productSpec, itemIndex) as { iblockId: number };
	run.settings ??= readSettings(context, iblockId);
	if (run.settings.iblockId !== iblockId) {
		throw itemError(
			context.getNode(),
			`Catalog ${iblockId} is not the catalog of item 0 (${run.settings.iblockId}): one sync brings one catalog in line`,
			itemIndex,
		);
	}
	return run.settings;
}

function outcomeOf(plan: ProductPlan): ProductOutcome {
	return {
		key: plan.wanted.key,
		...(plan.parent ? { parentKey: plan.parent.key } : {}),
		productId: plan.productId ?? null,
		action: plan.action,
		changes: plan.changes as IDataObject,
	};
}

/**
 * Product → Sync: each item is the wanted state of one product. The catalog is read in bulk,
 * compared with the feed, and only what differs is written (or, in a dry run, shown).
 */
export const syncProducts: Operation<WantedProduct> = {
	description: syncFields,
	methods: [
		'catalog.product.list',
		'catalog.product.add',
		'catalog.product.sku.add',
		'catalog.product.service.add',
		'catalog.product.offer.add',
		'catalog.product.offer.list',
		'catalog.product.offer.update',
		'catalog.catalog.list',
		'catalog.product.update',
		'catalog.product.delete',
		'catalog.priceType.list',
		'catalog.price.list',
		'catalog.price.add',
		'catalog.price.update',
		'catalog.store.list',
		'catalog.storeproduct.list',
		'catalog.document.mode.status',
		'catalog.document.list',
		'catalog.document.add',
		'catalog.document.delete',
		'catalog.document.element.add',
		'catalog.document.element.list',
		'catalog.document.conduct',
		'catalog.section.list',
		'catalog.section.add',
		'catalog.productImage.list',
		'catalog.productImage.add',
		'catalog.productImage.delete',
		// And `profile` (a basic method, outside the catalog's): the user stock documents are made out to.
	],
	async build(itemIndex) {
		const settings = settingsOf(this, itemIndex);
		const { verify } = await readWanted(meteredOf(this).context, settings, itemIndex);
		// The call stands for the item in the router's steps: `sendItems` reads and writes for all items.
		return { verify: async () => ({ call: { method: 'catalog.product.list', params: {} }, input: await verify() }) };
	},
	resultShape: { expected: 'an outcome', problem: () => undefined },
	async sendItems(plans: Array<ItemPlan<WantedProduct>>) {
		const run = runOf(this);
		const settings = run.settings ?? settingsOf(this, 0);
		const node = this.getNode();
		const refused = this.getInputData().length - plans.length;
		if (settings.missing === 'delete' && plans.length === 0) {
			throw itemError(node, 'Products Not in the Feed: Delete with an empty feed is refused', 0, 'Every product of the scope would be deleted.');
		}
		if (plans.length === 0) {
			run.summary = { mode: settings.apply ? 'apply' : 'dryRun', catalog: settings.iblockId, failed: refused };
			return new Map();
		}
		const { context, meter } = meteredOf(this);
		const [{ settings: transport, itemIndex: first }] = plans;
		const portal: Sender = {
			send: async (call) => await callBitrix24.call(context, call, transport, first),
			sendAll: async (calls) =>
				await sendRunCalls.call(context, calls.map((call) => ({ call, settings: transport, itemIndex: first })), { stopAtFailure: false }),
			mayBatch: (call) => mayRideInBatch(call, transport.batching),
		};
		const wanted = plans.map((plan) => plan.input);
		const variationsIblockId = readsVariations(settings, wanted) ? await variationsCatalog(this, settings.iblockId, portal.send) : undefined;
		const state = await readPortalState(node, portal, settings, wanted, variationsIblockId);
		const resolved = resolve(settings, state);
		const { priceTypeIds, storeIds } = namedIds(wanted, resolved);
		await readPricesAndStock(node, portal, state, priceTypeIds, storeIds);

		// Compared: a refused item stops the run before any write, unless Continue On Fail.
		const links = feedLinks(wanted);
		await parentFields(this, settings, links, resolved.byKey, first);
		const productPlans = wanted.map((item): ProductPlan => {
			try {
				return planProduct(node, settings, state, resolved, links, item);
			} catch (error) {
				// A refusal of the item's own: n8n hands back a NodeOperationError unchanged.
				if (!this.continueOnFail()) throw new NodeOperationError(node, error as Error, { itemIndex: item.itemIndex });
				return refusedPlan(settings, item, error as Error);
			}
		});
		// A variation whose parent item was refused is refused with it (only Continue On Fail gets here).
		linkToParents(node, productPlans, false);
		const failedBefore = refused + productPlans.filter((plan) => plan.error).length;
		// A refused item's product is in the feed too: with one, nothing is removed.
		const removals: Removal[] = failedBefore === 0 ? planRemovals(settings, state, wanted) : [];
		const removalFailures = settings.apply
			? await applyPlan(this, portal, settings, state, resolved.sections, productPlans, removals)
			: new Map<Removal, Error>();

		const count = (action: string) => productPlans.filter((plan) => !plan.error && plan.action === action).length;
		run.summary = {
			mode: settings.apply ? 'apply' : 'dryRun',
			catalog: settings.iblockId,
			key: settings.keyField,
			...(state.inventoryManagement === undefined ? {} : { stock: state.inventoryManagement ? 'inventory documents' : 'quantity field' }),
			create: count('create'),
			update: count('update'),
			unchanged: count('unchanged'),
			remove: removals.length - removalFailures.size,
			failed: refused + productPlans.filter((plan) => plan.error).length + removalFailures.size,
			...(settings.missing !== 'leave' && failedBefore > 0
				? { removalSkipped: `${failedBefore} item(s) failed their checks: no product was ${settings.missing === 'delete' ? 'deleted' : 'deactivated'}` }
				: {}),
			removals: removals.map((removal) => ({
				productId: removal.productId,
				key: removal.key,
				...(removal.parentKey === undefined ? {} : { parentKey: removal.parentKey }),
				action: removal.action,
				...(removalFailures.has(removal) ? { error: removalFailures.get(removal)?.message } : {}),
			})),
			requests: meter.requests,
			portalTimeSeconds: Math.round(meter.portalSeconds * 1000) / 1000,
			wallTimeMs: Date.now() - run.started,
		};
		const outcomes = new Map<number, CallOutcome>();
		for (const plan of productPlans) {
			outcomes.set(plan.wanted.itemIndex, plan.error ? { error: plan.error } : { result: outcomeOf(plan) });
		}
		return outcomes;
	},
	toItems(result, _input, { itemIndex }): INodeExecutionData[] {
		const settings = runOf(this).settings;
		return settings?.eachProduct ? [{ json: result as IDataObject, pairedItem: { item: itemIndex } }] : [];
	},
	finish() {
		const { summary } = runOf(this);
		const items = this.getInputData();
		return summary ? [{ json: summary, pairedItem: items.map((_, item) => ({ item })) }] : [];
	},
};
