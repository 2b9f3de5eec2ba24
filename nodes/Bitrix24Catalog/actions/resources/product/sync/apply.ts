import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Bitrix24Call, CallOutcome } from '../../../../transport';
import { fileBytesOf } from '../../../../transport/carriage';
import { deletedBefore } from '../../../kit/resentDelete';
import { planWrites } from '../../price/priceWrites';
import type { ImageUpload } from './images';
import { deleteImageCall, imageChanges, imagesListCall, imageUploadCall, portalImages } from './images';
import type { ProductPlan, Removal, SectionTree } from './plan';
import { writeMethodsOf } from './plan';
import type { PortalState, Sender } from './portalState';
import { linkToParents } from './variations';
import type { SyncSettings } from './wanted';

/** A write and the products whose outcome it decides. */
interface Write {
	call: Bitrix24Call;
	plans: ProductPlan[];
	/** What its result sets, once it came back without an error. */
	done?: (result: unknown) => void;
}

const live = (plans: ProductPlan[]) => plans.filter((plan) => !plan.error);

/**
 * Sends writes 50 to a request where they may share one (see `sendRunCalls`); a failed write
 * fails the products it was for, and nothing more is written for them.
 */
async function send(portal: Sender, writes: Write[]): Promise<void> {
	if (writes.length === 0) return;
	const outcomes: CallOutcome[] = await portal.sendAll(writes.map((write) => write.call));
	writes.forEach((write, index) => {
		const outcome = outcomes[index];
		if ('error' in outcome) {
			for (const plan of write.plans) plan.error ??= outcome.error;
		} else {
			write.done?.(outcome.result);
		}
	});
}

function idIn(result: unknown, key?: string): number | undefined {
	const record = (key ? (result as IDataObject | undefined)?.[key] : result) as IDataObject | undefined;
	const found = record && typeof record === 'object' ? record : undefined;
	const id = Number(found?.id ?? (typeof result === 'number' ? result : NaN));
	if (Number.isFinite(id) && id > 0) return id;
	// `{ document: { id } }`, `{ documentElement: { id } }`: the one object in the answer.
	const inner = Object.values((result as IDataObject) ?? {}).find((value) => value && typeof value === 'object') as IDataObject | undefined;
	const innerId = Number(inner?.id);
	return Number.isFinite(innerId) && innerId > 0 ? innerId : undefined;
}

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

/**
 * Stock through inventory documents: per store, one receipt for the increases and one write-off
 * for the decreases, each with its goods added 50 to a request, then conducted.
 */
async function writeStock(portal: Sender, settings: SyncSettings, state: PortalState, plans: ProductPlan[]): Promise<void> {
	const documents = new Map<string, { docType: 'S' | 'D'; storeId: number; lines: Array<{ plan: ProductPlan; amount: number }> }>();
	for (const plan of live(plans)) {
		if (!plan.productId) continue;
		for (const { storeId, delta } of plan.stockDeltas) {
			const docType = delta > 0 ? 'S' : 'D';
			const key = `${docType}/${storeId}`;
			const document = documents.get(key) ?? { docType, storeId, lines: [] };
			document.lines.push({ plan, amount: Math.abs(delta) });
			documents.set(key, document);
		}
	}
	if (documents.size === 0) return;
	const made = [...documents.values()].map((document) => ({ ...document, id: undefined as number | undefined }));
	await send(
		portal,
		made.map((document) => ({
			call: {
				method: 'catalog.document.add',
				params: {
					fields: {
						docType: document.docType,
						currency: settings.documentCurrency,
						responsibleId: state.userId,
						title: document.docType === 'S' ? 'Stock sync: increases' : 'Stock sync: decreases',
					},
				},
				creates: { what: 'inventory document' },
			},
			plans: document.lines.map((line) => line.plan),
			done: (result: unknown) => (document.id = idIn(result, 'document')),
		})),
	);
	const withId = made.filter((document) => document.id !== undefined);
	await send(
		portal,
		withId.flatMap((document) =>
			document.lines
				.filter((line) => !line.plan.error)
				.map(({ plan, amount }) => {
					const fields = {
						docId: document.id,
						elementId: plan.productId,
						amount,
						// No purchasing price: the adjustment changes quantities only, not what the goods cost.
						...(document.docType === 'S' ? { storeTo: document.storeId } : { storeFrom: document.storeId }),
					};
					return {
						call: {
							method: 'catalog.document.element.add',
							params: { fields },
							creates: {
								what: 'document item',
								lookup: {
									call: { method: 'catalog.document.element.list', params: { filter: { docId: document.id, elementId: plan.productId } } },
									pick: (result: unknown) => {
										const [found] = ((result as IDataObject)?.documentElements as IDataObject[] | undefined) ?? [];
										return found ? { documentElement: found } : undefined;
									},
								},
							},
						},
						plans: [plan],
					};
				}),
		),
	);
	await send(
		portal,
		withId
			.filter((document) => document.lines.some((line) => !line.plan.error))
			.map((document) => ({
				call: { method: 'catalog.document.conduct', params: { id: document.id }, creates: { what: 'conducted document', carriedOut: true } },
				plans: document.lines.map((line) => line.plan),
			})),
	);
}

