import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { LeakyBucket } from '../limits/leakyBucket';
import { bucketFor } from '../limits/leakyBucket';
import { noteOperatingTime } from '../limits/operatingTime';
import { BATCH_LIMIT, batchTimes, readBatch, sharedBatchParams } from './batch';
import { failureOfAnswer, isRateLimited } from './errors';
import type { CallFailure, HttpAnswer } from './errors';
import { encodeJsonBody } from './jsonBody';
import type { Endpoint, Outcome, RequestContext, TransportSettings } from './request';
import { cancelledBy, post } from './request';

/**
 * The way to one portal for one caller (a webhook, an OAuth2 token), shared by every execution
 * of this n8n process. A call on an idle lane leaves at once. A call that would wait, for the
 * portal's request limit or behind a request of the lane in flight, waits in the lane's queue,
 * and the next request carries as many waiting calls as a `batch` takes: while one request is
 * in flight, the others gather for the next, instead of each spending a request of its own.
 */

/** A REST call as it travels, alone or as a command of a `batch`. */
export interface Command {
	method: string;
	params: IDataObject;
	/** The body already prepared (one holding a file): the call then never shares a request. */
	body?: IDataObject | Buffer;
}

/** A command's answer: its `result`, and its `time` (the portal's clock, the method's operating time). */
export interface CommandAnswer {
	result: unknown;
	time?: IDataObject;
	/** A list's `total` and `next`, where the answer carries them. */
	total?: unknown;
	next?: unknown;
}

/** What a request brought back: a failure of the whole request, or each command's outcome. */
export type Delivery = Outcome<Array<Outcome<CommandAnswer>>>;

/** Who waits, and how long they may. */
export interface Ticket {
	context: RequestContext;
	settings: TransportSettings;
	endpoint: Endpoint;
	/** How much of the call's Max Wait is left (ms). */
	budgetMs: number;
	/** Set when the execution is cancelled: the call is then dropped before it is sent. */
	signal?: AbortSignal;
	/** Told once, when the call leaves or is settled without leaving. */
	onDeparture?: () => void;
}

/** What came of a call given to the lane, and when it left. */
export interface Sent<T> {
	outcome: T;
	/** Time waited in the queue before leaving (ms). */
	queuedMs: number;
	/** When the request left (epoch ms). */
	sentAt: number;
}

export interface CommandsOptions {
	/** The run's own batch: sent as `batch` even when alone, never split. */
	group: boolean;
	/** Whether calls of other executions may ride in the same request. */
	shares: boolean;
	/**
	 * The run's batch stops at its first failing command (`halt: 1`), as the run stops there. It
	 * rides last in its request, so that it stops no one else's calls.
	 */
	halt?: boolean;
}

// Requests of one lane in flight at once: a full batch may leave before earlier answers come back.
const MAX_IN_FLIGHT = 4;

interface Parcel extends Ticket, Partial<CommandsOptions> {
	queuedAt: number;
	/** When its Max Wait runs out: it then leaves with the next request, or fails unsent. */
	deadline: number;
	commands?: Command[];
	/** A request that travels alone and is sent by its caller (a file download). */
	alone?: (signal: AbortSignal) => Promise<Outcome<unknown>>;
	settle(outcome: Outcome<unknown>, sentAt: number): void;
}

/** Sends commands in their turn: one call, which may share a `batch`, or a run's own batch. */
export async function sendCommands(
	ticket: Ticket,
	commands: Command[],
	options: CommandsOptions,
): Promise<Sent<Delivery>> {
	return (await queue(ticket, { commands, ...options })) as Sent<Delivery>;
}

/**
 * Sends, in its turn, a request that never shares one (its caller reads the answer). `send` is
 * given the request's cancel signal, to send with (see `cancelledBy`).
 */
export async function sendAlone<T>(
	ticket: Ticket,
	send: (signal: AbortSignal) => Promise<Outcome<T>>,
): Promise<Sent<Outcome<T>>> {
	// An error the caller's reading throws (a file refused) goes back to the caller as thrown.
	const thrown: unknown[] = [];
	const sent = await queue(ticket, {
		alone: async (signal) => {
			try {
				return await send(signal);
			} catch (error) {
				thrown.push(error);
				return { failure: { kind: 'unexpected', message: 'read failed' } };
			}
		},
	});
	if (thrown.length > 0) throw thrown[0];
	return sent as Sent<Outcome<T>>;
}

