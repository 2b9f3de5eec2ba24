import { phpString } from '../binder';
import type { Params } from '../params';

/**
 * `$result[key][field]…` in a batch command's parameters: a value from an earlier command's answer
 * (`$next`, `$total`, `$time` and `$error` reach the other sections), substituted like the portal
 * does (`CRestUtil::ParseBatchQuery`).
 */

// The name in any letter case, then everything up to white space.
const REFERENCE = /\$(result|next|total|time|error)(\S*)/gi;
const STEP = /\[([^\]]+)\]/g;

/** A batch section by the name a reference spells. */
export type SectionLookup = (name: string) => Record<string, unknown> | undefined;

function child(value: unknown, key: string): unknown {
	if (typeof value !== 'object' || value === null) return undefined;
	return Object.prototype.hasOwnProperty.call(value, key)
		? (value as Record<string, unknown>)[key]
		: undefined;
}

/** Follows the path as far as it leads: a missing step leaves the value reached so far. */
function follow(start: unknown, path: string[]): unknown {
	let value = start;
	for (const key of path) {
		const next = child(value, key);
		if (next === undefined || next === null) break;
		value = next;
	}
	return value;
}

/** A whole-value reference becomes the value itself; one inside a text is printed into it. */
function substitute(text: string, lookup: SectionLookup): unknown {
	let value: unknown = text;
	for (const [match, name, tail] of text.matchAll(REFERENCE)) {
		const path = [...tail.matchAll(STEP)].map(([, key]) => key);
		if (path.length === 0) continue;
		const found = follow(lookup(name), path);
		// A path that names no command leaves the whole section (rest_util.php, processBatchElement):
		// a copy with an ordinary prototype, so it binds like any value a client sent.
		if (match === value) value = typeof found === 'object' ? structuredClone(found) : found;
		else if (typeof value === 'string') value = value.split(match).join(phpString(found));
	}
	return value;
}

function resolve(value: unknown, lookup: SectionLookup): unknown {
	if (typeof value === 'string') return substitute(value, lookup);
	if (Array.isArray(value)) return value.map((entry) => resolve(entry, lookup));
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, entry]) => [key, resolve(entry, lookup)]),
	);
}

/** The parameters with every reference in their values replaced (names are left alone). */
export function resolveReferences(params: Params, lookup: SectionLookup): Params {
	return resolve(params, lookup) as Params;
}
