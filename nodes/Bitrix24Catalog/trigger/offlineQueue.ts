import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Bitrix24Call, CallOutcome } from '../transport';
import { callBitrix24, callBitrix24Batches, defaultSettings } from '../transport';
import { PRODUCT_DETAIL_EVENTS } from './events';
import { boundAlready } from './subscription';
import type { ReceivedEvent } from './eventPayload';
import { eventItem, eventSubject } from './eventPayload';
import { DEFAULT_PRODUCT_FIELDS, parseFieldList, productCall, productOf } from './productDetails';

/**
 * The offline queue (REST docs, events/offline-events.md): Bitrix24 keeps one entry per changed
 * object; `event.offline.get` with `clear: 0` hides a package of up to 50 under a process ID until
 * `event.offline.clear` removes it. A poll clears the packages the previous poll handed over,
 * then reserves new ones; n8n keeps their process IDs with the workflow between polls.
 */

/** Entries per package: the page size the docs give `event.offline.get`. */
export const PACKAGE_SIZE = 50;
/**
 * Packages per poll: with the list of lost packages, one `batch` request of 50 calls, so 2,450
 * entries cost one request (two when the last poll's packages are cleared in the same go).
 */
export const PACKAGES_PER_POLL = 49;

/** What the trigger remembers between polls (n8n's static data of the node). */
export interface OfflineState {
	/** The events bound with `event_type: offline`. */
	boundEvents?: string[];
	/** Packages handed over by the last poll: cleared first thing by the next one. */
	pending?: string[];
	/** Whether the events were bound under n8n's source key (Ignore Changes Made by n8n). */
	ignoresOwnChanges?: boolean;
}

/** An entry as `event.offline.get` and `event.offline.list` answer it. */
interface OfflineEntry {
	ID: string;
	TIMESTAMP_X: string;
	EVENT_NAME: string;
	EVENT_DATA: unknown;
	MESSAGE_ID: string;
	PROCESS_ID?: string;
}

/**
 * The queue of the chosen setting: Bitrix24 keeps one per source key. Under n8n's own key
 * (Ignore Changes Made by n8n) it records no change made by a call carrying that key, as every
 * OAuth2 call of the Bitrix24 Catalog node does; without a key it records them.
 */
const settings = (ignoresOwnChanges: boolean) => ({
	...defaultSettings('oAuth2'),
	sourceKey: ignoresOwnChanges,
});

function stateOf(context: IPollFunctions): OfflineState {
	return context.getWorkflowStaticData('node') as OfflineState;
}

function resultOrThrow(outcome: CallOutcome): unknown {
	if ('error' in outcome) throw outcome.error;
	return outcome.result;
}

/** Bitrix24's ACCESS_DENIED (the code the node's errors carry): the user is no administrator. */
function isAccessDenied(error: unknown): boolean {
	const details = (error as { context?: { bitrix24?: { code?: unknown } } }).context?.bitrix24;
	return details?.code === 'ACCESS_DENIED';
}

function notAdministrator(context: IPollFunctions): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		'Only a Bitrix24 administrator can read the offline queue',
		{
			description:
				'Bitrix24 lets only administrators bind, read and clear offline events. Connect the Bitrix24 OAuth2 API credential again while signed in to Bitrix24 as an administrator.',
		},
	);
}

type Package = { process_id: string | null; events: OfflineEntry[] };

/** Sends calls in order (`halt` sends batches one after another); any refusal fails the poll. */
async function inOrder(
	context: IPollFunctions,
	calls: Bitrix24Call[],
	ignoresOwnChanges: boolean,
): Promise<unknown[]> {
	const outcomes = await callBitrix24Batches.call(
		context,
		calls,
		settings(ignoresOwnChanges),
		calls.map(() => 0),
		{ halt: true },
	);
	return outcomes.map((outcome) => {
		if ('error' in outcome && isAccessDenied(outcome.error)) throw notAdministrator(context);
		return resultOrThrow(outcome);
	});
}

/** `event.offline.get` that reserves a new package, or reads a reserved one again. */
function getCall(processId?: string): Bitrix24Call {
	return {
		method: 'event.offline.get',
		params: { clear: 0, limit: PACKAGE_SIZE, ...(processId ? { process_id: processId } : {}) },
	};
}

/**
 * Subscribes the chosen events to the offline queue and drops events no longer chosen. n8n calls
 * no activation hooks for a polling trigger, so this runs in the first poll after a change.
 */