function queue(
	ticket: Ticket,
	what: Pick<Parcel, 'commands' | 'alone' | 'group' | 'shares' | 'halt'>,
): Promise<Sent<unknown>> {
	const { portal, caller, processes } = ticket.endpoint;
	const key = `${portal}\n${caller}`;
	bucketFor(portal, ticket.settings.plan, processes);
	let lane = lanes.get(key);
	if (!lane) {
		lane = new Lane(portal, () => lanes.delete(key));
		lanes.set(key, lane);
	}
	const queuedAt = Date.now();
	return new Promise((resolve) => {
		(lane as Lane).add({
			...ticket,
			...what,
			shares: laneSettings.sharing && what.shares,
			queuedAt,
			deadline: queuedAt + ticket.budgetMs,
			settle: (outcome, sentAt) => resolve({ outcome, sentAt, queuedMs: sentAt - queuedAt }),
		});
	});
}

const lanes = new Map<string, Lane>();

/**
 * Whether calls share requests. Exported for the test seam (test/harness/testSeam.ts) only: a
 * benchmark turns sharing off (every call then takes a request of its own) to measure what it saves.
 */
export const laneSettings = { sharing: true };

class Lane {
	private readonly waiting: Parcel[] = [];
	private inFlight = 0;
	private running = false;
	private wakeUp?: () => void;

	constructor(
		private readonly portal: string,
		private readonly forget: () => void,
	) {}

	/** The portal's limit, shared with the other callers of the portal. */
	private get bucket(): LeakyBucket {
		return bucketFor(this.portal);
	}

	add(parcel: Parcel): void {
		this.waiting.push(parcel);
		// A call cancelled while it waits leaves the queue at once, not when the lane next looks.
		parcel.signal?.addEventListener('abort', () => this.wake(), { once: true });
		this.wake();
		if (!this.running) void this.run();
	}

	private wake(): void {
		const wakeUp = this.wakeUp;
		this.wakeUp = undefined;
		wakeUp?.();
	}

	/** Waits to be woken (an answer, a new call), or until the first waiting call's Max Wait runs out. */
	private async nap(): Promise<void> {
		const until = Math.min(...this.waiting.map((parcel) => parcel.deadline));
		const alarm = new AbortController();
		await Promise.race([
			new Promise<void>((resolve) => (this.wakeUp = resolve)),
			sleep(Math.max(0, until - Date.now()), alarm.signal).catch(() => {}),
		]);
		this.wakeUp = undefined;
		alarm.abort();
	}

	/** Sends requests as the portal's limit allows, each with as much of the queue as it can carry. */
	private async run(): Promise<void> {
		this.running = true;
		for (;;) {
			this.dropCancelled();
			if (this.waiting.length === 0) break;
			// While requests are in flight the next one gathers calls, but no call waits for that past its Max Wait.
			const full = this.inFlight >= MAX_IN_FLIGHT;
			if (full) this.refuseOverdue();
			if (full || (this.inFlight > 0 && !this.nextIsFull() && !this.someoneDue())) {
				if (this.waiting.length > 0) await this.nap();
				continue;
			}
			const waitMs = this.bucket.reserve();
			this.refuseThoseWaitingPast(waitMs);
			if (this.waiting.length === 0) {
				this.bucket.release();
				break;
			}
			const dueAt = Date.now() + waitMs;
			if (waitMs > 0) await sleep(waitMs);
			this.dropCancelled();
			const parcels = this.take();
			if (parcels.length === 0) {
				this.bucket.release();
				continue;
			}
			this.bucket.departedLate(Date.now() - dueAt);
			this.inFlight++;
			void this.send(parcels)
				// Only a defect gets here: every call aboard still gets an answer.
				.catch((error: unknown) => {
					for (const parcel of parcels) {
						parcel.settle({ failure: { kind: 'unexpected', message: String(error) } }, Date.now());
					}
				})
				.finally(() => {
					this.inFlight--;
					this.wake();
					this.forgetIfIdle();
				});
		}
		this.running = false;
		this.forgetIfIdle();
	}

	private forgetIfIdle(): void {
		if (!this.running && this.inFlight === 0 && this.waiting.length === 0) this.forget();
	}

	/** A cancelled execution's calls leave the queue unsent. */
	private dropCancelled(): void {
		for (const parcel of this.waiting.filter((waiting) => waiting.signal?.aborted)) {
			this.remove(parcel, { failure: { kind: 'cancelled' } });
		}
	}

	/** Whether a waiting call's Max Wait has run out: it leaves now rather than wait for answers. */
	private someoneDue(): boolean {
		const now = Date.now();
		return this.waiting.some((parcel) => parcel.deadline <= now);
	}