/** Images read at once, at most: their bytes are held until their requests are answered. */
const UPLOAD_GROUP_BYTES = 16 * 1024 * 1024;
/** Feed images fetched at the same time. */
const PARALLEL_READS = 8;

/**
 * The uploads in groups, each read (in parallel, a few at a time) and then sent, its small files
 * 50 to a request: memory holds one group's images, not the feed's. An image that cannot be read
 * fails its product, which gets no further image.
 */
async function uploadImages(
	context: IExecuteFunctions,
	portal: Sender,
	uploads: Array<{ plan: ProductPlan; upload: ImageUpload }>,
): Promise<void> {
	let next = 0;
	while (next < uploads.length) {
		const group: Write[] = [];
		let bytes = 0;
		while (next < uploads.length && bytes < UPLOAD_GROUP_BYTES) {
			const reading = uploads.slice(next, next + PARALLEL_READS);
			next += reading.length;
			const read = await Promise.all(
				reading.map(async ({ plan, upload }) => {
					if (plan.error) return undefined;
					try {
						const call = await imageUploadCall(context, plan.productId as number, upload, plan.wanted.itemIndex);
						return { call, plans: [plan] };
					} catch (error) {
						plan.error ??= error as Error;
						return undefined;
					}
				}),
			);
			for (const write of read) {
				if (!write) continue;
				group.push(write);
				bytes += fileBytesOf(write.call.params);
			}
		}
		await send(portal, group.filter((write) => !write.plans[0].error));
	}
}

/** Images that differ: listed, the ones out of order deleted, the rest uploaded, then the fingerprints kept. */
async function writeImages(context: IExecuteFunctions, portal: Sender, settings: SyncSettings, plans: ProductPlan[]): Promise<void> {
	const property = settings.fingerprintProperty;
	const changing = live(plans).filter((plan) => plan.images && plan.productId);
	if (!property || changing.length === 0) return;
	const current = new Map<ProductPlan, ReturnType<typeof portalImages>>();
	await send(
		portal,
		changing
			.filter((plan) => plan.action !== 'create')
			.map((plan) => ({
				call: imagesListCall(plan.productId as number),
				plans: [plan],
				done: (result: unknown) => current.set(plan, portalImages(result)),
			})),
	);
	const steps = live(changing).map((plan) => ({ plan, ...imageChanges(current.get(plan) ?? [], plan.images ?? []) }));
	await send(
		portal,
		steps.flatMap(({ plan, deletes }) => deletes.map((image) => ({ call: deleteImageCall(plan.productId as number, image.id), plans: [plan] }))),
	);
	await uploadImages(
		context,
		portal,
		steps.flatMap(({ plan, uploads }) => uploads.map((upload) => ({ plan, upload }))),
	);
	await send(
		portal,
		live(changing).map((plan) => ({
			call: {
				method: 'catalog.product.update',
				params: {
					id: plan.productId,
					fields: { [property]: { value: (plan.images ?? []).map((image) => image.fingerprint).join(',') } },
				},
			},
			plans: [plan],
		})),
	);
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
