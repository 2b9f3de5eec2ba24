import { phpInt, phpString } from '../binder';
import { Bitrix24Error, systemError } from '../errors';
import { CATALOG_EVENTS } from '../events';
import type { Params } from '../params';
import { accessDenied } from './eventOffline';
import type { MethodContext, MethodTable } from './registry';

// The portal reads these parameters in any letter case (CRest sends EVENT, HANDLER).
function param(params: Params, name: string): unknown {
	return params[name] ?? params[name.toUpperCase()];
}

function text(params: Params, name: string): string | undefined {
	const value = param(params, name);
	return value === undefined || value === null || value === '' ? undefined : phpString(value);
}

/** Only an app may subscribe: a webhook's call gets WRONG_AUTH_TYPE. */
function assertApp({ caller, settings }: MethodContext): void {
	if (caller.via !== 'oauth') throw systemError('WRONG_AUTH_TYPE', settings);
}

function knownEvent(params: Params): string {
	const event = text(params, 'event')?.toUpperCase();
	if (!event || !CATALOG_EVENTS.includes(event)) {
		throw new Bitrix24Error(400, 'ERROR_EVENT_NOT_FOUND', 'Event not found');
	}
	return event;
}

function requiredHandler(params: Params): string {
	const handler = text(params, 'handler');
	if (!handler) throw new Bitrix24Error(400, 'ERROR_HANDLER_NOT_FOUND', 'Handler not found');
	return handler;
}

/** As the portal checks a handler: a host with a dot after its first letter, http or https. */
function assertCallable(handler: string): void {
	const url = URL.canParse(handler) ? new URL(handler) : undefined;
	if (!url || url.hostname.indexOf('.') <= 0) {
		throw new Bitrix24Error(400, 'ERROR_WRONG_HANDLER_URL', 'Wrong handler URL');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new Bitrix24Error(400, 'ERROR_UNSUPPORTED_PROTOCOL', 'Unsupported handler protocol');
	}
}

/**
 * `event_type`: online (the default) or offline, which binds to the app's offline queue: no
 * handler, administrators only (lib/api/event.php, Event::eventBind and eventUnbind).
 */
function isOffline(context: MethodContext, action: 'binding' | 'unbinding'): boolean {
	const type = text(context.params, 'event_type')?.toLowerCase() ?? 'online';
	if (type !== 'online' && type !== 'offline') {
		throw new Bitrix24Error(400, 'ERROR_ARGUMENT', 'Value must be one of {online|offline}');
	}
	if (type === 'online') return false;
	if (!context.caller.user.admin) {
		throw accessDenied(`Offline events ${action} requires administrator access rights`);
	}
	return true;
}

/** The `auth_connector` the call came with (see OfflineQueue.callerConnector). */
function connectorOf({ portal }: MethodContext): string {
	return portal.events.offline.callerConnector.getStore() ?? '';
}

/** event.*: an app's event handlers (this portal knows the catalog's events). */
export const eventMethods: MethodTable = {
	'event.bind': {
		handler: (context) => {
			assertApp(context);
			const { params, portal } = context;
			if (isOffline(context, 'binding')) {
				const event = knownEvent(params);
				if (!portal.events.offline.bind(event, connectorOf(context))) {
					throw new Bitrix24Error(
						400,
						'ERROR_CORE',
						'Unable to set event handler: Handler already binded',
					);
				}
				return true;
			}
			const event = knownEvent(params);
			const handler = requiredHandler(params);
			assertCallable(handler);
			const authType = phpInt(param(params, 'auth_type') ?? 0);
			if (!portal.events.bind(event, handler, authType)) {
				throw new Bitrix24Error(
					400,
					'ERROR_CORE',
					'Unable to set event handler: Handler already binded',
				);
			}
			return true;
		},
	},

	'event.unbind': {
		handler: (context) => {
			assertApp(context);
			const { params, portal } = context;
			if (isOffline(context, 'unbinding')) {
				const event = text(params, 'event')?.toUpperCase() ?? '';
				return { count: portal.events.offline.unbind(event, connectorOf(context)) };
			}
			const authType = param(params, 'auth_type');
			const count = portal.events.unbind({
				event: text(params, 'event')?.toUpperCase(),
				handler: text(params, 'handler'),
				authType: authType === undefined || authType === '' ? undefined : phpInt(authType),
			});
			return { count };
		},
	},

	'event.get': {
		handler: (context) => {
			assertApp(context);
			const { events } = context.portal;
			return [
				...events.bindings.map((binding) => ({
					event: binding.event,
					handler: binding.handler,
					auth_type: String(binding.authType),
					offline: 0,
				})),
				...events.offline.bindings.map((binding) => ({
					event: binding.event,
					connector_id: binding.connector,
					offline: 1,
				})),
			];
		},
	},
};