async function bindEvents(
	context: IPollFunctions,
	events: string[],
	ignoresOwnChanges: boolean,
): Promise<void> {
	const feature = (await callBitrix24.call(
		context,
		{ method: 'feature.get', params: { CODE: 'rest_offline_extended' } },
		settings(ignoresOwnChanges),
		0,
	)) as { value?: string } | undefined;
	if (feature?.value !== 'Y') {
		throw new NodeOperationError(
			context.getNode(),
			'This Bitrix24 plan has no offline events with confirmed processing (feature rest_offline_extended), which this trigger needs so that no change is lost',
			{
				description:
					'Use the Bitrix24 Catalog Trigger (webhooks) instead, or a plan that includes offline events.',
			},
		);
	}
	const state = stateOf(context);
	const unbind = (event: string): Bitrix24Call => ({
		method: 'event.unbind',
		params: { event, event_type: 'offline' },
	});
	const before = state.ignoresOwnChanges === true;
	if (before !== ignoresOwnChanges && (state.boundEvents ?? []).length > 0) {
		// The other setting's queue: its bindings go, and with them its entries' source. Packages
		// handed over from it are cleared there first; what it still held stays behind.
		await inOrder(
			context,
			[
				...(state.pending ?? []).map(clearCall),
				...(state.boundEvents ?? []).map(unbind),
			],
			before,
		);
		state.boundEvents = [];
		state.pending = [];
	}
	const dropped = (state.boundEvents ?? []).filter((event) => !events.includes(event));
	const calls: Bitrix24Call[] = [
		...dropped.map(unbind),
		...events.map((event) => ({
			method: 'event.bind',
			params: { event, event_type: 'offline' },
			resultOfFailure: boundAlready,
		})),
	];
	await inOrder(context, calls, ignoresOwnChanges);
	state.boundEvents = [...events];
	state.ignoresOwnChanges = ignoresOwnChanges;
}

function clearCall(processId: string): Bitrix24Call {
	return { method: 'event.offline.clear', params: { process_id: processId } };
}

/**
 * One request: the packages handed over last time are cleared, reserved entries whose package
 * was never handed over (a poll that failed, or an n8n that stopped before it kept their process
 * IDs) are listed, and new packages are reserved. Only when some were lost: the rest of their
 * list (50 rows a page) in one more request, and each lost package read whole by its process ID
 * in another (listed rows may hold part of a package), so that a poll after a crash takes back
 * everything the crashed one had taken.
 */
async function takePackages(
	context: IPollFunctions,
	pending: string[],
	ignoresOwnChanges: boolean,
) {
	const clears = pending.map(clearCall);
	// A batch runs its commands in order: clears, then the list, then the reservations.
	const gets = Array.from({ length: PACKAGES_PER_POLL }, () => getCall());
	const results = await inOrder(context, [...clears, orphansCall(0), ...gets], ignoresOwnChanges);
	const firstPage = results[clears.length] as { result?: OfflineEntry[]; total?: number };
	const listed = [...(firstPage.result ?? [])];
	const total = Number(firstPage.total ?? listed.length);
	if (total > listed.length) {
		const starts: number[] = [];
		for (let start = listed.length; start < total; start += PACKAGE_SIZE) starts.push(start);
		const pages = await inOrder(context, starts.map(orphansCall), ignoresOwnChanges);
		for (const page of pages) listed.push(...((page as { result?: OfflineEntry[] }).result ?? []));
	}
	const lostIds = [...new Set(listed.map((entry) => entry.PROCESS_ID ?? ''))].filter(Boolean);
	const lost = (
		lostIds.length > 0 ? await inOrder(context, lostIds.map(getCall), ignoresOwnChanges) : []
	) as Package[];
	const reserved = (results.slice(clears.length + 1) as Package[]).filter(
		(one) => one.events.length > 0,
	);
	const packages = [...lost, ...reserved];
	return {
		entries: packages.flatMap((one) => one.events),
		processIds: [...new Set(packages.map((one) => one.process_id ?? ''))].filter(Boolean),
	};
}

/**
 * A page of the reserved entries. A sole reader of the app's queue: after its own packages are
 * cleared, any reserved entry is one whose package was lost on the way. (`>` '' is the filter
 * for "not empty".)
 */
function orphansCall(start: number): Bitrix24Call {
	return {
		method: 'event.offline.list',
		params: { filter: { '>PROCESS_ID': '' }, order: { ID: 'ASC' }, ...(start > 0 ? { start } : {}) },
		withPaging: true,
	};
}

/**
 * One item per object and event: an object changed again after its entry was reserved has a
 * second entry (same MESSAGE_ID); the latest stands. An entry read twice (ID) counts once.
 */
