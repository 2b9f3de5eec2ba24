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
 * The portal's counter, mirrored on our side: each request reserves a place and learns how long
 * to wait so that the portal never sees more than its burst. Reservations are made in order, so
 * concurrent callers queue up instead of racing.
 */
export class LeakyBucket {
	private level = 0;
	private updatedAt: number;

	constructor(
		public limit: RateLimit,
		private readonly now: () => number = Date.now,
	) {
		this.updatedAt = now();
	}

	/** The portal's plan was set (again): the counter stays, the burst and drain change. */
	setLimit(limit: RateLimit): void {
		this.drain();
		this.limit = limit;
	}

	/** Takes a place; returns the milliseconds to wait before sending. */
	reserve(): number {
		this.drain();
		this.level += 1;
		const excess = this.level - this.limit.burst;
		return excess > 0 ? Math.ceil((excess / this.limit.perSecond) * 1000) : 0;
	}

	/** Gives back a place taken by `reserve` for a request that will not be sent after all. */
	release(): void {
		this.drain();
		this.level = Math.max(0, this.level - 1);
	}

	/** The portal answered QUERY_LIMIT_EXCEEDED: someone else uses it too, so take it as full. */
	fill(): void {
		this.drain();
		this.level = Math.max(this.level, this.limit.burst);
	}

	private drain(): void {
		const now = this.now();
		this.level = Math.max(0, this.level - ((now - this.updatedAt) / 1000) * this.limit.perSecond);
		this.updatedAt = now;
	}
}

// One bucket per portal for the whole n8n process: every execution that calls a portal shares it,
// whatever plan each one names, as the portal counts all their requests in one counter.
const buckets = new Map<string, LeakyBucket>();

/**
 * The portal's bucket. A call that names the plan (the node's Bitrix24 Plan option) sets the
 * bucket's rate, the most recent setting winning; a call that does not (the trigger, list
 * searches, a node without the option) keeps it, Standard until someone says otherwise.
 */
export function bucketFor(portal: string, plan?: Bitrix24Plan): LeakyBucket {
	let bucket = buckets.get(portal);
	if (!bucket) {
		bucket = new LeakyBucket(PLAN_LIMITS[plan ?? 'standard']);
		buckets.set(portal, bucket);
	} else if (plan && bucket.limit !== PLAN_LIMITS[plan]) {
		bucket.setLimit(PLAN_LIMITS[plan]);
	}
	return bucket;
}
