/**
 * Bitrix24's operating-time limit: each method may use so many seconds of server time in a
 * 10-minute window (480 s on the cloud); answers tell how much it used (`time.operating`) and when
 * part of it frees up (`time.operating_reset_at`, unix seconds). We keep the latest of both per
 * portal and method, to slow down before the limit and to know how long a blocked method waits.
 */
export const OPERATING_LIMIT_SECONDS = 480;

// Past this share of the limit, the next call waits for the oldest part of the window to free up.
const SLOW_DOWN_AT = 0.9;

interface Usage {
	operating: number;
	resetAt?: number;
}

const usage = new Map<string, Usage>();

const keyOf = (portal: string, method: string) => `${portal} ${method.toLowerCase()}`;

export function noteOperatingTime(portal: string, method: string, time: unknown): void {
	const { operating, operating_reset_at: resetAt } = (time ?? {}) as {
		operating?: unknown;
		operating_reset_at?: unknown;
	};
	if (operating === undefined) return;
	const reset = Number(resetAt);
	usage.set(keyOf(portal, method), {
		operating: Number(operating) || 0,
		resetAt: Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined,
	});
}

/** When a blocked method may run again (epoch ms), if an answer said so. */
export function operatingResetAt(portal: string, method: string): number | undefined {
	return usage.get(keyOf(portal, method))?.resetAt;
}

/** How long to hold the next call of a method that has nearly used up its time (ms). */
export function operatingPauseMs(portal: string, method: string, now = Date.now()): number {
	const entry = usage.get(keyOf(portal, method));
	if (!entry?.resetAt || entry.operating < OPERATING_LIMIT_SECONDS * SLOW_DOWN_AT) return 0;
	return Math.max(0, entry.resetAt - now);
}
