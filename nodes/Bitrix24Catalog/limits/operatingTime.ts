/**
 * Bitrix24's operating-time limit: each method may use so many seconds of server time in a
 * 10-minute window; answers tell how much it used (`time.operating`) and when part of it frees
 * up (`time.operating_reset_at`, unix seconds). We keep the latest reset time per portal and
 * method, to know how long a blocked method must wait.
 */
const resets = new Map<string, number>();

const keyOf = (portal: string, method: string) => `${portal} ${method.toLowerCase()}`;

export function noteOperatingTime(portal: string, method: string, time: unknown): void {
	const resetAt = Number(
		(time as { operating_reset_at?: unknown } | undefined)?.operating_reset_at,
	);
	if (Number.isFinite(resetAt) && resetAt > 0) resets.set(keyOf(portal, method), resetAt * 1000);
}

/** When a blocked method may run again (epoch ms), if an answer said so. */
export function operatingResetAt(portal: string, method: string): number | undefined {
	return resets.get(keyOf(portal, method));
}
