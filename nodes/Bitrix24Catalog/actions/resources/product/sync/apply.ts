import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { deletedBefore } from '../../../kit/resentDelete';
import { planWrites } from '../../price/priceWrites';
import { writeImages } from './imageWrites';
import type { ProductPlan, Removal, SectionTree } from './plan';
import { writeMethodsOf } from './plan';
import type { PortalState, Sender } from './portalState';
import { writeStock } from './stockWrites';
import { linkToParents } from './variations';
import type { SyncSettings } from './wanted';
import type { Write } from './writes';
import { idIn, live, send } from './writes';

/** Missing sections, a level at a time from the root, each path once. */
async function createSections(portal: Sender, settings: SyncSettings, tree: SectionTree, plans: ProductPlan[]): Promise<void> {
	const needing = live(plans).filter((plan) => plan.sectionPath);
	const depth = Math.max(0, ...needing.map((plan) => plan.sectionPath?.length ?? 0));
	for (let level = 1; level <= depth; level++) {
		const byPath = new Map<string, { path: string[]; plans: ProductPlan[] }>();
		for (const plan of live(needing)) {
			const path = plan.sectionPath?.slice(0, level) ?? [];
			if (path.length < level || tree.find(path) !== undefined) continue;
			const key = path.join('/').toLowerCase();
			const entry = byPath.get(key) ?? { path, plans: [] };
			entry.plans.push(plan);
			byPath.set(key, entry);
		}
		await send(
			portal,
			[...byPath.values()].map(({ path, plans: waiting }) => {
				const parent = level > 1 ? tree.find(path.slice(0, -1)) : undefined;
				const fields = { iblockId: settings.iblockId, name: path[path.length - 1], ...(parent ? { iblockSectionId: parent } : {}) };
				const filter = { iblockId: settings.iblockId, '=name': fields.name, ...(parent ? { iblockSectionId: parent } : {}) };
				return {
					call: {
						method: 'catalog.section.add',
						params: { fields },
						creates: {
							what: 'section',
							lookup: {
								call: { method: 'catalog.section.list', params: { select: ['id', 'name', 'iblockSectionId'], filter, start: -1 } },
								pick: (result: unknown) => {
									const found = (((result as IDataObject)?.sections as IDataObject[] | undefined) ?? []).find(
										(section) => Number(section.iblockSectionId ?? 0) === (parent ?? 0),
									);
									return found ? { section: found } : undefined;
								},
							},
						},
					},
					plans: waiting,
					done: (result) => {
						const id = idIn(result, 'section');
						if (id) tree.add(path, id);
					},
				};
			}),
		);
	}
	for (const plan of live(needing)) {
		const id = tree.find(plan.sectionPath ?? []);
		if (id !== undefined) plan.writes.iblockSectionId = id;
	}
}

/**
 * New products added, changed fields of the others updated, each through its kind's methods
 * and in its catalog (a variation: the variations catalog): one call each, 50 to a request.
 */
async function writeProducts(portal: Sender, settings: SyncSettings, plans: ProductPlan[]): Promise<void> {
	const writes: Write[] = [];
	for (const plan of live(plans)) {
		const methods = writeMethodsOf(plan.kind);
		if (plan.action === 'create') {
			const fields = { ...plan.writes, iblockId: plan.iblockId };
			writes.push({
				call: {
					method: methods.add,
					params: { fields },
					// The add's answer was lost: the product it made is the one with the key in its catalog.
					creates: {
						what: methods.noun,
						lookup: {
							call: {
								method: methods.list,
								params: {
									select: ['id', 'iblockId'],
									filter: { iblockId: plan.iblockId, [`=${settings.keyField}`]: plan.wanted.key },
									start: -1,
								},
							},
							pick: (result) => {
								const [found] = ((result as IDataObject)?.[methods.listKey] as IDataObject[] | undefined) ?? [];
								return found ? { [methods.written]: found } : undefined;
							},
						},
					},
				},
				plans: [plan],
				done: (result) => (plan.productId = idIn(result, methods.written)),
			});
		} else if (plan.productId && Object.keys(plan.writes).length > 0) {
			writes.push({
				call: { method: methods.update, params: { id: plan.productId, fields: plan.writes } },
				plans: [plan],
			});
		}
	}
	await send(portal, writes);
}

/** The named prices that differ; a new product's all. */
async function writePrices(context: IExecuteFunctions, portal: Sender, plans: ProductPlan[]): Promise<void> {
	const writes: Write[] = [];
	for (const plan of live(plans)) {
		if (!plan.productId) continue;
		const calls =
			plan.action === 'create'
				? planWrites(context.getNode(), { productId: plan.productId, prices: plan.prices, removeOthers: false }, [], plan.wanted.itemIndex).writes
				: plan.priceWrites;
		for (const { call } of calls) writes.push({ call, plans: [plan] });
	}
	await send(portal, writes);
}

/** The products not in the feed made inactive or deleted. */
async function writeRemovals(portal: Sender, removals: Removal[]): Promise<Map<Removal, Error>> {
	const failed = new Map<Removal, Error>();
	const outcomes = await portal.sendAll(
		removals.map(({ productId, action }) =>
			action === 'delete'
				? { method: 'catalog.product.delete', params: { id: productId }, resultOfFailure: deletedBefore }
				: { method: 'catalog.product.update', params: { id: productId, fields: { active: 'N' } } },
		),
	);
	outcomes.forEach((outcome, index) => {
		if ('error' in outcome) failed.set(removals[index], outcome.error);
	});
	return failed;
}

/**
 * Carries out the plan in rounds, each depending on the one before: sections, products,
 * variations, prices, stock, images, then the products not in the feed. A product that fails
 * goes no further, nor do its variations.
 */
export async function applyPlan(
	context: IExecuteFunctions,
	portal: Sender,
	settings: SyncSettings,
	state: PortalState,
	tree: SectionTree,
	plans: ProductPlan[],
	removals: Removal[],
): Promise<Map<Removal, Error>> {
	const acting = plans.filter((plan) => plan.action !== 'unchanged');
	const variations = acting.filter((plan) => plan.parent);
	const products = acting.filter((plan) => !plan.parent);
	await createSections(portal, settings, tree, acting);
	await writeProducts(portal, settings, products);
	// Variations once their parents have IDs: a parent new in this run is made first.
	linkToParents(context.getNode(), plans, true);
	await writeProducts(portal, settings, variations);
	await writePrices(context, portal, acting);
	await writeStock(portal, settings, state, acting);
	await writeImages(context, portal, settings, products);
	await writeImages(context, portal, { ...settings, fingerprintProperty: settings.variationFingerprintProperty }, variations);
	return removals.length > 0 ? await writeRemovals(portal, removals) : new Map();
}
