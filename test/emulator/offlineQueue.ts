/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test server, not node code */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';

import { Bitrix24Error } from './errors';
import { formatBitrixDate } from './time';

/**
 * The offline event queue of the portal's one app (REST docs, events/offline-events.md and the
 * event-offline-*.md pages; where they are silent, the server's rest module:
 * `lib/eventoffline.php` (EventOfflineTable) and `lib/api/event.php` (Event::eventOffline*)).
 */

/** One queued change: the latest state of one object for one event (not every change). */
export interface OfflineEntry {
	id: number;
	/** When the object last changed (epoch ms). */
	changedAt: number;
	messageId: string;
	eventName: string;
	eventData: unknown;
	/** The `auth_connector` the entry is queued for ('' without one). */
	connector: string;
	/** '' until `event.offline.get` with `clear: 0` reserves it. */
	processId: string;
	error: 0 | 1;
}

/** An `event.bind` with `event_type: offline`. */
export interface OfflineBinding {
	id: number;
	event: string;
	connector: string;
}

/** Fields `event.offline.get` filters and sorts by; `event.offline.list` adds two. */
export const GET_FIELDS = ['ID', 'TIMESTAMP_X', 'EVENT_NAME', 'MESSAGE_ID'] as const;
export const LIST_FIELDS = [...GET_FIELDS, 'PROCESS_ID', 'ERROR'] as const;

// IRestService::sanitizeFilter's default operations ('' is equality, '@' is "in", '%' is "like").
const FILTER_OPERATIONS = ['', '=', '>', '<', '>=', '<=', '@', '%'];

/** RestException::ERROR_ARGUMENT, as sanitizeFilter / sanitizeOrder throw it (HTTP 400). */
export function argumentError(text: string): Bitrix24Error {
	return new Bitrix24Error(400, 'ERROR_ARGUMENT', text);
}

/** The entry's columns as the portal answers them (every value a string, as the DB gives it). */
function columns(entry: OfflineEntry): Record<string, string | number> {
	return {
		ID: entry.id,
		TIMESTAMP_X: entry.changedAt,
		EVENT_NAME: entry.eventName,
		MESSAGE_ID: entry.messageId,
		PROCESS_ID: entry.processId,
		ERROR: entry.error,
	};
}

function compare(a: string | number, b: string | number): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** A filter value in the column's terms: TIMESTAMP_X as a date, ID and ERROR as numbers. */
function operand(field: string, value: unknown): string | number {
	if (field === 'TIMESTAMP_X') return Date.parse(String(value));
	if (field === 'ID' || field === 'ERROR') return Number(value);
	return String(value);
}

export type Filter = (entry: OfflineEntry) => boolean;

/** A filter as sanitizeFilter reads it: `{ '>=ID': 1, '=EVENT_NAME': 'X' }`; unknown names refused. */
export function readFilter(filter: unknown, fields: readonly string[]): Filter {
	if (filter === undefined || filter === '') return () => true;
	if (typeof filter !== 'object' || filter === null) {
		throw argumentError('The filter is not an array.');
	}
	const tests = Object.entries(filter).map(([key, value]): Filter => {
		const [, operation, field] = /^([^a-zA-Z]*)(.*)$/.exec(key.toUpperCase()) as RegExpExecArray;
		if (!FILTER_OPERATIONS.includes(operation)) {
			throw argumentError(`Filter operation not allowed: ${operation}`);
		}
		if (!fields.includes(field)) throw argumentError(`Filter field not allowed: ${field}`);
		if (operation === '@') {
			const list = (
				typeof value === 'object' && value !== null ? Object.values(value) : [value]
			).map((one) => operand(field, one));
			return (entry) => list.some((one) => compare(columns(entry)[field], one) === 0);
		}
		const wanted = operand(field, value);
		return (entry) => {
			const actual = columns(entry)[field];
			const order = compare(actual, wanted);
			switch (operation) {
				case '>':
					return order > 0;
				case '<':
					return order < 0;
				case '>=':
					return order >= 0;
				case '<=':
					return order <= 0;
				case '%':
					return String(actual).includes(String(value));
				default:
					return order === 0;
			}
		};
	});
	return (entry) => tests.every((test) => test(entry));
}

export type Order = (a: OfflineEntry, b: OfflineEntry) => number;

/** An order as sanitizeOrder reads it: `{ ID: 'DESC' }` or `['ID']`; unknown names refused. */
export function readOrder(order: unknown, fields: readonly string[]): Order {
	if (typeof order !== 'object' || order === null) {
		throw argumentError('The order is not an array.');
	}
	const keys = Object.entries(order).map(([key, value]) => {
		const numeric = /^\d+$/.test(key);
		const field = (numeric ? String(value) : key).toUpperCase();
		if (!fields.includes(field)) throw argumentError(`Order field not allowed: ${field}`);
		const direction = numeric ? 'ASC' : String(value).toUpperCase();
		if (direction !== 'ASC' && direction !== 'DESC') {
			throw argumentError('Order direction should be one of {ASC|DESC}');
		}
		return { field, sign: direction === 'ASC' ? 1 : -1 };
	});
	return (a, b) => {
		for (const { field, sign } of keys) {
			const order = compare(columns(a)[field], columns(b)[field]);
			if (order !== 0) return order * sign;
		}
		// The database's own order, by primary key.
		return a.id - b.id;
	};
}

/** An entry as `event.offline.get` answers it (`event.offline.list` adds PROCESS_ID and ERROR). */
export function entryView(entry: OfflineEntry, withState: boolean): Record<string, unknown> {
	return {
		ID: String(entry.id),
		TIMESTAMP_X: formatBitrixDate(new Date(entry.changedAt)),
		EVENT_NAME: entry.eventName,
		EVENT_DATA: entry.eventData,
		EVENT_ADDITIONAL: false,
		MESSAGE_ID: entry.messageId,
		...(withState ? { PROCESS_ID: entry.processId, ERROR: String(entry.error) } : {}),
	};
}

