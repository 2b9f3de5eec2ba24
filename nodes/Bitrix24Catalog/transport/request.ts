import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IPollFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ofItem } from '../helpers/itemError';
import { wholeNumberOf } from '../helpers/wholeNumber';
import type { Bitrix24Plan } from '../limits/leakyBucket';
import { PROCESSES_SETTING } from '../limits/processesSetting';
import { oauthRestEndpoint } from './endpoint';
import type { CallFailure, HttpAnswer } from './errors';
import { failureOfThrown } from './errors';
import { sourceKeyOf } from './sourceKey';
import { parseWebhookUrl } from './webhookUrl';

export type Bitrix24Authentication = 'webhook' | 'oAuth2';

export function credentialTypeOf(authentication: Bitrix24Authentication): string {
	return authentication === 'oAuth2' ? 'bitrix24OAuth2Api' : 'bitrix24WebhookApi';
}

export interface TransportSettings {
	authentication: Bitrix24Authentication;
	timeoutMs: number;
	/** The portal's plan decides its request limit; unset: the portal's limit as last set. */
	plan?: Bitrix24Plan;
	/** How long a call may wait in all for the portal's limits and for retries. */
	maxLimitWaitMs: number;
	/**
	 * Whether a call may ride in a `batch` request with other calls to the portal (the node's
	 * Batch Requests option); unset: it may.
	 */
	batching?: boolean;
	/**
	 * Whether OAuth2 calls carry n8n's source key (`auth_connector`, see sourceKey.ts); unset:
	 * they do. Off only for the offline trigger reading the queue that records n8n's own changes.
	 */
	sourceKey?: boolean;
}

/** Operations, list searches, the trigger's subscription hooks and event handler, and polls. */
export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

export type Outcome<T> = { value: T } | { failure: CallFailure };

/** Where a call goes, and under which credential. */
export interface Endpoint {
	/** The portal's origin, for its limits and files. */
	portal: string;
	/** Undefined for a webhook: its credential sets the base URL, as it holds the secret. */
	baseURL?: string;
	/**
	 * The credential as the portal tells callers apart (the webhook URL, the OAuth2 access
	 * token): only calls made as the same caller may share a `batch`. Never shown.
	 */
	caller: string;
	/** How many n8n processes share the portal's limit (the credential's setting). */
	processes: number;
	/** OAuth2: the `auth_connector` every request carries (see sourceKey.ts), if any. */
	connector?: string;
}

/** Reads the credential once per call; a malformed webhook URL or setting is refused here, before sending. */
export async function endpointOf(
	this: RequestContext,
	authentication: Bitrix24Authentication,
	itemIndex: number,
	withSourceKey = true,
): Promise<Endpoint> {
	const credentials = await this.getCredentials(credentialTypeOf(authentication), itemIndex);
	const refuse = (message: string, description?: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex, level: 'warning', description });
	const read = wholeNumberOf(credentials.processes ?? 1, { min: 1 });
	if ('problem' in read) {
		throw refuse(
			ofItem(`The credential's ${PROCESSES_SETTING.displayName} ${read.problem}`, itemIndex),
			'Set it in the credential to the number of n8n processes (main and workers) that call this portal: 1 for a single n8n, N in queue mode with N workers.',
		);
	}
	const processes = read.value;
	if (authentication === 'oAuth2') {
		const baseURL = oauthRestEndpoint(credentials);
		const token = (credentials.oauthTokenData as IDataObject | undefined)?.access_token;
		const connector = withSourceKey ? sourceKeyOf(credentials) : undefined;
		// The portal reads the source key with the auth: calls with and without it never share a batch.
		return {
			portal: new URL(baseURL).origin,
			baseURL,
			caller: `oauth ${String(token)} ${connector ?? ''}`,
			processes,
			connector,
		};
	}
	try {
		const { portal } = parseWebhookUrl(credentials.webhookSecretUrl);
		return {
			portal: new URL(portal).origin,
			caller: `webhook ${String(credentials.webhookSecretUrl).trim()}`,
			processes,
		};
	} catch (error) {
		throw refuse((error as Error).message);
	}
}

/**
 * The context to send one request with, cancelled by `signal` instead of by its execution: n8n
 * ties a request to the cancel signal of the context that sends it, and a request may carry the
 * calls of several executions, which a stop of one of them must not cut short.
 */
export function cancelledBy<Context extends RequestContext>(
	context: Context,
	signal: AbortSignal,
): Context {
	return new Proxy(context, {
		get(target, property) {
			if (property === 'getExecutionCancelSignal') return () => signal;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
}

/**
 * One HTTP request to a REST method; failures come back as values so the caller can retry them.
 * `streamed`: the answer's body is left unread, for a method that answers with a file.
 */
export async function post(
	this: RequestContext,
	method: string,
	body: IDataObject | Buffer,
	settings: TransportSettings,
	endpoint: Endpoint,
	streamed = false,
): Promise<Outcome<HttpAnswer>> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		// Webhook: the credential sets the base URL (it holds the secret). OAuth2: the portal's endpoint.
		baseURL: endpoint.baseURL,
		url: method,
		// In the query, whatever the body: the portal reads `auth_connector` with the auth, from the
		// query and the body alike, and a batch's commands run under the batch's
		// (`modules/rest/lib/oauth/auth.php`, Auth::onRestCheckAuth; `classes/general/rest_provider.php`,
		// CRestProvider::methodsBatch).
		...(endpoint.connector ? { qs: { auth_connector: endpoint.connector } } : {}),
		body,
		// A prepared JSON body (one holding a file) goes out as it is.
		...(Buffer.isBuffer(body) ? { headers: { 'content-type': 'application/json' } } : {}),
		...(streamed ? { encoding: 'stream' as const } : { json: true }),
		timeout: settings.timeoutMs,
		returnFullResponse: true,
		// Read every answer ourselves, except OAuth2's 401: n8n refreshes the token on it and retries.
		ignoreHttpStatusErrors:
			settings.authentication === 'oAuth2' ? { ignore: true, except: [401] } : true,
	};
	const send = async (sent: IHttpRequestOptions) =>
		(await this.helpers.httpRequestWithAuthentication.call(
			this,
			credentialTypeOf(settings.authentication),
			sent,
		)) as HttpAnswer;
	try {
		const answer = await send(options);
		// n8n 1.x reads `except` as "ignore every status": its 401 comes back unrefreshed. Sent
		// again with n8n's own status handling, which refreshes the token on a 401 and retries once.
		if (answer.statusCode === 401 && settings.authentication === 'oAuth2') {
			return { value: await send({ ...options, ignoreHttpStatusErrors: false }) };
		}
		return { value: answer };
	} catch (error) {
		return { failure: failureOfThrown(error) };
	}
}
