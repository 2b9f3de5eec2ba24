/** The portal's request-rate limit (REST docs, limits.md): X before blocking, drained Y a second. */
export interface RateLimit {
	/** X: once the counter is above it, requests are refused (Enterprise 250, others 50). */
	burst: number;
	/** Y: how much the counter drains each second (Enterprise 5, others 2). */
	perSecond: number;
}

function validate(limit: RateLimit): void {
	const { burst, perSecond } = limit;
	for (const [name, value] of Object.entries({ burst, perSecond })) {
		if (!(Number.isFinite(value) && value >= 0)) {
			throw new Error(`Rate limit ${name} must be 0 or more, got ${value}`);
		}
	}
}

/**
 * A leaky bucket: each admitted request adds 1, the counter drains continuously, and a request
 * arriving while the counter is above `burst` is refused (and adds nothing).
 */
export class LeakyBucket {
	private current: RateLimit | null = null;
	private level = 0;
	private drainedAt = 0;

	get limit(): RateLimit | null {
		return this.current && { ...this.current };
	}

	/** A new limit (or `null`: none) starts with an empty bucket. */
	set limit(limit: RateLimit | null) {
		if (limit) validate(limit);
		this.current = limit && { ...limit };
		this.level = 0;
	}

	/** Whether a request arriving at `now` (seconds) gets through; counts it if so. */
	admit(now: number): boolean {
		if (!this.current) return true;
		this.level = Math.max(0, this.level - (now - this.drainedAt) * this.current.perSecond);
		this.drainedAt = now;
		if (this.level > this.current.burst) return false;
		this.level += 1;
		return true;
	}
}
