import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { batchChunks } from './batch';
import { mayRideInBatch } from './carriage';
import type { CallFailure } from './errors';
import { toNodeApiError } from './nodeApiError';
import { encodeJsonBody } from './jsonBody';
import type { ExpectedFile, PortalFile, Refuse, StreamedAnswer } from './fileBody';
import { methodFile } from './fileBody';
import type { Delivery, Sent } from './portalLane';
import { sendAlone, sendCommands } from './portalLane';
import type { Bitrix24Authentication, Outcome, RequestContext, TransportSettings } from './request';
import { cancelledBy, post } from './request';
import { withRetries } from './retries';

export type { Bitrix24Authentication, TransportSettings } from './request';
export { credentialTypeOf, endpointOf } from './request';

export const DEFAULT_TIMEOUT_MS = 60_000;

/** One REST method call, as an operation builds it from the node's parameters. */
export interface Bitrix24Call {
	method: string;
	params: IDataObject;
	/** Large parameters (file contents), read only when the call is about to be sent. */
	load?: () => Promise<IDataObject>;
	/** Sent in a request of its own: its parameters hold a file, and Bitrix24 takes none in a batch. */
	alone?: boolean;
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
	/** The call changes rather than creates (conduct, update): the error says it may have been carried out. */
	carriedOut?: boolean;
	lookup?: {
		call: Bitrix24Call;
		/** The created thing in the lookup's result, made no earlier than `since` (epoch ms, portal clock). */
		pick(result: unknown, since: number): unknown;
	};
}

export function defaultSettings(authentication: Bitrix24Authentication): TransportSettings {
	return {
		authentication,
		timeoutMs: DEFAULT_TIMEOUT_MS,
		maxLimitWaitMs: 60_000,
	};
}

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
	// A file is read once, when its call is about to be sent; such a call never shares a request.
	const command = {
		method: call.method,
		params: call.params,
		body: call.load ? encodeJsonBody({ ...call.params, ...(await call.load()) }) : undefined,
	};
	const shares = mayRideInBatch(call, settings.batching);
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

/** How a run's batches go. */
export interface BatchOptions {
	/**
	 * The run stops at its first failing call: each batch halts there (`halt: 1`), and the next
	 * leaves only once the one before has answered without a failure; calls after it are not run.
	 */
	halt?: boolean;
}

/**
 * Sends calls in batches of up to 50, each as one `batch` request, and maps every sub-result and
 * every `result_error` back to its call, in order. Without `halt`, each batch leaves as soon as
 * the portal's limit allows, without waiting for the answer to the one before.
 */
export async function callBitrix24Batches(
	this: RequestContext,
	calls: Bitrix24Call[],
	settings: TransportSettings,
	itemIndexes: number[],
	options: BatchOptions = {},
): Promise<CallOutcome[]> {
	const chunks = batchChunks(calls.map((call, index) => ({ call, itemIndex: itemIndexes[index] })));
	const send = (chunk: typeof chunks[number], onDeparture?: () => void) =>
		callBitrix24Batch.call(
			this,
			chunk.map((entry) => entry.call),
			settings,
			chunk.map((entry) => entry.itemIndex),
			{ ...options, onDeparture },
		);
	if (options.halt) {
		const outcomes: CallOutcome[] = [];
		for (const chunk of chunks) {
			if (outcomes.some((outcome) => 'error' in outcome)) {
				outcomes.push(...chunk.map(({ itemIndex }) => notRun(this, itemIndex)));
			} else {
				outcomes.push(...(await send(chunk)));
			}
		}
		return outcomes;
	}
	let previousLeft: Promise<void> = Promise.resolve();
	const answered = chunks.map((chunk) => {
		const turn = previousLeft;
		let left = () => {};
		previousLeft = new Promise((resolve) => (left = resolve));
		return turn.then(async () => await send(chunk, left).finally(left));
	});
	return (await Promise.all(answered)).flat();
}

/** The outcome of a call its run did not carry out, as it stopped at an earlier failure. */
export function notRun(context: RequestContext, itemIndex: number): CallOutcome {
	return { error: toNodeApiError(context.getNode(), { kind: 'notRun' }, itemIndex) };
}

/**
 * Sends up to 50 calls as one `batch` request and maps every sub-result and every
 * `result_error` back to its call, in order. A failure of the whole request fails each call.
 * After a lost answer each call is handled as it would be alone: a create is looked up (see
 * CreateCheck), the others go again. `onDeparture`: told once the request has left (or will not).
 */
export async function callBitrix24Batch(
	this: RequestContext,
	calls: Bitrix24Call[],
	settings: TransportSettings,
	itemIndexes: number[],
	{ halt = false, onDeparture }: BatchOptions & { onDeparture?: () => void } = {},
): Promise<CallOutcome[]> {
	// Each call's outcome once known: kept across attempts, so that an attempt sends only the rest.
	const decided = new Map<number, Outcome<unknown>>();
	const open = () => calls.flatMap((_, index) => (decided.has(index) ? [] : [index]));
	const all = () => ({ value: calls.map((_, index) => decided.get(index) as Outcome<unknown>) });
	const methods = ['batch', ...new Set(calls.map((call) => call.method))];
	const outcome = await withRetries(this, settings, itemIndexes[0], methods, {
		onDeparture,
		send: async (uncertain, ticket): Promise<Sent<Outcome<Array<Outcome<unknown>>>>> => {
			for (;;) {
				const indexes = open();
				const commands = indexes.map((index) => ({
					method: calls[index].method,
					params: calls[index].params,
				}));
				// Sent again after a lost answer, each call that was done already would halt the
				// batch: it goes whole, and the error then names every item carried out.
				const halts = halt && !uncertain;
				const sent = await sendCommands(ticket, commands, { group: true, shares: true, halt: halts });
				const delivery: Delivery = sent.outcome;
				if ('failure' in delivery) return { ...sent, outcome: delivery };
				let stopped = false;
				indexes.forEach((index, position) => {
					const sub = delivery.value[position];
					const call = calls[index];
					if ('value' in sub) {
						const { result } = sub.value;
						decided.set(index, { value: call.withPaging ? withPaging(result, sub.value) : result });
					} else if (sub.failure.kind !== 'notRun') {
						const settledOutcome = settle(call, sub.failure, uncertain);
						decided.set(index, settledOutcome);
						stopped ||= 'failure' in settledOutcome;
					}
				});
				// Halted at a call that was done after all (a resent delete): the rest go on, unless
				// the portal answered none of them (then they are not run, rather than sent for ever).
				const left = open();
				if (stopped || left.length === 0 || left.length === indexes.length) {
					for (const index of left) decided.set(index, { failure: { kind: 'notRun' } });
					return { ...sent, outcome: all() };
				}
			}
		},
		afterUncertain: calls.some((call) => call.creates)
			? async (failure, since) => {
					await Promise.all(
						open()
							.filter((index) => calls[index].creates)
							.map(async (index) => {
								const found = await findCreated(
									this,
									calls[index],
									failure,
									since,
									settings,
									itemIndexes[index],
								);
								if (found) decided.set(index, found);
							}),
					);
					return open().length === 0 ? all() : undefined;
				}
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
