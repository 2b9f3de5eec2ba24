/**
 * Operating time (REST docs, limits.md): the time each method takes is summed per method and per
 * caller over a window; past the limit the method is blocked until the oldest part is released.
 * The emulator does not measure: each call costs what `setCost` says, without waiting.
 */

export interface OperatingLimit {
	/** Seconds a method may use within the window (the docs: 480). */
	limitSeconds: number;
	/** How far back calls count, in seconds (the docs: 600, in one-minute baskets). */
	windowSeconds: number;
}

/** What the `time` object of every answer carries, as cloud portals write it, in their order. */
export interface OperatingFields {
	/** Unix time (whole seconds) when the oldest counted use is released (a window ahead if none). */
	operating_reset_at?: number;
	/** Seconds the method used in the window, this call included. */
	operating?: number;
}

/** Costs given for `ANY_METHOD` apply to methods without a cost of their own. */
export const ANY_METHOD = '*';

/** How far back uses count while no limit is set: the cloud's ten one-minute baskets. */
const CLOUD_WINDOW_SECONDS = 600;

interface Use {
	at: number;
	seconds: number;
}

function validSeconds(value: number, what: string, allowZero: boolean): void {
	if (!(Number.isFinite(value) && (allowZero ? value >= 0 : value > 0))) {
		throw new Error(
			`${what} must be ${allowZero ? '0 or more' : 'more than 0'} seconds, got ${value}`,
		);
	}
}

export class OperatingTime {
	private readonly costs = new Map<string, number>();
	private readonly uses = new Map<string, Use[]>();
	private current: OperatingLimit | null = null;

	get limit(): OperatingLimit | null {
		return this.current && { ...this.current };
	}

	/** A new limit (or `null`: none) forgets what was used before. */
	set limit(limit: OperatingLimit | null) {
		if (limit) {
			validSeconds(limit.limitSeconds, 'limitSeconds', true);
			validSeconds(limit.windowSeconds, 'windowSeconds', false);
		}
		this.current = limit && { ...limit };
		this.uses.clear();
	}

	/** What one call of `method` (any letter case, or `ANY_METHOD`) costs, in seconds. */
	setCost(method: string, seconds: number): void {
		validSeconds(seconds, 'Processing time', true);
		this.costs.set(method.toLowerCase(), seconds);
	}

	cost(method: string): number {
		return this.costs.get(method.toLowerCase()) ?? this.costs.get(ANY_METHOD) ?? 0;
	}

	/** Whether `caller` used up `method` (only while the limit is on). */
	isBlocked(caller: string, method: string, now: number): boolean {
		if (this.current === null) return false;
		return totalSeconds(this.inWindow(useKey(caller, method), now)) > this.current.limitSeconds;
	}

	/** Counts a finished call; uses are counted with or without a limit, as the cloud reports them. */
	charge(caller: string, method: string, seconds: number, now: number): void {
		if (seconds <= 0) return;
		const key = useKey(caller, method);
		this.uses.set(key, [...this.inWindow(key, now), { at: now, seconds }]);
	}

	/**
	 * Every answer carries both: `operating_reset_at` is when the oldest counted use is released,
	 * or a window from now while none is counted, as the 2025-2026 examples show it at `operating: 0`.
	 */
	fields(caller: string, method: string, now: number): OperatingFields {
		// One filtered list gives both the total and the oldest use.
		const uses = this.inWindow(useKey(caller, method), now);
		const oldest = uses.length === 0 ? now : uses[0].at;
		return {
			operating_reset_at: Math.ceil(oldest + this.windowSeconds),
			operating: totalSeconds(uses),
		};
	}

	/** No costs, no limit, nothing used. */
	reset(): void {
		this.costs.clear();
		this.limit = null;
	}

	private get windowSeconds(): number {
		return this.current?.windowSeconds ?? CLOUD_WINDOW_SECONDS;
	}

	private inWindow(key: string, now: number): Use[] {
		const window = this.windowSeconds;
		return (this.uses.get(key) ?? []).filter((use) => use.at + window > now);
	}
}

function totalSeconds(uses: Use[]): number {
	return uses.reduce((sum, use) => sum + use.seconds, 0);
}

function useKey(caller: string, method: string): string {
	return `${caller}\n${method.toLowerCase()}`;
}
