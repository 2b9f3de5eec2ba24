import type { IDataObject } from 'n8n-workflow';

import type { Bitrix24Call } from '../../../../transport';
import { deletedBefore } from '../../../kit/resentDelete';

import type { ProductPlan } from './plan';
import type { PortalState, Sender } from './portalState';
import type { SyncSettings } from './wanted';
import type { Write } from './writes';
import { idIn, live, send } from './writes';

/** The title of the documents a sync of the catalog makes, by which a stopped run's drafts are known. */
function documentTitle(iblockId: number, docType: 'S' | 'D'): string {
	return `Stock sync of catalog ${iblockId}: ${docType === 'S' ? 'increases' : 'decreases'}`;
}

/**
 * A draft of the sync's this old was left by a stopped run; a younger one may be another run's at
 * work on the catalog, and is not touched.
 */
const LEFT_DRAFT_AGE_MS = 3 * 60 * 60 * 1000;

/** The drafts earlier syncs of the catalog may have left: made by a sync, never conducted. */
function draftsCall(iblockId: number): Bitrix24Call {
	return {
		method: 'catalog.document.list',
		params: {
			select: ['id', 'dateCreate'],
			filter: { '@title': [documentTitle(iblockId, 'S'), documentTitle(iblockId, 'D')], status: 'N' },
			order: { id: 'ASC' },
		},
	};
}

/**
 * Stock through inventory documents: per store, one receipt for the increases and one write-off
 * for the decreases, each with its goods added 50 to a request, then conducted. A draft a stopped
 * run left (older than LEFT_DRAFT_AGE_MS) changed no stock, and this run makes the same change
 * anew: the draft is deleted, so that nobody conducts it later and changes the stock twice.
 */
export async function writeStock(portal: Sender, settings: SyncSettings, state: PortalState, plans: ProductPlan[]): Promise<void> {
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
	const leftDrafts: number[] = [];
	// The drafts are listed in the request that adds this run's documents, before them.
	const listDrafts: Write = {
		call: draftsCall(settings.iblockId),
		plans: [],
		done: (result) => {
			const before = Date.now() - LEFT_DRAFT_AGE_MS;
			for (const draft of ((result as IDataObject)?.documents as IDataObject[] | undefined) ?? []) {
				if (Date.parse(String(draft.dateCreate)) < before) leftDrafts.push(Number(draft.id));
			}
		},
	};
	await send(portal, [
		listDrafts,
		...made.map((document): Write => ({
			call: {
				method: 'catalog.document.add',
				params: {
					fields: {
						docType: document.docType,
						currency: settings.documentCurrency,
						responsibleId: state.userId,
						title: documentTitle(settings.iblockId, document.docType),
					},
				},
				creates: { what: 'inventory document' },
			},
			plans: document.lines.map((line) => line.plan),
			done: (result: unknown) => (document.id = idIn(result, 'document')),
		})),
	]);
	const withId = made.filter((document) => document.id !== undefined);
	// The drafts go in the request that adds this run's goods; a draft that will not go fails no product.
	const deleteDrafts = leftDrafts.map(
		(id): Write => ({ call: { method: 'catalog.document.delete', params: { id }, resultOfFailure: deletedBefore }, plans: [] }),
	);
	await send(portal, [
		...deleteDrafts,
		...withId.flatMap((document) =>
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
	]);
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
