/**
 * Times as the portal writes them (`2024-10-15T17:13:08+03:00`: seconds, the portal's offset), so
 * that a filter sent back reads in the portal's own zone whatever n8n's is.
 */

const OFFSET = /([+-])(\d\d):?(\d\d)$|Z$/;

/** Epoch milliseconds of a portal time; NaN when it is none. */
export function instantOf(value: unknown): number {
	return typeof value === 'string' && value !== '' ? Date.parse(value) : NaN;
}

/** Minutes east of UTC the text is written in (0 when it names none). */
function offsetMinutes(text: string): number {
	const found = OFFSET.exec(text);
	if (!found || !found[1]) return 0;
	const minutes = Number(found[2]) * 60 + Number(found[3]);
	return found[1] === '-' ? -minutes : minutes;
}

/** `time` moved by `seconds`, written with the same offset as `time`. */
export function shiftedTime(time: string, seconds: number): string {
	const offset = offsetMinutes(time);
	const local = new Date(instantOf(time) + seconds * 1000 + offset * 60_000);
	const sign = offset < 0 ? '-' : '+';
	const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
	const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
	return `${local.toISOString().slice(0, 19)}${sign}${hours}:${minutes}`;
}

/** The later of two portal times (either may be missing). */
export function laterTime(a: string | undefined, b: unknown): string | undefined {
	if (typeof b !== 'string' || Number.isNaN(instantOf(b))) return a;
	if (a === undefined || instantOf(b) > instantOf(a)) return b;
	return a;
}