	/** Calls whose Max Wait ran out while every request the lane may have in flight was out. */
	private refuseOverdue(): void {
		const now = Date.now();
		for (const parcel of this.waiting.filter((waiting) => waiting.deadline <= now)) {
			this.remove(parcel, {
				failure: {
					kind: 'limitWait',
					waitMs: now - parcel.queuedAt,
					maxWaitMs: parcel.settings.maxLimitWaitMs,
					perSecond: this.bucket.limit.perSecond,
					behind: this.inFlight,
				},
			});
		}
	}

	/** Calls that would wait past their Max Wait for the next request fail now, unsent. */
	private refuseThoseWaitingPast(waitMs: number): void {
		if (waitMs === 0) return;
		const now = Date.now();
		for (const parcel of this.waiting.filter((waiting) => now + waitMs > waiting.deadline)) {
			this.remove(parcel, {
				failure: {
					kind: 'limitWait',
					waitMs,
					maxWaitMs: parcel.settings.maxLimitWaitMs,
					perSecond: this.bucket.limit.perSecond,
				},
			});
		}
	}

	private remove(parcel: Parcel, outcome: Outcome<unknown>): void {
		this.waiting.splice(this.waiting.indexOf(parcel), 1);
		parcel.onDeparture?.();
		parcel.settle(outcome, Date.now());
	}

	/** Whether the next request is as full as it gets, so that waiting for an answer gains nothing. */
	private nextIsFull(): boolean {
		return this.gather().count >= BATCH_LIMIT || !this.waiting[0].shares;
	}

	/**
	 * The next request's calls: the call waiting longest and, if it shares, the waiting calls
	 * that share with it (the same options: a request has one Timeout), as far as they fit in one
	 * batch: runs' own batches first (each goes whole or waits for the next request), then single
	 * calls in the rest of the room. A run's batch that halts at a failure rides first and beside
	 * single calls only: where the portal stops, every call left unrun is either the halting
	 * run's own (the run stops there) or a single call that goes again whole.
	 */
	private gather(): { parcels: Parcel[]; count: number } {
		const [head, ...rest] = this.waiting;
		const parcels = [head];
		let count = head.commands?.length ?? 1;
		if (!head.shares) return { parcels, count };
		let halting = head.halt === true;
		let grouped = head.group === true;
		const sharing = rest.filter(
			(parcel) => parcel.shares && parcel.commands && sameOptions(parcel.settings, head.settings),
		);
		const groupsFirst = [
			...sharing.filter((parcel) => parcel.group),
			...sharing.filter((parcel) => !parcel.group),
		];
		for (const parcel of groupsFirst) {
			const size = (parcel.commands as Command[]).length;
			if (count + size > BATCH_LIMIT) continue;
			if (parcel.group && (halting || (parcel.halt && grouped))) continue;
			parcels.push(parcel);
			count += size;
			grouped ||= parcel.group === true;
			halting ||= parcel.halt === true;
		}
		return {
			parcels: [...parcels.filter((parcel) => parcel.halt), ...parcels.filter((parcel) => !parcel.halt)],
			count,
		};
	}

	private take(): Parcel[] {
		if (this.waiting.length === 0) return [];
		const { parcels } = this.gather();
		for (const parcel of parcels) {
			this.waiting.splice(this.waiting.indexOf(parcel), 1);
			parcel.onDeparture?.();
		}
		return parcels;
	}

	private async send(parcels: Parcel[]): Promise<void> {
		const sentAt = Date.now();
		const [head] = parcels;
		const flight = new Flight(parcels);
		if (head.alone) {
			const outcome = await head.alone(flight.signal);
			this.heard('failure' in outcome ? outcome.failure : undefined, sentAt);
			flight.land(head, outcome, sentAt);
			return;
		}
		const parts = parcels.map((parcel) => parcel.commands ?? []);
		const commands = parts.flat();
		const halt = parcels.some((parcel) => parcel.halt);
		const delivery =
			head.group || commands.length > 1
				? await this.sendBatch(head, flight.signal, parts, halt, sentAt)
				: await this.sendSingle(head, flight.signal, commands[0], sentAt);
		let offset = 0;
		const again: Parcel[] = [];
		for (const parcel of parcels) {
			const count = parcel.commands?.length ?? 0;
			const answers =
				'failure' in delivery ? delivery : { value: delivery.value.slice(offset, offset + count) };
			offset += count;
			// A call the portal never reached, as a halting batch stopped before it, goes again.
			if ('value' in answers && answers.value.every(isNotRun) && flight.leave(parcel)) {
				again.push({ ...parcel, onDeparture: undefined });
				continue;
			}
			flight.land(parcel, answers, sentAt);
		}
		if (again.length > 0) this.requeue(again);
	}

