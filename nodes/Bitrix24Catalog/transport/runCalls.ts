import { callBitrix24Batches, notRun } from './batchCalls';
import type { Bitrix24Call, CallOutcome } from './call';
import { mayRideInBatch } from './carriage';
import type { RequestContext, TransportSettings } from './request';
import { callBitrix24 } from './singleCall';

/** One call of a run, with the settings of the item it belongs to. */
export interface RunCall {
	call: Bitrix24Call;
	settings: TransportSettings;
	itemIndex: number;
}

/**
 * Sends a run's calls, each to its own outcome, in as few requests as the portal allows: calls
 * that may ride in a batch (see `mayRideInBatch`) go 50 to a request with the calls of the same
 * settings, as a request has one Timeout and one Max Wait; the others go alone, one by one.
 *
 * `stopAtFailure`: the run stops at its first failing call, as n8n's own nodes do, so nothing
 * after it is carried out. The calls then go in item order: each batch halts at a failure and
 * the next leaves only after its answer; the calls after a failure are answered "not run".
 */
export async function sendRunCalls(
	this: RequestContext,
	entries: RunCall[],
	{ stopAtFailure }: { stopAtFailure: boolean },
): Promise<CallOutcome[]> {
	const outcomes: CallOutcome[] = new Array<CallOutcome>(entries.length);
	let failed = false;
	const send = async (segment: number[]) => {
		const answered = await sendSegment.call(
			this,
			segment.map((index) => entries[index]),
			stopAtFailure,
		);
		segment.forEach((index, position) => (outcomes[index] = answered[position]));
		failed ||= answered.some((outcome) => 'error' in outcome);
	};
	if (stopAtFailure) {
		for (const segment of segmentsInOrder(entries)) {
			if (failed) {
				for (const index of segment) outcomes[index] = notRun(this, entries[index].itemIndex);
			} else {
				await send(segment);
			}
		}
		return outcomes;
	}
	const { batches, alone } = segmentsBySettings(entries);
	await Promise.all(batches.map(send));
	for (const index of alone) await send([index]);
	return outcomes;
}

/** A segment's calls: one call on its own (it may still share a request in the portal's lane), or batches. */
async function sendSegment(
	this: RequestContext,
	segment: RunCall[],
	halt: boolean,
): Promise<CallOutcome[]> {
	const [{ settings, itemIndex }] = segment;
	if (segment.length === 1) {
		try {
			return [{ result: await callBitrix24.call(this, segment[0].call, settings, itemIndex) }];
		} catch (error) {
			return [{ error: error as Error }];
		}
	}
	return await callBitrix24Batches.call(
		this,
		segment.map((entry) => entry.call),
		settings,
		segment.map((entry) => entry.itemIndex),
		{ halt },
	);
}

/** What a call may share a batch by: its settings, or undefined when it goes alone. */
function batchKeyOf({ call, settings }: RunCall): string | undefined {
	if (!mayRideInBatch(call, settings.batching)) return undefined;
	return JSON.stringify([settings.authentication, settings.timeoutMs, settings.maxLimitWaitMs, settings.plan]);
}

/** Runs of neighbouring calls that may share batches (the same settings), and each lone call. */
function segmentsInOrder(entries: RunCall[]): number[][] {
	const segments: number[][] = [];
	let lastKey: string | undefined;
	entries.forEach((entry, index) => {
		const key = batchKeyOf(entry);
		if (key !== undefined && key === lastKey) segments[segments.length - 1].push(index);
		else segments.push([index]);
		lastKey = key;
	});
	return segments;
}

/** The calls that may share batches, by settings; and those that go alone, in item order. */
function segmentsBySettings(entries: RunCall[]): { batches: number[][]; alone: number[] } {
	const batches = new Map<string, number[]>();
	const alone: number[] = [];
	entries.forEach((entry, index) => {
		const key = batchKeyOf(entry);
		if (key === undefined) alone.push(index);
		else if (batches.has(key)) batches.get(key)?.push(index);
		else batches.set(key, [index]);
	});
	return { batches: [...batches.values()], alone };
}
