import { randomBytes } from 'node:crypto';

import { OfflineQueue } from './offlineQueue';

/** The catalog's events (REST docs, catalog `events/` pages); data.FIELDS holds ID (and TYPE). */
export const CATALOG_EVENTS: readonly string[] = [
	'PRODUCT',
	'PRICE',
	'PRICE.TYPE',
	'MEASURE',
	'ROUNDING',
].flatMap((entity) =>
	['ADD', 'UPDATE', 'DELETE'].map((action) => `CATALOG.${entity}.ON.${action}`),
);

/** A handler an app registered with `event.bind`. */
export interface EventBinding {
	id: number;
	event: string;
	handler: string;
	/** 0: the user whose action fired the event. */
	authType: number;
}

/** An outgoing webhook an admin set up in the portal's UI (Developer resources → Other). */
export interface OutgoingWebhook {
	id: number;
	handler: string;
	events: string[];
	/** Shown in the form after saving; every call to the handler carries it. */
	applicationToken: string;
}

/** One POST the portal made to a handler; Bitrix24 does not repeat a failed one. */
export interface Delivery {
	event: string;
	handler: string;
	/** The handler's HTTP status, or 0 when it could not be reached. */
	status: number;
	/** The form-encoded body as sent. */
	body: string;
	/** How long the handler took to answer, in milliseconds. */
	ms: number;
}

/** What the portal writes into `auth` about itself, and how it authorises an app's handler. */
export interface EventSender {
	domain: string;
	memberId: string;
	clientEndpoint: string;
	serverEndpoint: string;
	/** The app's application token (as OnAppInstall gave it). */
	appToken: string;
	/** A fresh access token for the app's handler, acting as `userId`. */
	accessToken(userId: number): { token: string; expiresIn: number; scope: string };
}

type Form = Record<string, unknown>;

/** Bitrix24 posts events as PHP's http_build_query writes them: `data[FIELDS][ID]=1`. */
export function formEncode(form: Form): string {
	const pairs: Array<[string, string]> = [];
	const walk = (value: unknown, key: string): void => {
		if (value !== null && typeof value === 'object') {
			for (const [name, inner] of Object.entries(value)) walk(inner, `${key}[${name}]`);
		} else if (value !== undefined && value !== null) {
			pairs.push([key, String(value)]);
		}
	};
	for (const [name, value] of Object.entries(form)) walk(value, name);
	return new URLSearchParams(pairs).toString();
}

const DELIVERY_TIMEOUT_MS = 10_000;

/** The portal's event handlers (bound by apps, or outgoing webhooks) and the calls made to them. */
export class EventHub {
	readonly bindings: EventBinding[] = [];
	readonly outgoingWebhooks: OutgoingWebhook[] = [];
	readonly deliveries: Delivery[] = [];
	/** The app's offline queue (`event.bind` with `event_type: offline`). */
	readonly offline = new OfflineQueue();
	/** Set by the emulator once it knows its address. */
	sender?: EventSender;
	/**
	 * Whether the app finished installing (app.info's INSTALLED). An app with an interface stays
	 * unfinished until its page calls installFinish; until then its handlers get no events, even
	 * after a successful event.bind.
	 */
	appInstalled = true;
	private nextId = 1;
	private readonly pending = new Set<Promise<void>>();

	bind(event: string, handler: string, authType: number): EventBinding | undefined {
		const taken = this.bindings.some(
			(binding) =>
				binding.event === event && binding.handler === handler && binding.authType === authType,
		);
		if (taken) return undefined;
		const binding = { id: this.nextId++, event, handler, authType };
		this.bindings.push(binding);
		return binding;
	}

	/** Removes the bindings that match every criterion given; returns how many went. */
	unbind(criteria: { event?: string; handler?: string; authType?: number }): number {
		const before = this.bindings.length;
		const kept = this.bindings.filter(
			(binding) =>
				!(
					(criteria.event === undefined || binding.event === criteria.event) &&
					(criteria.handler === undefined || binding.handler === criteria.handler) &&
					(criteria.authType === undefined || binding.authType === criteria.authType)
				),
		);
		this.bindings.splice(0, this.bindings.length, ...kept);
		return before - kept.length;
	}

	/** Bitrix24 generates the application token; a caller may fix it, as the demo does across restarts. */
	addOutgoingWebhook(
		handler: string,
		events: string[],
		applicationToken = randomBytes(16).toString('hex'),
	): OutgoingWebhook {
		const hook = { id: this.nextId++, handler, events: [...events], applicationToken };
		this.outgoingWebhooks.push(hook);
		return hook;
	}

	/** Calls every handler of `event` (without waiting; see `settled`). */
	emit(event: string, fields: Record<string, number>): void {
		const data = { FIELDS: fields };
		// The same `data` an online handler is posted is what the offline queue stores.
		this.offline.record(event, data);
		const sender = this.sender;
		if (!sender) return;
		const ts = String(Math.floor(Date.now() / 1000));
		const portal = {
			domain: sender.domain,
			client_endpoint: sender.clientEndpoint,
			server_endpoint: sender.serverEndpoint,
			member_id: sender.memberId,
		};
		const appBindings = this.appInstalled ? this.bindings : [];
		for (const binding of appBindings.filter((candidate) => candidate.event === event)) {
			const token = sender.accessToken(binding.authType || 1);
			this.post(binding.handler, event, {
				event,
				event_handler_id: binding.id,
				data,
				ts,
				auth: {
					access_token: token.token,
					expires_in: token.expiresIn,
					scope: token.scope,
					...portal,
					status: 'L',
					application_token: sender.appToken,
				},
			});
		}
		for (const hook of this.outgoingWebhooks.filter((candidate) =>
			candidate.events.includes(event),
		)) {
			// An outgoing webhook gets no OAuth tokens, only the portal and its application token.
			this.post(hook.handler, event, {
				event,
				event_handler_id: hook.id,
				data,
				ts,
				auth: { ...portal, application_token: hook.applicationToken },
			});
		}
	}

	/** Resolves when every delivery started so far has been answered (or failed). */
	async settled(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	reset(): void {
		this.appInstalled = true;
		this.bindings.splice(0);
		this.outgoingWebhooks.splice(0);
		this.deliveries.splice(0);
		this.offline.reset();
		this.nextId = 1;
	}

	private post(handler: string, event: string, form: Form): void {
		const body = formEncode(form);
		const started = performance.now();
		const delivery = fetch(handler, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body,
			signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
		})
			.then(async (response) => {
				await response.arrayBuffer();
				return response.status;
			})
			.catch(() => 0)
			.then((status) => {
				this.deliveries.push({ event, handler, status, body, ms: performance.now() - started });
			});
		this.pending.add(delivery);
		void delivery.finally(() => this.pending.delete(delivery));
	}
}
