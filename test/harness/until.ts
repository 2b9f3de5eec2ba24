/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
export interface UntilOptions {
	timeoutMs: number;
	intervalMs: number;
	/** The message if time runs out, read then; by default "Timed out waiting for <what>". */
	timeoutMessage?: () => string;
}

/**
 * Asks `check` every `intervalMs` until it gives a value other than `undefined` or `false`, and
 * resolves with that value; once `timeoutMs` has passed, the next answer without one fails the
 * wait. An error `check` throws ends the wait at once.
 */
export async function until<T>(
	what: string,
	check: () => Promise<T | undefined | false> | T | undefined | false,
	{ timeoutMs, intervalMs, timeoutMessage = () => `Timed out waiting for ${what}` }: UntilOptions,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(timeoutMessage());
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
