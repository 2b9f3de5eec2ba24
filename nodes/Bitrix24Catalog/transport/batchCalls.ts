import { BATCH_LIMIT, batchChunks } from './batch';
import type { Bitrix24Call, CallOutcome } from './call';
import { settle, withPaging } from './call';
import { fileBytesOf } from './carriage';
import { toNodeApiError } from './nodeApiError';
import type { Delivery, Sent } from './portalLane';
import { sendCommands } from './portalLane';
import type { Outcome, RequestContext, TransportSettings } from './request';
import { withRetries } from './retries';
import { findCreated } from './singleCall';

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
	const chunks = batchChunks(
		calls.map((call, index) => ({ call, itemIndex: itemIndexes[index] })),
		BATCH_LIMIT,
		({ call }) => fileBytesOf(call.params),
	);
	const send = (chunk: (typeof chunks)[number], onDeparture?: () => void) =>
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
	// A batch that carries files is as large as a request gets: no one else's calls join it.
	const shares = !calls.some((call) => fileBytesOf(call.params) > 0);
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
				const sent = await sendCommands(ticket, commands, {
					group: true,
					shares,
					halt: halts,
				});
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
