import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { Bitrix24Plan } from '../limits/leakyBucket';
import { bucketFor } from '../limits/leakyBucket';
import { noteOperatingTime, operatingPauseMs, operatingResetAt } from '../limits/operatingTime';
import {
	isOperatingLimited,
	isRateLimited,
	mayHaveSucceeded,
	retryDelayMs,
} from '../limits/retryPolicy';
import { batchParams, readBatch } from './batch';
import { oauthRestEndpoint } from './endpoint';
import type { CallFailure, HttpAnswer } from './errors';
import { failureOfAnswer, failureOfThrown, toNodeApiError } from './errors';
import { encodeJsonBody } from './jsonBody';
import { parseWebhookUrl } from './webhookUrl';

export type Bitrix24Authentication = 'webhook' | 'oAuth2';

export function credentialTypeOf(authentication: Bitrix24Authentication): string {
	return authentication === 'oAuth2' ? 'bitrix24OAuth2Api' : 'bitrix24WebhookApi';
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/** One REST method call, as an operation builds it from the node's parameters. */
export interface Bitrix24Call {
	method: string;
	params: IDataObject;
	/** Large parameters (file contents), read only when the call is about to be sent. */
	load?: () => Promise<IDataObject>;
	/**
	 * The result to take instead of a failure that is an answer after all (a product gone by the
	 * time it is read), or undefined to keep the failure. `uncertain`: an earlier attempt may have
	 * gone through, so a delete that finds nothing has done its work.
	 */
	resultOfFailure?: (failure: CallFailure, uncertain: boolean) => unknown;
}

export interface TransportSettings {
	authentication: Bitrix24Authentication;
	timeoutMs: number;
	/** The portal's plan decides its request limit. */
	plan: Bitrix24Plan;
	/** How long retries after rate and time limits may wait in all, per call. */
	maxLimitWaitMs: number;
}

export function defaultSettings(authentication: Bitrix24Authentication): TransportSettings {
	return {
		authentication,
		timeoutMs: DEFAULT_TIMEOUT_MS,
		plan: 'standard',
		maxLimitWaitMs: 60_000,
	};
}

/** Operations, list searches, and the trigger's subscription hooks and event handler. */
type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

type Outcome<T> = { value: T } | { failure: CallFailure };

/** What one `batch` request brought back for each of its calls. */
export type CallOutcome = { result: unknown } | { error: Error };

/**
 * Sends one call and returns the method's `result`, or throws a NodeApiError that carries
 * the Bitrix24 code. Waits for the portal's rate limit and retries what retrying can fix.
 */
export async function callBitrix24(
	this: RequestContext,
	call: Bitrix24Call,
	settings: TransportSettings,
	itemIndex: number,
): Promise<unknown> {
	const body = encodeJsonBody(call.load ? { ...call.params, ...(await call.load()) } : call.params);
	const outcome = await withRetries(
		this,
		settings,
		itemIndex,
		call.method,
		async (uncertain, endpoint): Promise<Outcome<unknown>> => {
			const answer = await post.call(this, call.method, body, settings, endpoint);
			if ('failure' in answer) return settle(call, answer.failure, uncertain);
			noteOperatingTime(
				endpoint.portal,
				call.method,
				(answer.value.body as IDataObject | undefined)?.time,
			);
			const failure = failureOfAnswer(answer.value);
			return failure
				? settle(call, failure, uncertain)
				: { value: (answer.value.body as IDataObject).result };
		},
	);
	if ('failure' in outcome)
		throw toNodeApiError(this.getNode(), outcome.failure, itemIndex, settings.timeoutMs);
	return outcome.value;
}

/**
 * Sends up to 50 calls as one `batch` request (`halt: 0`) and maps every sub-result and every
 * `result_error` back to its call, in order. A failure of the whole request fails each call.
 */
export async function callBitrix24Batch(
	this: RequestContext,
	calls: Bitrix24Call[],
	settings: TransportSettings,
	itemIndexes: number[],
): Promise<CallOutcome[]> {
	const params = batchParams(calls);
	const outcome = await withRetries(
		this,
		settings,
		itemIndexes[0],
		'batch',
		async (uncertain, endpoint): Promise<Outcome<Array<Outcome<unknown>>>> => {
			const answer = await post.call(this, 'batch', params, settings, endpoint);
			if ('failure' in answer) return { failure: answer.failure };
			const failure = failureOfAnswer(answer.value);
			if (failure) return { failure };
			return {
				value: readBatch(answer.value.body, calls.length).map((sub, index) =>
					'failure' in sub ? settle(calls[index], sub.failure, uncertain) : sub,
				),
			};
		},
	);
	return calls.map((_, index) => {
		const itemIndex = itemIndexes[index];
		if ('failure' in outcome) {
			return {
				error: toNodeApiError(this.getNode(), outcome.failure, itemIndex, settings.timeoutMs),
			};
		}
		const sub = outcome.value[index];
		return 'failure' in sub
			? { error: toNodeApiError(this.getNode(), sub.failure, itemIndex, settings.timeoutMs) }
			: { result: sub.value };
	});
}

/** A failure the call reads as its result (see `resultOfFailure`) is a success. */
function settle(call: Bitrix24Call, failure: CallFailure, uncertain: boolean): Outcome<unknown> {
	const result = call.resultOfFailure?.(failure, uncertain);
	return result === undefined ? { failure } : { value: result };
}

/**
 * Runs attempts within the portal's limits: each waits for a place in the portal's leaky bucket;
 * a failure retrying can fix waits (with backoff) and goes again, within a bounded wait.
 */
async function withRetries<T>(
	context: RequestContext,
	settings: TransportSettings,
	itemIndex: number,
	method: string,
	attempt: (uncertain: boolean, endpoint: Endpoint) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
	const endpoint = await endpointOf.call(context, settings.authentication, itemIndex);
	const { portal } = endpoint;
	const bucket = bucketFor(portal, settings.plan);
	let uncertain = false;
	let waited = 0;
	for (let number = 1; ; number++) {
		const pause = Math.min(operatingPauseMs(portal, method), settings.maxLimitWaitMs);
		const wait = Math.max(bucket.reserve(), pause);
		if (wait > 0) await sleep(wait);
		const outcome = await attempt(uncertain, endpoint);
		if (!('failure' in outcome)) return outcome;
		const { failure } = outcome;
		if (isRateLimited(failure)) bucket.fill();
		const resetAt = isOperatingLimited(failure) ? operatingResetAt(portal, method) : undefined;
		const delay = isOperatingLimited(failure)
			? Math.max(0, (resetAt ?? Date.now() + 60_000) - Date.now()) + 1000
			: retryDelayMs(failure, number, bucket.limit);
		if (delay === undefined || waited + delay > settings.maxLimitWaitMs) {
			return resetAt && failure.kind === 'bitrix24'
				? { failure: { ...failure, availableAt: resetAt } }
				: outcome;
		}
		uncertain ||= mayHaveSucceeded(failure);
		waited += delay;
		await sleep(delay);
	}
}

/** One HTTP request to a REST method; failures come back as values so the caller can retry them. */
async function post(
	this: RequestContext,
	method: string,
	body: IDataObject | Buffer,
	settings: TransportSettings,
	endpoint: Endpoint,
): Promise<Outcome<HttpAnswer>> {
	const options: IHttpRequestOptions = {
		method: 'POST',
		// Webhook: the credential sets the base URL (it holds the secret). OAuth2: the portal's endpoint.
		baseURL: endpoint.baseURL,
		url: method,
		body,
		// A prepared JSON body (one holding a file) goes out as it is.
		...(Buffer.isBuffer(body) ? { headers: { 'content-type': 'application/json' } } : {}),
		json: true,
		timeout: settings.timeoutMs,
		returnFullResponse: true,
		// Read every answer ourselves, except OAuth2's 401: n8n refreshes the token on it and retries.
		ignoreHttpStatusErrors:
			settings.authentication === 'oAuth2' ? { ignore: true, except: [401] } : true,
	};
	try {
		const answer = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			credentialTypeOf(settings.authentication),
			options,
		)) as HttpAnswer;
		return { value: answer };
	} catch (error) {
		return { failure: failureOfThrown(error) };
	}
}

/** Where a call goes: the portal's origin (for its limits and files) and, for OAuth2, the REST base URL. */
interface Endpoint {
	portal: string;
	/** Undefined for a webhook: its credential sets the base URL, as it holds the secret. */
	baseURL?: string;
}

/** Reads the credential once per call; a malformed webhook URL is refused here, before sending. */
export async function endpointOf(
	this: RequestContext,
	authentication: Bitrix24Authentication,
	itemIndex: number,
): Promise<Endpoint> {
	const credentials = await this.getCredentials(credentialTypeOf(authentication), itemIndex);
	if (authentication === 'oAuth2') {
		const baseURL = oauthRestEndpoint(credentials);
		return { portal: new URL(baseURL).origin, baseURL };
	}
	try {
		return { portal: new URL(parseWebhookUrl(credentials.webhookSecretUrl).portal).origin };
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			itemIndex,
			level: 'warning',
		});
	}
}
