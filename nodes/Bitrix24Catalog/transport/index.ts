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
	MAX_ATTEMPTS,
	mayHaveSucceeded,
	retryDelayMs,
} from '../limits/retryPolicy';
import { batchParams, readBatch } from './batch';
import { oauthRestEndpoint } from './endpoint';
import type { CallFailure, HttpAnswer } from './errors';
import { failureOfAnswer, failureOfThrown, toNodeApiError } from './errors';
import { encodeJsonBody } from './jsonBody';
import type { ExpectedFile, PortalFile, Refuse, StreamedAnswer } from './fileBody';
import { methodFile } from './fileBody';
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
	/** Set on a call that creates something: it is never sent again blindly (see CreateCheck). */
	creates?: CreateCheck;
	/**
	 * The result as the answer holds it beside the list's `total` and `next` (each where the
	 * portal sent it): `{ result, total?, next? }`. For calls that show the whole answer.
	 */
	withPaging?: boolean;
}

/** `{ result, total?, next? }` (see `withPaging`). */
export function withPaging(result: unknown, { total, next }: { total?: unknown; next?: unknown }) {
	return {
		result,
		...(total === undefined ? {} : { total }),
		...(next === undefined ? {} : { next }),
	};
}

/**
 * An add is not idempotent: when its answer is lost, the first attempt may have created the thing.
 * The transport then looks for it (`lookup`) instead of sending again; found, it is the result; not
 * found after a definite answer (a server error, a closed connection), the call goes again; when the
 * call has no lookup, or the portal may still be working on it (a time-out), the item fails saying so.
 */
export interface CreateCheck {
	/** What the call creates, as the error names it: "image". */
	what: string;
	lookup?: {
		call: Bitrix24Call;
		/** The created thing in the lookup's result, made no earlier than `since` (epoch ms, portal clock). */
		pick(result: unknown, since: number): unknown;
	};
}

export interface TransportSettings {
	authentication: Bitrix24Authentication;
	timeoutMs: number;
	/** The portal's plan decides its request limit; unset: the portal's limit as last set. */
	plan?: Bitrix24Plan;
	/** How long a call may wait in all for the portal's limits and for retries. */
	maxLimitWaitMs: number;
}

export function defaultSettings(authentication: Bitrix24Authentication): TransportSettings {
	return {
		authentication,
		timeoutMs: DEFAULT_TIMEOUT_MS,
		maxLimitWaitMs: 60_000,
	};
}

/** Operations, list searches, and the trigger's subscription hooks and event handler. */
type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

type Outcome<T> = { value: T } | { failure: CallFailure };

/** What one `batch` request brought back for each of its calls. */
export type CallOutcome = { result: unknown } | { error: Error };

// Bitrix24 stamps images to the second, and the clocks are compared across one request's latency.
const CREATED_SLACK_MS = 2000;

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
	const outcome = await sendCall(this, call, settings, itemIndex);
	if ('failure' in outcome)
		throw toNodeApiError(this.getNode(), outcome.failure, itemIndex, settings.timeoutMs);
	return outcome.value.result;
}

/** One call's outcome: its `result`, and when the portal started on it (epoch ms, portal clock). */
async function sendCall(
	context: RequestContext,
	call: Bitrix24Call,
	settings: TransportSettings,
	itemIndex: number,
): Promise<Outcome<{ result: unknown; portalStartMs?: number }>> {
	const body = encodeJsonBody(call.load ? { ...call.params, ...(await call.load()) } : call.params);
	const settled = (failure: CallFailure, uncertain: boolean) => {
		const outcome = settle(call, failure, uncertain);
		return 'failure' in outcome ? outcome : { value: { result: outcome.value } };
	};
	return await withRetries(context, settings, itemIndex, call.method, {
		send: async (uncertain, endpoint) => {
			const answer = await post.call(context, call.method, body, settings, endpoint);
			if ('failure' in answer) return settled(answer.failure, uncertain);
			const time = (answer.value.body as IDataObject | undefined)?.time as IDataObject | undefined;
			noteOperatingTime(endpoint.portal, call.method, time);
			const failure = failureOfAnswer(answer.value);
			if (failure) return settled(failure, uncertain);
			const start = Number(time?.start);
			const answered = answer.value.body as IDataObject;
			return {
				value: {
					result: call.withPaging ? withPaging(answered.result, answered) : answered.result,
					portalStartMs: Number.isFinite(start) && start > 0 ? start * 1000 : undefined,
				},
			};
		},
		afterUncertain: call.creates
			? async (failure, since) => {
					const found = await findCreated(context, call, failure, since, settings, itemIndex);
					return found && 'value' in found ? { value: { result: found.value } } : found;
				}
			: undefined,
	});
}

/**
 * After a create's answer was lost: what the lost attempt created, a failure saying it may have
 * been created, or undefined when it surely was not and the call may go again.
 */
async function findCreated(
	context: RequestContext,
	call: Bitrix24Call,
	failure: CallFailure,
	since: number,
	settings: TransportSettings,
	itemIndex: number,
): Promise<Outcome<unknown> | undefined> {
	const creates = call.creates as CreateCheck;
	const unconfirmed: Outcome<unknown> = {
		failure: { kind: 'mayHaveCreated', method: call.method, what: creates.what, cause: failure },
	};
	if (!creates.lookup) return unconfirmed;
	const lookedUpAt = Date.now();
	const lookup = await sendCall(context, creates.lookup.call, settings, itemIndex);
	if ('failure' in lookup) return unconfirmed;
	// `since` on the portal's clock: its time when the lookup arrived, less the time gone by here.
	const { result, portalStartMs = lookedUpAt } = lookup.value;
	const created = creates.lookup.pick(result, portalStartMs - (lookedUpAt - since) - CREATED_SLACK_MS);
	if (created !== undefined) return { value: created };
	// A time-out says nothing of the portal: it may still be storing what was sent.
	return failure.kind === 'network' && failure.code === 'ETIMEDOUT' ? unconfirmed : undefined;
}

