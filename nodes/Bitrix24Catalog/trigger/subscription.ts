import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Bitrix24Authentication, Bitrix24Call } from '../transport';
import { callBitrix24, callBitrix24Batch, defaultSettings } from '../transport';
import type { CallFailure } from '../transport/errors';
import { applicationTokens, handlerUrl, newHandlerKey } from './authenticity';

/** What an OAuth2 trigger remembers of its subscription (n8n keeps it with the workflow). */
export interface Subscription {
	handlerKey?: string;
	handler?: string;
	boundEvents?: string[];
}

function subscriptionOf(context: IHookFunctions): Subscription {
	return context.getWorkflowStaticData('node') as Subscription;
}

function authenticationOf(context: IHookFunctions): Bitrix24Authentication {
	return context.getNodeParameter('authentication', 'webhook') as Bitrix24Authentication;
}

function selectedEvents(context: IHookFunctions): string[] {
	return context.getNodeParameter('events', []) as string[];
}

/**
 * A handler bound already is what a bind wants: so answers a retry whose first attempt went
 * through, or a binding n8n lost track of.
 */
export function boundAlready(failure: CallFailure): true | undefined {
	return failure.kind === 'bitrix24' && /already binded/i.test(failure.description) ? true : undefined;
}

/** Sends `method` once per event in one batch request; returns the first refusal, if any. */
async function callPerEvent(
	context: IHookFunctions,
	method: 'event.bind' | 'event.unbind',
	events: string[],
	params: (event: string) => Bitrix24Call['params'],
): Promise<Error | undefined> {
	const calls = events.map(
		(event): Bitrix24Call => ({
			method,
			params: params(event),
			...(method === 'event.bind' ? { resultOfFailure: boundAlready } : {}),
		}),
	);
	const outcomes = await callBitrix24Batch.call(
		context,
		calls,
		defaultSettings('oAuth2'),
		calls.map(() => 0),
	);
	const refused = outcomes.find((outcome) => 'error' in outcome);
	return refused && 'error' in refused ? refused.error : undefined;
}

/** The URL Bitrix24 is to call: this trigger's webhook URL (Production or Test) with its key. */
function currentHandler(context: IHookFunctions, handlerKey: string): string {
	return handlerUrl(context.getNodeWebhookUrl('default') as string, handlerKey);
}

/**
 * Bitrix24 refuses a handler whose host has no dot (ERROR_WRONG_HANDLER_URL), such as n8n's
 * default `localhost`: the user learns why, and what to set, before anything is sent.
 */
function assertPortalCanCall(context: IHookFunctions): void {
	const { hostname, origin } = new URL(context.getNodeWebhookUrl('default') as string);
	if (hostname.indexOf('.') > 0) return;
	throw new NodeOperationError(
		context.getNode(),
		`Bitrix24 cannot call n8n at ${origin}: it needs an address it can reach`,
		{
			description:
				"Bitrix24 accepts no handler on a host without a domain, such as localhost. Set n8n's WEBHOOK_URL environment variable to n8n's public address (for example https://n8n.example.com/), restart n8n and activate the workflow again.",
		},
	);
}

/**
 * Bitrix24 sends an app no events until its installation is finished, even after a successful
 * event.bind; an app with an interface finishes only when its own page calls installFinish,
 * which n8n's does not. Said at activation, rather than waiting for events that never come.
 */
async function assertAppInstalled(context: IHookFunctions): Promise<void> {
	const info = (await callBitrix24.call(
		context,
		{ method: 'app.info', params: {} },
		defaultSettings('oAuth2'),
		0,
	)) as { INSTALLED?: boolean } | undefined;
	if (info?.INSTALLED !== false) return;
	throw new NodeOperationError(
		context.getNode(),
		"The credential's Bitrix24 application is not installed, so Bitrix24 would send it no events",
		{
			description:
				'In Bitrix24 open Developer resources → Integrations, edit the local application, tick "Application uses API only" (on older portals "Script only"), save, and activate the workflow again.',
		},
	);
}

/** What the trigger cannot work without, said when the workflow is activated rather than never. */
async function assertReady(
	context: IHookFunctions,
	authentication: Bitrix24Authentication,
): Promise<void> {
	if (selectedEvents(context).length === 0) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one event in Events');
	}
	if (authentication === 'webhook' && (await applicationTokens(context)).length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			"Application Token is empty: paste the token Bitrix24 shows for the outgoing webhook into the credential's Application Token field",
			{ description: 'Without it every event would be refused (401).' },
		);
	}
}

/**
 * n8n's webhook methods for the trigger. With OAuth2 the trigger subscribes itself (event.bind
 * on activation, event.unbind on deactivation); a webhook cannot (Bitrix24 answers
 * WRONG_AUTH_TYPE), so there the user sets up an outgoing webhook and these do nothing.
 */
export const subscription = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		const authentication = authenticationOf(this);
		await assertReady(this, authentication);
		if (authentication !== 'oAuth2') return true;
		const { handler, handlerKey } = subscriptionOf(this);
		// n8n's address may have changed since (WEBHOOK_URL, domain): then create() moves the
		// subscription, as Bitrix24 would go on calling the old one.
		if (!handler || !handlerKey || handler !== currentHandler(this, handlerKey)) return false;
		const bound = (await callBitrix24.call(
			this,
			{ method: 'event.get', params: {} },
			defaultSettings('oAuth2'),
			0,
		)) as Array<{ event?: string; handler?: string }>;
		const events = new Set(
			bound.filter((binding) => binding.handler === handler).map((binding) => binding.event),
		);
		return selectedEvents(this).every((event) => events.has(event));
	},

	async create(this: IHookFunctions): Promise<boolean> {
		if (authenticationOf(this) !== 'oAuth2') return true;
		assertPortalCanCall(this);
		await assertAppInstalled(this);
		const state = subscriptionOf(this);
		// A subscription left from before (events changed, or n8n lost track) goes first.
		if (state.handler) await unbindAll(this, state);
		const events = selectedEvents(this);
		state.handlerKey = newHandlerKey();
		state.handler = currentHandler(this, state.handlerKey);
		state.boundEvents = events;
		const refused = await callPerEvent(this, 'event.bind', events, (event) => ({
			event,
			handler: state.handler,
		}));
		if (refused) {
			// Some events may be bound: n8n will not call delete for a failed activation, so the
			// trigger undoes them itself rather than leave handlers nobody can verify.
			await unbindAll(this, state).catch(() => undefined);
			throw refused;
		}
		return true;
	},

	async delete(this: IHookFunctions): Promise<boolean> {
		if (authenticationOf(this) !== 'oAuth2') return true;
		const state = subscriptionOf(this);
		if (!state.handler) return true;
		try {
			await unbindAll(this, state);
		} catch (error) {
			this.logger.warn(
				`Bitrix24 Catalog Trigger could not unsubscribe from ${(state.boundEvents ?? []).join(', ')}: ${(error as Error).message}`,
			);
			return false;
		}
		return true;
	},
};

async function unbindAll(context: IHookFunctions, state: Subscription): Promise<void> {
	const { handler, boundEvents = [] } = state;
	const refused = await callPerEvent(context, 'event.unbind', boundEvents, (event) => ({
		event,
		handler,
	}));
	if (refused) throw refused;
	delete state.handler;
	delete state.handlerKey;
	delete state.boundEvents;
}
