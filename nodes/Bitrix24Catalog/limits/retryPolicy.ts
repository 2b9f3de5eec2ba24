import type { CallFailure } from '../transport/errors';
import type { RateLimit } from './leakyBucket';

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

export function isRateLimited(failure: CallFailure): boolean {
	return failure.kind === 'bitrix24' && failure.code === 'QUERY_LIMIT_EXCEEDED';
}

export function isOperatingLimited(failure: CallFailure): boolean {
	return failure.kind === 'bitrix24' && failure.code === 'OPERATION_TIME_LIMIT';
}

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
