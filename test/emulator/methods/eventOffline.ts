import { phpInt, phpString } from '../binder';
import { Bitrix24Error, systemError } from '../errors';
import type { OfflineEntry } from '../offlineQueue';
import {
	argumentError,
	entryView,
	GET_FIELDS,
	LIST_FIELDS,
	readFilter,
	readOrder,
} from '../offlineQueue';
import type { Params } from '../params';
import { MethodReply, type MethodContext, type MethodTable } from './registry';

/**
 * event.offline.* and feature.get, as `lib/api/event.php` (Event::eventOffline*) serves them:
 * an app's call only (WRONG_AUTH_TYPE otherwise), an administrator's only (ACCESS_DENIED), each
 * on the queue of the call's own `auth_connector`.
 */

const LIST_LIMIT = 50;

/** AccessException: "Access denied!" and, where the server gives one, why. */
export function accessDenied(why?: string): Bitrix24Error {
	return new Bitrix24Error(403, 'ACCESS_DENIED', why ? `Access denied! ${why}` : 'Access denied!');
}

/** The checks every offline method makes first: an app, and an administrator. */
export function assertAdminApp({ caller, settings }: MethodContext, why?: string): void {
	if (caller.via !== 'oauth') throw systemError('WRONG_AUTH_TYPE', settings);
	if (!caller.user.admin) throw accessDenied(why);
}

/** Parameters are read in any letter case (the server lower-cases the query's keys). */
function lowerKeys(params: Params): Params {
	return Object.fromEntries(
		Object.entries(params).map(([key, value]) => [key.toLowerCase(), value]),
	);
}

/** The caller's `auth_connector`: it travels with the auth, read in invocation (see OfflineQueue). */
function connectorOf(context: MethodContext): string {
	return context.portal.events.offline.callerConnector.getStore() ?? '';
}

function requiredProcessId(query: Params): string {
	if (query.process_id === undefined || query.process_id === null) {
		throw argumentError("Argument 'PROCESS_ID' is null or empty");
	}
	return phpString(query.process_id).trim();
}

/** `message_id` as the server requires it: a list of 32-character MESSAGE_IDs. */
function messageIds(value: unknown): string[] {
	if (typeof value !== 'object' || value === null) {
		throw argumentError('Value must be array of MESSAGE_ID values');
	}
	return Object.values(value).map((one) => {
		const id = phpString(one).trim();
		if (id.length !== 32) throw argumentError('Value must be array of MESSAGE_ID values');
		return id;
	});
}

function entryIds(value: unknown): number[] {
	if (typeof value !== 'object' || value === null) {
		throw argumentError('Value must be array of integers');
	}
	return Object.values(value).map((one) => {
		const id = phpInt(one);
		if (!(id > 0)) throw argumentError('Value must be array of integers');
		return id;
	});
}

export const eventOfflineMethods: MethodTable = {
	'event.offline.get': {
		handler: (context) => {
			assertAdminApp(context);
			const query = lowerKeys(context.params);
			const queue = context.portal.events.offline;
			const clear = query.clear === undefined ? 1 : phpInt(query.clear);
			const given = query.process_id === undefined ? undefined : phpString(query.process_id).trim();
			if (!clear && !queue.extendedMode) {
				// LicenseException('extended offline events handling'); its rendering is not in the
				// mirror read: modelled as the access refusal plans give.
				throw accessDenied('Extended offline events handling is not available on this plan');
			}
			// 50 by default (the docs); the server sets no upper bound, only a positive one.
			const limit = query.limit === undefined ? LIST_LIMIT : phpInt(query.limit);
			if (!(limit > 0)) throw argumentError('Value must be positive integer');
			const filter = readFilter(query.filter, GET_FIELDS);
			const order = readOrder(query.order ?? { TIMESTAMP_X: 'ASC' }, GET_FIELDS);
			const error = phpInt(query.error ?? 0) === 1 ? 1 : 0;
			const connector = connectorOf(context);
			// Without a process ID a new package is reserved; with one, that package is read again.
			const processId = given ?? queue.reserve(connector, error, filter, order, limit);
			const events = queue
				.select(connector, error, filter, order)
				.filter((entry) => entry.processId === processId)
				.slice(0, limit);
			if (clear && events.length > 0) queue.clear(processId, connector);
			return {
				process_id: !clear || given !== undefined ? processId : null,
				events: events.map((entry) => entryView(entry, false)),
			};
		},
	},

	'event.offline.clear': {
		handler: (context) => {
			assertAdminApp(context);
			const query = lowerKeys(context.params);
			const processId = requiredProcessId(query);
			let only: ((entry: OfflineEntry) => boolean) | undefined;
			if (query.message_id !== undefined) {
				const ids = messageIds(query.message_id);
				only = (entry) => ids.includes(entry.messageId);
			} else if (query.id !== undefined) {
				const ids = entryIds(query.id);
				only = (entry) => ids.includes(entry.id);
			}
			context.portal.events.offline.clear(processId, connectorOf(context), only);
			return true;
		},
	},

	'event.offline.error': {
		handler: (context) => {
			assertAdminApp(context);
			const query = lowerKeys(context.params);
			const processId = requiredProcessId(query);
			if (typeof query.message_id !== 'object' || query.message_id === null) {
				throw argumentError('Value must be array of MESSAGE_ID values');
			}
			const ids = Object.values(query.message_id).map((one) => phpString(one));
			if (ids.length > 0) {
				context.portal.events.offline.markError(processId, connectorOf(context), ids);
			}
			return true;
		},
	},

	'event.offline.list': {
		handler: (context) => {
			assertAdminApp(context);
			const query = lowerKeys(context.params);
			const filter = readFilter(query.filter, LIST_FIELDS);
			const order = readOrder(query.order ?? { ID: 'ASC' }, LIST_FIELDS);
			const start = Math.max(0, phpInt(query.start ?? 0) || 0);
			const found = context.portal.events.offline.select(
				connectorOf(context),
				undefined,
				filter,
				order,
			);
			const page = found.slice(start, start + LIST_LIMIT);
			return new MethodReply(
				page.map((entry) => entryView(entry, true)),
				{
					...(start + page.length < found.length ? { next: start + page.length } : {}),
					total: found.length,
				},
			);
		},
	},

	// Common system method (REST docs, common/system/feature-get.md): any user.
	'feature.get': {
		handler: ({ params, portal }) => {
			const code = phpString(params.CODE ?? params.code);
			if (code === '') throw new Bitrix24Error(400, 'CODE_EMPTY', "CODE can't be empty");
			const features: Record<string, boolean> = {
				rest_offline_extended: portal.events.offline.extendedMode,
				rest_auth_connector: portal.events.offline.authConnector,
			};
			return { value: features[code] ? 'Y' : 'N' };
		},
	},
};