/**
 * Sends a call that Bitrix24 answers with a file (`catalog.product.download`), within the
 * portal's limits and with retries like any call. A JSON answer is the method's error; the file
 * is read as a portal file is: up to `expected.maxBytes`, and only of the type expected.
 */
export async function callBitrix24File(
	this: IExecuteFunctions,
	call: Bitrix24Call,
	expected: ExpectedFile,
	settings: TransportSettings,
	itemIndex: number,
): Promise<PortalFile> {
	const refuse: Refuse = (failure) =>
		toNodeApiError(this.getNode(), failure, itemIndex, settings.timeoutMs);
	const outcome = await withRetries(this, settings, itemIndex, call.method, {
		send: async (_uncertain, endpoint): Promise<Outcome<PortalFile>> => {
			const answer = await post.call(this, call.method, call.params, settings, endpoint, true);
			if ('failure' in answer) return answer;
			const read = await methodFile(call.method, answer.value as StreamedAnswer, expected, refuse);
			return 'file' in read ? { value: read.file } : read;
		},
	});
	if ('failure' in outcome) throw refuse(outcome.failure);
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
	const outcome = await withRetries(this, settings, itemIndexes[0], 'batch', {
		send: async (uncertain, endpoint): Promise<Outcome<Array<Outcome<unknown>>>> => {
			const answer = await post.call(this, 'batch', params, settings, endpoint);
			if ('failure' in answer) return { failure: answer.failure };
			const failure = failureOfAnswer(answer.value);
			if (failure) return { failure };
			return {
				value: readBatch(answer.value.body, calls.length).map((sub, index) =>
					'failure' in sub
						? settle(calls[index], sub.failure, uncertain)
						: { value: calls[index].withPaging ? withPaging(sub.value, sub) : sub.value },
				),
			};
		},
		// A batch holding creates is not sent again after a lost answer: each create says so.
		afterUncertain: calls.some((call) => call.creates)
			? async (failure) => ({
					value: calls.map(({ method, creates }) => ({
						failure: creates
							? { kind: 'mayHaveCreated' as const, method, what: creates.what, cause: failure }
							: failure,
					})),
				})
			: undefined,
	});
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

/** How a request is sent, and what to do instead of sending it again after an uncertain failure. */
interface Attempts<T> {
	/** `uncertain`: an earlier attempt may have gone through. */
	send(uncertain: boolean, endpoint: Endpoint): Promise<Outcome<T>>;
	/** The outcome to end with, or undefined to send again; `since`: when the first such attempt left. */
	afterUncertain?(failure: CallFailure, since: number): Promise<Outcome<T> | undefined>;
}

/**
 * Runs attempts within the portal's limits: each waits for a place in the portal's leaky bucket;
 * a failure retrying can fix waits (with backoff) and goes again. Every wait, in the portal's
 * queue or before a retry, counts toward the call's Max Wait; a call that would wait longer fails.
 */
async function withRetries<T>(
	context: RequestContext,
	settings: TransportSettings,
	itemIndex: number,
	method: string,
	attempts: Attempts<T>,
): Promise<Outcome<T>> {
	const endpoint = await endpointOf.call(context, settings.authentication, itemIndex);
	const { portal } = endpoint;
	const bucket = bucketFor(portal, settings.plan);
	const budget = settings.maxLimitWaitMs;
	let uncertainSince: number | undefined;
	let waited = 0;
	for (let number = 1; ; number++) {
		const queued = bucket.reserve();
		if (waited + queued > budget) {
			bucket.release();
			return {
				failure: { kind: 'limitWait', waitMs: queued, maxWaitMs: budget, perSecond: bucket.limit.perSecond },
			};
		}
		// Near a method's operating-time limit, hold it back as far as the budget allows.
		const wait = Math.max(queued, Math.min(operatingPauseMs(portal, method), budget - waited));
		waited += wait;
		if (wait > 0) await sleep(wait);
		const sentAt = Date.now();
		const outcome = await attempts.send(uncertainSince !== undefined, endpoint);
		if (!('failure' in outcome)) return outcome;
		const { failure } = outcome;
		if (isRateLimited(failure)) bucket.fill();
		if (mayHaveSucceeded(failure)) {
			uncertainSince ??= sentAt;
			const settled = await attempts.afterUncertain?.(failure, uncertainSince);
			if (settled) return settled;
		}
		const resetAt = isOperatingLimited(failure) ? operatingResetAt(portal, method) : undefined;
		const delay =
			number >= MAX_ATTEMPTS
				? undefined
				: isOperatingLimited(failure)
					? Math.max(0, (resetAt ?? Date.now() + 60_000) - Date.now()) + 1000
					: retryDelayMs(failure, number, bucket.limit);
		if (delay === undefined || waited + delay > budget) {
			return resetAt && failure.kind === 'bitrix24'
				? { failure: { ...failure, availableAt: resetAt } }
				: outcome;
		}
		waited += delay;
		await sleep(delay);
	}
}

/**
 * One HTTP request to a REST method; failures come back as values so the caller can retry them.
 * `streamed`: the answer's body is left unread, for a method that answers with a file.
 */
async function post(
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