export function latestPerObject(entries: OfflineEntry[]): OfflineEntry[] {
	const byMessage = new Map<string, OfflineEntry>();
	for (const entry of entries) {
		const known = byMessage.get(entry.MESSAGE_ID);
		if (!known || Date.parse(entry.TIMESTAMP_X) >= Date.parse(known.TIMESTAMP_X)) {
			byMessage.set(entry.MESSAGE_ID, entry);
		}
	}
	return [...byMessage.values()].sort((a, b) => Number(a.ID) - Number(b.ID));
}

function receivedOf(entry: OfflineEntry): ReceivedEvent {
	const data = (entry.EVENT_DATA ?? {}) as IDataObject;
	const fields = (
		typeof data.FIELDS === 'object' && data.FIELDS !== null ? data.FIELDS : {}
	) as IDataObject;
	return { event: String(entry.EVENT_NAME).toUpperCase(), fields, auth: {} };
}

/** The entries as the webhook trigger's items, with the entry's ID and time; products read in batches. */
async function itemsOf(context: IPollFunctions, entries: OfflineEntry[]): Promise<IDataObject[]> {
	const items: Array<{
		item: IDataObject;
		product?: { id: number; type?: number };
	}> = [];
	for (const entry of entries) {
		const received = receivedOf(entry);
		const subject = eventSubject(received);
		if ('problem' in subject) {
			context.logger.warn(
				`Bitrix24 Catalog Offline Trigger ignored entry ${entry.ID} (${received.event}): ${subject.field} ${subject.problem}`,
			);
			continue;
		}
		const item: IDataObject = {
			...eventItem(received, subject),
			occurredAt: new Date(entry.TIMESTAMP_X).toISOString(),
			entryId: Number(entry.ID),
			messageId: entry.MESSAGE_ID,
		};
		const withProduct =
			PRODUCT_DETAIL_EVENTS.includes(received.event) &&
			(context.getNodeParameter('includeProduct', true) as boolean);
		items.push({ item, ...(withProduct ? { product: subject } : {}) });
	}
	const reads = items.filter((one) => one.product);
	if (reads.length === 0) return items.map((one) => one.item);
	const fields = parseFieldList(
		context.getNodeParameter('productFields', DEFAULT_PRODUCT_FIELDS) as string,
	);
	const calls = reads.map(({ product }) => productCall(product!.id, product!.type));
	const outcomes = await callBitrix24Batches.call(
		context,
		calls,
		settings(false),
		calls.map(() => 0),
	);
	reads.forEach(({ item, product }, index) => {
		const read = productOf(resultOrThrow(outcomes[index]), product!.type, fields);
		item.product = read ?? null;
		if (!read) item.productNotFound = true;
	});
	return items.map((one) => one.item);
}

/**
 * n8n keeps what a poll changed in the static data with the execution its items start (2.x:
 * runPolledWorkflow; 1.x: the static data saved after the execution), or when the poll found
 * nothing; a poll that throws keeps nothing, so its packages are found again as lost ones.
 *
 * A poll: binds the chosen events when they changed, clears what the last poll handed over,
 * takes up to 2,450 entries and returns them as items. Their packages are cleared by the next
 * poll, once n8n has taken this one's items: a change is never lost, and comes again only
 * when n8n stopped before it kept this poll's state (at least once).
 */
export async function pollOfflineQueue(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const events = context.getNodeParameter('events', []) as string[];
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one event in Events');
	}
	const ignoresOwnChanges = context.getNodeParameter('ignoreOwnChanges', false) as boolean;
	const state = stateOf(context);
	const bound = state.boundEvents ?? [];
	if (
		bound.length !== events.length ||
		events.some((event) => !bound.includes(event)) ||
		(state.ignoresOwnChanges === true) !== ignoresOwnChanges
	) {
		await bindEvents(context, events, ignoresOwnChanges);
	}
	const { entries, processIds } = await takePackages(
		context,
		state.pending ?? [],
		ignoresOwnChanges,
	);
	const chosen = latestPerObject(entries).filter((entry) =>
		events.includes(String(entry.EVENT_NAME).toUpperCase()),
	);
	const items = chosen.length === 0 ? [] : await itemsOf(context, chosen);
	// Kept only once the items are ready: a poll that failed leaves its packages to be found as
	// lost ones, even where n8n (1.x) keeps its static data in memory. The packages handed over
	// before were cleared by the request above (clearing one twice changes nothing).
	state.pending = processIds;
	return items.length === 0 ? null : [context.helpers.returnJsonArray(items)];
}