	private async sendSingle(
		head: Parcel,
		signal: AbortSignal,
		command: Command,
		sentAt: number,
	): Promise<Delivery> {
		const body = command.body ?? encodeJsonBody(command.params);
		const answer = await this.post(head, signal, command.method, body, sentAt);
		if ('failure' in answer) return answer;
		const answered = answer.value.body as IDataObject | undefined;
		noteOperatingTime(this.portal, command.method, answered?.time);
		const failure = failureOfAnswer(answer.value);
		if (failure) return { failure };
		const { result, time, total, next } = answered ?? {};
		return { value: [{ value: { result, time: time as IDataObject, total, next } }] };
	}

	private async sendBatch(
		head: Parcel,
		signal: AbortSignal,
		parts: Command[][],
		halt: boolean,
		sentAt: number,
	): Promise<Delivery> {
		const commands = parts.flat();
		const params = sharedBatchParams(parts, halt);
		const answer = await this.post(head, signal, 'batch', params, sentAt);
		if ('failure' in answer) return answer;
		const body = answer.value.body as IDataObject | undefined;
		// Bitrix24 counts each command's time to its own method, not to `batch`.
		noteOperatingTime(this.portal, 'batch', body?.time);
		const failure = failureOfAnswer(answer.value);
		if (failure) return { failure };
		const times = batchTimes(body, commands.length);
		return {
			value: readBatch(body, commands.length, halt).map((sub, index) => {
				noteOperatingTime(this.portal, commands[index].method, times[index]);
				if ('failure' in sub) return sub;
				return {
					value: { result: sub.value, time: times[index], total: sub.total, next: sub.next },
				};
			}),
		};
	}

	/** Sent under the head's credential and Timeout (those aboard share both), cancelled by `signal`. */
	private async post(
		head: Parcel,
		signal: AbortSignal,
		method: string,
		body: IDataObject | Buffer,
		sentAt: number,
	): Promise<Outcome<HttpAnswer>> {
		const context = cancelledBy(head.context, signal);
		const answer = await post.call(context, method, body, head.settings, head.endpoint);
		this.heard('failure' in answer ? answer.failure : failureOfAnswer(answer.value), sentAt);
		return answer;
	}

	/** Puts calls that did not run back at the head of the queue. */
	private requeue(parcels: Parcel[]): void {
		this.waiting.unshift(...parcels);
		if (!this.running) void this.run();
	}

	/** The portal's word on its limit: a refusal slows this process down, an answer speeds it up. */
	private heard(failure: CallFailure | undefined, sentAt: number): void {
		if (failure && isRateLimited(failure)) this.bucket.refused(sentAt);
		else if (failure?.kind !== 'network') this.bucket.answered();
	}
}

/** Whether two calls were given the same Options, and so may share a request. */
function sameOptions(one: TransportSettings, other: TransportSettings): boolean {
	return (
		one.timeoutMs === other.timeoutMs &&
		one.maxLimitWaitMs === other.maxLimitWaitMs &&
		one.plan === other.plan
	);
}

/** A command a halting batch did not reach. */
function isNotRun(answer: Outcome<CommandAnswer>): boolean {
	return 'failure' in answer && answer.failure.kind === 'notRun';
}

/**
 * One request on its way. It is cancelled only when every execution aboard is; an execution
 * stopped meanwhile gets its answer at once (cancelled), and the others keep theirs.
 */
class Flight {
	private readonly controller = new AbortController();
	private readonly aboard: Set<Parcel>;
	private readonly listeners: Array<() => void> = [];

	constructor(parcels: Parcel[]) {
		this.aboard = new Set(parcels);
		for (const parcel of parcels) {
			const { signal } = parcel;
			if (!signal) continue;
			const stop = () => this.stop(parcel);
			signal.addEventListener('abort', stop, { once: true });
			this.listeners.push(() => signal.removeEventListener('abort', stop));
			if (signal.aborted) stop();
		}
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	/** The parcel's answer, unless its execution was stopped first. */
	land(parcel: Parcel, outcome: Outcome<unknown>, sentAt: number): void {
		if (this.leave(parcel)) parcel.settle(outcome, sentAt);
	}

	/** Takes the parcel off the flight; false if it had left already. */
	leave(parcel: Parcel): boolean {
		if (!this.aboard.delete(parcel)) return false;
		if (this.aboard.size === 0) for (const forget of this.listeners) forget();
		return true;
	}

	private stop(parcel: Parcel): void {
		const last = this.aboard.size === 1;
		if (!this.leave(parcel)) return;
		parcel.settle({ failure: { kind: 'cancelled', inFlight: true } }, Date.now());
		if (last) this.controller.abort();
	}
}
