import type { IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RateLimit } from '../limits/leakyBucket';
import { bucketFor } from '../limits/leakyBucket';
import { operatingPauseMs, operatingResetAt } from '../limits/operatingTime';
import type { CallFailure } from './errors';
import { isOperatingLimited, isRateLimited } from './errors';
import type { Sent, Ticket } from './portalLane';
import type { Outcome, RequestContext, TransportSettings } from './request';
import { endpointOf } from './request';

/** One first attempt and three retries, as Bitrix24's own SDK does. */
export const MAX_ATTEMPTS = 4;

const TRANSIENT_NETWORK = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'EPIPE',
]);
const TRANSIENT_CODES = new Set(['INTERNAL_SERVER_ERROR', 'ERROR_UNEXPECTED_ANSWER']);

/**
 * Whether the portal may have carried the request out although we got no good answer:
 * a retry of such a request must not count "already gone" as an error.
 */
export function mayHaveSucceeded(failure: CallFailure): boolean {
	if (failure.kind === 'network') {
		return failure.code === 'ECONNRESET' || failure.code === 'ETIMEDOUT';
	}
	return isTransient(failure);
}

/** A failure of the moment: the network, a proxy's 5xx page, a Bitrix24 server error. */
function isTransient(failure: CallFailure): boolean {
	return (
		(failure.kind === 'network' && TRANSIENT_NETWORK.has(failure.code)) ||
		(failure.kind === 'notJson' && failure.httpStatus >= 500) ||
		(failure.kind === 'bitrix24' && TRANSIENT_CODES.has(failure.code))
	);
}

/**
 * How long to wait before trying again, or undefined when retrying cannot help: parameter,
 * permission, scope and authorization errors, and anything Bitrix24 answered on purpose.
 */
export function retryDelayMs(
	failure: CallFailure,
	attempt: number,
	limit: RateLimit,
	random = Math.random,
): number | undefined {
	if (attempt >= MAX_ATTEMPTS) return undefined;
	if (isRateLimited(failure)) {
		// The SDK's wait: one drain step plus a second, growing by half each time.
		return Math.round((1000 / limit.perSecond + 1000) * 1.5 ** (attempt - 1));
	}
	if (!isTransient(failure)) return undefined;
	return Math.round(500 * 2 ** (attempt - 1) * (0.5 + random()));
}

/** How a request is sent, and what to do instead of sending it again after an uncertain failure. */
export interface Attempts<T> {
	/** `uncertain`: an earlier attempt may have gone through. */
	send(uncertain: boolean, ticket: Ticket): Promise<Sent<Outcome<T>>>;
	/** The outcome to end with, or undefined to send again; `since`: when the first such attempt left. */
	afterUncertain?(failure: CallFailure, since: number): Promise<Outcome<T> | undefined>;
	/** Told once, when the first attempt has left (or will not). */
	onDeparture?: () => void;
}

/**
 * Runs attempts within the portal's limits: each waits its turn in the portal's queue (see
 * portalLane); a failure retrying can fix waits (with backoff) and goes again. Every wait, in
 * the queue or before a retry, counts toward the call's Max Wait; a call that would wait longer
 * fails. `methods`: what the request runs, the first naming it (`batch`, or the method).
 */
export async function withRetries<T>(
	context: RequestContext,
	settings: TransportSettings,
	itemIndex: number,
	methods: string[],
	attempts: Attempts<T>,
): Promise<Outcome<T>> {
	let onDeparture = attempts.onDeparture;
	try {
		const endpoint = await endpointOf.call(
			context,
			settings.authentication,
			itemIndex,
			settings.sourceKey !== false,
		);
		const { portal } = endpoint;
		const bucket = bucketFor(portal, settings.plan, endpoint.processes);
		const signal = cancelSignalOf(context);
		const budget = settings.maxLimitWaitMs;
		let uncertainSince: number | undefined;
		let waited = 0;
		// The portal's refusals (QUERY_LIMIT_EXCEEDED): a call that gives up after them says so.
		const startedAt = Date.now();
		let refusals = 0;
		let lastRefusal: Extract<CallFailure, { kind: 'bitrix24' }> | undefined;
		const gaveUp = (): Outcome<T> => ({
			failure: {
				...(lastRefusal as Extract<CallFailure, { kind: 'bitrix24' }>),
				gaveUp: { attempts: refusals, afterMs: Date.now() - startedAt },
			},
		});
		for (let number = 1; ; number++) {
			// Near a method's operating-time limit, hold it back as far as the budget allows.
			const pause = Math.min(
				Math.max(...methods.map((method) => operatingPauseMs(portal, method))),
				budget - waited,
			);
			if (pause > 0) {
				waited += pause;
				await sleep(pause);
			}
			const ticket = {
				context,
				settings,
				endpoint,
				budgetMs: budget - waited,
				signal,
				onDeparture,
			};
			onDeparture = undefined;
			const { outcome, queuedMs, sentAt } = await attempts.send(
				uncertainSince !== undefined,
				ticket,
			);
			waited += queuedMs;
			if (!('failure' in outcome)) return outcome;
			const { failure } = outcome;
			if (failure.kind === 'limitWait' && lastRefusal) return gaveUp();
			if (isRateLimited(failure) && failure.kind === 'bitrix24') {
				refusals++;
				lastRefusal = failure;
			}
			if (mayHaveSucceeded(failure)) {
				uncertainSince ??= sentAt;
				const settled = await attempts.afterUncertain?.(failure, uncertainSince);
				if (settled) return settled;
			}
			const resetAt = isOperatingLimited(failure)
				? operatingResetAt(portal, methods[0])
				: undefined;
			const delay =
				number >= MAX_ATTEMPTS
					? undefined
					: isOperatingLimited(failure)
						? Math.max(0, (resetAt ?? Date.now() + 60_000) - Date.now()) + 1000
						: retryDelayMs(failure, number, bucket.limit);
			if (delay === undefined || waited + delay > budget) {
				if (resetAt && failure.kind === 'bitrix24') {
					return { failure: { ...failure, availableAt: resetAt } };
				}
				return failure === lastRefusal ? gaveUp() : outcome;
			}
			waited += delay;
			await sleep(delay);
		}
	} finally {
		onDeparture?.();
	}
}

/** The execution's cancel signal, where n8n gives one (n8n 1.x has none for some contexts). */
function cancelSignalOf(context: RequestContext): AbortSignal | undefined {
	return (
		context as Partial<Pick<IExecuteFunctions, 'getExecutionCancelSignal'>>
	).getExecutionCancelSignal?.();
}
