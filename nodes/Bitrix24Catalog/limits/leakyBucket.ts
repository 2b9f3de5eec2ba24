/** Bitrix24's request limit: a burst of X requests, then the counter drains Y per second. */
export interface RateLimit {
	burst: number;
	perSecond: number;
}

export type Bitrix24Plan = 'standard' | 'enterprise';

export const PLAN_LIMITS: Record<Bitrix24Plan, RateLimit> = {
	standard: { burst: 50, perSecond: 2 },
	enterprise: { burst: 250, perSecond: 5 },
};

/**
 * How far a refusal slows this process down, and how fast it speeds up again: processes that do
 * not know of each other (n8n workers) halve their pace on each QUERY_LIMIT_EXCEEDED and win back
 * a little with each answered request, so that together they settle under the portal's limit.
 */
export const MIN_SHARE = 1 / 16;
/**
 * Places of the portal's counter kept free. Requests that leave at the pace can still reach the
 * portal closer together than they left (a busy n8n, the network), and a counter kept full to the
 * last place then refuses one.
 */
export const HEADROOM = 2;
export const SHARE_REGAINED_PER_ANSWER = 0.05;

/**
 * The portal's counter, mirrored on our side: each request reserves a place and learns how long
 * to wait so that the portal never sees more than its burst. Reservations are made in order, so
 * concurrent callers queue up instead of racing. The pace is the plan's, divided among the n8n
 * processes said to share the portal, and scaled by the share left after refusals.
 */
export class LeakyBucket {
	private level = 0;
	private updatedAt: number;
	private processes = 1;
	/** 1 until the portal refuses a request; halved on each refusal, regained slowly. */
	private share = 1;
	/** When the share was last halved: refusals of requests sent before then are already counted. */
	private cutAt = 0;

	constructor(
		private plan: RateLimit,
		private readonly now: () => number = Date.now,
	) {
		this.updatedAt = now();
	}

	/** The pace this process keeps to now. */
	get limit(): RateLimit {
		const scale = this.share / this.processes;
		return {
			burst: Math.max(1, Math.floor(this.plan.burst * scale) - HEADROOM),
			perSecond: this.plan.perSecond * scale,
		};
	}

	/** The portal's plan or the number of processes sharing it was set (again): the counter stays. */
	configure(plan = this.plan, processes = this.processes): void {
		if (plan === this.plan && processes === this.processes) return;
		this.drain();
		this.plan = plan;
		this.processes = processes;
	}

	/** Takes a place; returns the milliseconds to wait before sending. */
	reserve(): number {
		this.drain();
		this.level += 1;
		const { burst, perSecond } = this.limit;
		const excess = this.level - burst;
		return excess > 0 ? Math.ceil((excess / perSecond) * 1000) : 0;
	}

	/** Whether a request reserved now would leave at once. */
	get idle(): boolean {
		this.drain();
		return this.level + 1 <= this.limit.burst;
	}

	/**
	 * A request left `lateMs` after the time `reserve` gave it (a busy event loop): the portal
	 * counts it from when it arrives, so its place drains that much later.
	 */
	departedLate(lateMs: number): void {
		if (lateMs <= 0) return;
		this.drain();
		this.level += Math.min(1, (lateMs / 1000) * this.limit.perSecond);
	}

	/** Gives back a place taken by `reserve` for a request that will not be sent after all. */
	release(): void {
		this.drain();
		this.level = Math.max(0, this.level - 1);
	}

	/**
	 * The portal answered QUERY_LIMIT_EXCEEDED: someone else uses it too (another n8n process,
	 * another app on this server), so take it as full and halve this process's pace, once for
	 * all the requests that were on their way together (`sentAt`: when the refused one left).
	 */
	refused(sentAt: number): void {
		this.drain();
		if (sentAt >= this.cutAt) {
			this.share = Math.max(MIN_SHARE, this.share / 2);
			this.cutAt = this.now();
		}
		this.level = Math.max(this.level, this.limit.burst);
	}

	/** The portal answered a request without refusing it: win back a little of the pace. */
	answered(): void {
		if (this.share >= 1) return;
		this.drain();
		this.share = Math.min(1, this.share + SHARE_REGAINED_PER_ANSWER);
	}

	private drain(): void {
		const now = this.now();
		this.level = Math.max(0, this.level - ((now - this.updatedAt) / 1000) * this.limit.perSecond);
		this.updatedAt = now;
	}
}

/**
 * One bucket per portal for the whole n8n process: every execution that calls a portal shares it,
 * whatever plan each one names, as the portal counts all their requests in one counter. Exported
 * for the test seam (test/harness/testSeam.ts) only: nothing in the node changes it but `bucketFor`.
 */
export const portalBuckets = new Map<string, LeakyBucket>();

/**
 * The portal's bucket. A call that names the plan (the node's Bitrix24 Plan option) sets the
 * bucket's rate, the most recent setting winning; a call that does not (the trigger, list
 * searches, a node without the option) keeps it, Standard until someone says otherwise.
 * `processes`: how many n8n processes share the portal (the credential's setting), each taking
 * its part of the rate and burst.
 */
export function bucketFor(portal: string, plan?: Bitrix24Plan, processes?: number): LeakyBucket {
	let bucket = portalBuckets.get(portal);
	if (!bucket) {
		bucket = new LeakyBucket(PLAN_LIMITS[plan ?? 'standard']);
		portalBuckets.set(portal, bucket);
	}
	bucket.configure(plan && PLAN_LIMITS[plan], processes);
	return bucket;
}
