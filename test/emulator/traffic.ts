import { LeakyBucket } from './leakyBucket';
import { nowSeconds } from './time';

/** Counts of HTTP requests to `/rest/`, since start or the last reset. */
export interface RestStats {
	/** Every request to `/rest/...`, a batch counting as one. */
	restRequests: number;
	/** Requests refused with 503 QUERY_LIMIT_EXCEEDED by the rate limit. */
	queryLimitExceeded: number;
}

/**
 * What REST requests meet before any method runs: one rate limit for the whole portal (the real one
 * is per portal and source IP, and every test client shares 127.0.0.1) and an optional latency.
 */
export class RestTraffic {
	readonly bucket = new LeakyBucket();
	readonly stats: RestStats = { restRequests: 0, queryLimitExceeded: 0 };
	private latency = 0;

	get latencyMs(): number {
		return this.latency;
	}

	set latencyMs(ms: number) {
		if (!(Number.isFinite(ms) && ms >= 0))
			throw new Error(`Latency must be 0 ms or more, got ${ms}`);
		this.latency = ms;
	}

	/** Counts a request that just arrived; false when the rate limit refuses it. */
	admit(): boolean {
		this.stats.restRequests++;
		if (this.bucket.admit(nowSeconds())) return true;
		this.stats.queryLimitExceeded++;
		return false;
	}

	/** No limit, no latency, nothing counted. */
	reset(): void {
		this.bucket.limit = null;
		this.latency = 0;
		this.stats.restRequests = 0;
		this.stats.queryLimitExceeded = 0;
	}
}
