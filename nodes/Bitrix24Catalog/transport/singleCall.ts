import type { IExecuteFunctions } from 'n8n-workflow';

import type { Bitrix24Call, CreateCheck } from './call';
import { settle, withPaging } from './call';
import { fileBytesOf, mayRideInBatch } from './carriage';
import type { CallFailure } from './errors';
import type { ExpectedFile, PortalFile, Refuse, StreamedAnswer } from './fileBody';
import { methodFile } from './fileBody';
import { encodeJsonBody } from './jsonBody';
import { toNodeApiError } from './nodeApiError';
import { sendAlone, sendCommands } from './portalLane';
import type { Outcome, RequestContext, TransportSettings } from './request';
import { cancelledBy, post } from './request';
import { withRetries } from './retries';

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
	// A file is read once, when its call is about to be sent; a call with a file never shares a request.
	const holdsFile = call.load !== undefined || fileBytesOf(call.params) > 0;
	const command = {
		method: call.method,
		params: call.params,
		body: holdsFile ? encodeJsonBody({ ...call.params, ...(await call.load?.()) }) : undefined,
	};
	const shares = !holdsFile && mayRideInBatch(call, settings.batching);
	return await withRetries(context, settings, itemIndex, [call.method], {
		send: async (uncertain, ticket) => {
			const sent = await sendCommands(ticket, [command], { group: false, shares });
			const answer = 'failure' in sent.outcome ? sent.outcome : sent.outcome.value[0];
			if ('failure' in answer) {
				const outcome = settle(call, answer.failure, uncertain);
				return {
					...sent,
					outcome: 'failure' in outcome ? outcome : { value: { result: outcome.value } },
				};
			}
			const start = Number(answer.value.time?.start);
			const portalStartMs = Number.isFinite(start) && start > 0 ? start * 1000 : undefined;
			const { result } = answer.value;
			return {
				...sent,
				outcome: {
					value: {
						result: call.withPaging ? withPaging(result, answer.value) : result,
						portalStartMs,
					},
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
export async function findCreated(
	context: RequestContext,
	call: Bitrix24Call,
	failure: CallFailure,
	since: number,
	settings: TransportSettings,
	itemIndex: number,
): Promise<Outcome<unknown> | undefined> {
	const creates = call.creates as CreateCheck;
	const unconfirmed: Outcome<unknown> = {
		failure: {
			kind: 'mayHaveCreated',
			method: call.method,
			what: creates.what,
			carriedOut: creates.carriedOut,
			cause: failure,
		},
	};
	if (!creates.lookup) return unconfirmed;
	const lookedUpAt = Date.now();
	const lookup = await sendCall(context, creates.lookup.call, settings, itemIndex);
	if ('failure' in lookup) return unconfirmed;
	// `since` on the portal's clock: its time when the lookup arrived, less the time gone by here.
	const { result, portalStartMs = lookedUpAt } = lookup.value;
	const created = creates.lookup.pick(
		result,
		portalStartMs - (lookedUpAt - since) - CREATED_SLACK_MS,
	);
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
	const outcome = await withRetries(this, settings, itemIndex, [call.method], {
		send: async (_uncertain, ticket) =>
			await sendAlone(ticket, async (signal): Promise<Outcome<PortalFile>> => {
				const answer = await post.call(
					cancelledBy(this, signal),
					call.method,
					call.params,
					settings,
					ticket.endpoint,
					true,
				);
				if ('failure' in answer) return answer;
				const read = await methodFile(
					call.method,
					answer.value as StreamedAnswer,
					expected,
					refuse,
				);
				return 'file' in read ? { value: read.file } : read;
			}),
	});
	if ('failure' in outcome) throw refuse(outcome.failure);
	return outcome.value;
}