/** EventOfflineTable::getMessageId: md5 of the event's name and its data as JSON. */
function messageIdOf(eventName: string, eventData: unknown): string {
	return createHash('md5')
		.update(`${eventName}|${JSON.stringify(eventData)}`)
		.digest('hex');
}

/** The portal's offline queue for its one app. */
export class OfflineQueue {
	readonly bindings: OfflineBinding[] = [];
	readonly entries: OfflineEntry[] = [];
	/** feature.get `rest_offline_extended`: `clear: 0` (reserving packages) needs it. */
	extendedMode = true;
	/** feature.get `rest_auth_connector`. */
	authConnector = true;
	/**
	 * The `auth_connector` of the app's REST call being served ('' without one); undefined for a
	 * change made otherwise (by hand, through a webhook).
	 */
	readonly callerConnector = new AsyncLocalStorage<string | undefined>();
	/**
	 * Whether the app's own changes made without a connector stay out of its bindings without
	 * one. The docs say they come back to the app's queue ("How to Avoid Cycles"); the server
	 * skips every change whose call came from the binding's app with the binding's connector,
	 * '' included (`modules/rest/lib/event/provideroffline.php`, ProviderOffline::finalize).
	 */
	skipsOwnChangesWithoutConnector = false;
	// Two tables on the portal (b_rest_event and b_rest_event_offline): two counters.
	private nextId = 1;
	private nextBindingId = 1;

	bind(event: string, connector: string): OfflineBinding | undefined {
		if (this.bindings.some((one) => one.event === event && one.connector === connector)) {
			return undefined;
		}
		const binding = { id: this.nextBindingId++, event, connector };
		this.bindings.push(binding);
		return binding;
	}

	unbind(event: string, connector: string): number {
		const before = this.bindings.length;
		const kept = this.bindings.filter(
			(one) => !(one.event === event && one.connector === connector),
		);
		this.bindings.splice(0, this.bindings.length, ...kept);
		return before - kept.length;
	}

	/**
	 * Queues a change for every connector bound to the event, except the connector of the app's
	 * call that made it (see `skipsOwnChangesWithoutConnector` for calls without one). An object
	 * already waiting (same MESSAGE_ID, not reserved) is updated in place:
	 * EventOfflineTable::callEvent merges on MESSAGE_ID, APP_ID, CONNECTOR_ID and PROCESS_ID.
	 */
	record(eventName: string, eventData: unknown): void {
		const source = this.callerConnector.getStore();
		const skipped = (connector: string) =>
			source !== undefined &&
			connector === source &&
			(source !== '' || this.skipsOwnChangesWithoutConnector);
		const connectors = new Set(
			this.bindings
				.filter((binding) => binding.event === eventName && !skipped(binding.connector))
				.map((binding) => binding.connector),
		);
		const messageId = messageIdOf(eventName, eventData);
		for (const connector of connectors) {
			const waiting = this.entries.find(
				(entry) =>
					entry.messageId === messageId && entry.connector === connector && entry.processId === '',
			);
			if (waiting) {
				waiting.changedAt = Date.now();
				waiting.eventData = eventData;
				continue;
			}
			this.entries.push({
				id: this.nextId++,
				changedAt: Date.now(),
				messageId,
				eventName,
				eventData,
				connector,
				processId: '',
				error: 0,
			});
		}
	}

	/** Reserves up to `limit` unreserved entries under a new process ID (EventOfflineTable::markEvents). */
	reserve(connector: string, error: 0 | 1, filter: Filter, order: Order, limit: number): string {
		const processId = randomBytes(16).toString('hex');
		this.select(connector, error, filter, order)
			.filter((entry) => entry.processId === '')
			.slice(0, limit)
			.forEach((entry) => (entry.processId = processId));
		return processId;
	}

	select(
		connector: string,
		error: 0 | 1 | undefined,
		filter: Filter,
		order: Order,
	): OfflineEntry[] {
		return this.entries
			.filter(
				(entry) =>
					entry.connector === connector &&
					(error === undefined || entry.error === error) &&
					filter(entry),
			)
			.sort(order);
	}

	/** Removes a package's entries, or those of them named by ID or MESSAGE_ID. */
	clear(processId: string, connector: string, only?: (entry: OfflineEntry) => boolean): void {
		this.remove(
			(entry) =>
				entry.processId === processId &&
				entry.connector === connector &&
				(only === undefined || only(entry)),
		);
	}

	/**
	 * EventOfflineTable::markError: the package's entries with these MESSAGE_IDs go back to the
	 * queue marked as errors; copies of them in other packages are dropped.
	 */
	markError(processId: string, connector: string, messageIds: string[]): void {
		const named = (entry: OfflineEntry) =>
			entry.connector === connector && messageIds.includes(entry.messageId) && entry.error === 0;
		this.remove((entry) => named(entry) && entry.processId !== processId);
		for (const entry of this.entries.filter(named)) {
			entry.error = 1;
			entry.processId = '';
		}
	}

	reset(): void {
		this.bindings.splice(0);
		this.entries.splice(0);
		this.extendedMode = true;
		this.authConnector = true;
		this.skipsOwnChangesWithoutConnector = false;
		this.nextId = 1;
		this.nextBindingId = 1;
	}

	private remove(test: (entry: OfflineEntry) => boolean): void {
		const kept = this.entries.filter((entry) => !test(entry));
		this.entries.splice(0, this.entries.length, ...kept);
	}
}
