import { isObject } from '../helpers/isObject';
import { redactSecrets } from '../helpers/withoutSecrets';

/**
 * Reading what went wrong with a call: the answer or the thrown error becomes a CallFailure,
 * which the transport decides on (retry, wait, give up) and nodeApiError.ts words for the user.
 */

/** An HTTP answer as n8n hands it back with `returnFullResponse`. */
export interface HttpAnswer {
	statusCode: number;
	body: unknown;
}

/** Everything that can go wrong with one call, read from the answer or from the thrown error. */
export type CallFailure =
	| {
			kind: 'bitrix24';
			code: string;
			description: string;
			httpStatus: number;
			/** When a method blocked by its time limit runs again (epoch ms), where the portal said. */
			availableAt?: number;
			/** The node gave up after this refusal: how often it tried, and for how long. */
			gaveUp?: { attempts: number; afterMs: number };
	  }
	| { kind: 'notJson'; httpStatus: number; pageTitle?: string }
	| { kind: 'network'; code: string; host?: string }
	| { kind: 'unexpected'; message: string }
	/** A success whose result is not in the form the method documents (`problem` names no values). */
	| { kind: 'unexpectedAnswer'; method: string; problem: string; expected: string }
	| { kind: 'file'; httpStatus: number; path: string }
	/**
	 * A create whose answer was lost, not sent again: what it creates may exist now; or, with
	 * `carriedOut`, another call that must not run twice (a conduct, an update).
	 */
	| {
			kind: 'mayHaveCreated';
			method: string;
			what: string;
			carriedOut?: boolean;
			cause: CallFailure;
	  }
	/**
	 * Not sent: the portal's request limit would hold the call longer than its Max Wait, or
	 * (`behind`) it waited that long behind as many requests to the portal in flight.
	 */
	| { kind: 'limitWait'; waitMs: number; maxWaitMs: number; perSecond: number; behind?: number }
	/** The execution was cancelled while the call waited for its turn, or (`inFlight`) while it was on its way. */
	| { kind: 'cancelled'; inFlight?: boolean }
	/** Not carried out: its run's batch stopped at an earlier call's failure (`halt`). */
	| { kind: 'notRun' }
	// The node's own refusals of a portal file, before or while reading it; `file` is its name.
	| { kind: 'noFileUrl'; file: string }
	| { kind: 'fileElsewhere'; file: string; target: string; portal: string; redirected: boolean }
	// `what`: an image (the default) or any file, as the texts name it.
	| { kind: 'fileNotImage'; file: string; contentType: string; what?: 'image' | 'file' }
	| { kind: 'fileTooLarge'; file: string; maxBytes: number; what?: 'image' | 'file' };

/**
 * Whether a failure says the `thing` (image, product) does not exist: the catalog answers that
 * with code 0, or an empty code on some portals, and a "... does not exist" text.
 */
export function saysMissing(failure: CallFailure, thing: string): boolean {
	return (
		failure.kind === 'bitrix24' &&
		(failure.code === '0' || failure.code === '') &&
		new RegExp(`${thing} does not exist`, 'i').test(failure.description)
	);
}

/** The portal's request limit refused the call. */
export function isRateLimited(failure: CallFailure): boolean {
	return failure.kind === 'bitrix24' && failure.code === 'QUERY_LIMIT_EXCEEDED';
}

/** The method ran out of its operating time on the portal. */
export function isOperatingLimited(failure: CallFailure): boolean {
	return failure.kind === 'bitrix24' && failure.code === 'OPERATION_TIME_LIMIT';
}

/**
 * Reads an answer: a Bitrix24 error is any body with an `error` key (code 0 is falsy, so
 * presence decides), an HTML page from a proxy is not JSON, and anything else non-2xx is odd.
 */
export function failureOfAnswer(answer: HttpAnswer): CallFailure | undefined {
	const { statusCode, body } = answer;
	if (isObject(body) && 'error' in body) {
		return {
			kind: 'bitrix24',
			code: String(body.error),
			description: typeof body.error_description === 'string' ? body.error_description : '',
			httpStatus: statusCode,
		};
	}
	if (!isObject(body)) {
		return { kind: 'notJson', httpStatus: statusCode, pageTitle: pageTitle(body) };
	}
	if (statusCode < 200 || statusCode > 299 || !('result' in body)) {
		return {
			kind: 'bitrix24',
			code: `HTTP_${statusCode}`,
			description: 'The portal answered without a result or an error',
			httpStatus: statusCode,
		};
	}
	return undefined;
}

/** Reads an error thrown while sending: a final HTTP answer (after an OAuth2 refresh) or a network failure. */
export function failureOfThrown(error: unknown): CallFailure {
	const cause = findCause(error);
	const response = cause?.response as { status?: unknown; data?: unknown } | undefined;
	if (response && typeof response.status === 'number') {
		return (
			failureOfAnswer({ statusCode: response.status, body: parseMaybeJson(response.data) }) ?? {
				kind: 'notJson',
				httpStatus: response.status,
			}
		);
	}
	const message = typeof cause?.message === 'string' ? cause.message : String(error);
	let code = typeof cause?.code === 'string' ? cause.code : undefined;
	if (code === 'ECONNABORTED' && /timeout/i.test(message)) code = 'ETIMEDOUT';
	if (/socket hang up/i.test(message)) code = 'ECONNRESET';
	if (!code) return { kind: 'unexpected', message: redactSecrets(message) };
	return { kind: 'network', code, host: hostOf(cause?.config) };
}

/** `timeoutMs`: the call's time-out, named when the failure is one; not needed for the others. */

function findCause(error: unknown): Record<string, unknown> | undefined {
	// n8n wraps the HTTP client's error in a NodeApiError (sometimes twice): take the innermost.
	let innermost: Record<string, unknown> | undefined;
	let current: unknown = error;
	for (let depth = 0; depth < 5 && isObject(current); depth++) {
		if ('response' in current || 'code' in current) return current;
		innermost = current;
		current = current.cause;
	}
	return innermost;
}

function hostOf(config: unknown): string | undefined {
	if (!isObject(config)) return undefined;
	try {
		const base = typeof config.baseURL === 'string' ? config.baseURL : undefined;
		return new URL(String(config.url ?? ''), base).host;
	} catch {
		return undefined;
	}
}

function parseMaybeJson(data: unknown): unknown {
	if (typeof data !== 'string') return data;
	try {
		return JSON.parse(data);
	} catch {
		return data;
	}
}

function pageTitle(body: unknown): string | undefined {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	const title = /<title[^>]*>([^<]{1,120})<\/title>/i.exec(text)?.[1]?.trim();
	return title || undefined;
}
