/**
 * The one place calls are made: one call alone (singleCall.ts), many in batches (batchCalls.ts),
 * each within the portal's limits and retried (retries.ts); what a call is (call.ts).
 */
import type { Bitrix24Authentication, TransportSettings } from './request';

export type { Bitrix24Call, CallOutcome, CreateCheck } from './call';
export { withPaging } from './call';
export type { BatchOptions } from './batchCalls';
export { callBitrix24Batch, callBitrix24Batches, notRun } from './batchCalls';
export type { Bitrix24Authentication, TransportSettings } from './request';
export { credentialTypeOf, endpointOf } from './request';
export { callBitrix24, callBitrix24File } from './singleCall';

export const DEFAULT_TIMEOUT_MS = 60_000;

export function defaultSettings(authentication: Bitrix24Authentication): TransportSettings {
	return {
		authentication,
		timeoutMs: DEFAULT_TIMEOUT_MS,
		maxLimitWaitMs: 60_000,
	};
}
