import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { itemError } from '../../helpers/itemError';
import type { FieldList } from './fieldList';
import type { ResourceSpec } from './spec';

/**
 * The key prefixes Bitrix24's catalog lists take (each list method's page: "Possible prefix
 * values"), longest first so that `>=name` is `>=` and `name`.
 */
const FILTER_PREFIXES = [
	'!=%',
	'!%=',
	'>=',
	'<=',
	'!@',
	'=%',
	'%=',
	'!%',
	'!=',
	'>',
	'<',
	'@',
	'%',
	'=',
	'!',
];

/** A filter key's field: `>=sort` → `sort`. */
export function filterField(key: string): string {
	const prefix = FILTER_PREFIXES.find((candidate) => key.startsWith(candidate));
	return prefix ? key.slice(prefix.length) : key;
}

/** Edits (insert, delete, replace a letter) from one name to another, letter case aside. */
function editDistance(a: string, b: string): number {
	const [from, to] = [a.toLowerCase(), b.toLowerCase()];
	let previous = Array.from({ length: to.length + 1 }, (_, index) => index);
	for (let i = 1; i <= from.length; i++) {
		const current = [i];
		for (let j = 1; j <= to.length; j++) {
			const replace = previous[j - 1] + (from[i - 1] === to[j - 1] ? 0 : 1);
			current.push(Math.min(previous[j] + 1, current[j - 1] + 1, replace));
		}
		previous = current;
	}
	return previous[to.length];
}

/** Up to three known names within a few edits of `name`, the nearest first. */
export function nearestNames(name: string, known: string[]): string[] {
	const most = Math.max(2, Math.floor(name.length / 3));
	return known
		.map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
		.filter(({ distance }) => distance <= most)
		.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
		.slice(0, 3)
		.map(({ candidate }) => candidate);
}

/**
 * Refuses a field name (`field`, the bare name; `key`, as the user wrote it, with its filter
 * prefix) that the records do not have, naming it and the nearest names they do have: Bitrix24
 * would drop it without a word (a filter on it would match every record).
 */
export function assertKnownField(
	context: Pick<IExecuteFunctions, 'getNode'>,
	spec: ResourceSpec,
	fields: FieldList,
	where: { label: string; key: string; field: string; filter?: boolean },
	itemIndex: number,
): void {
	if (Object.hasOwn(fields, where.field)) return;
	const nearest = nearestNames(where.field, Object.keys(fields));
	const suggestion = nearest.length > 0 ? `; nearest: ${nearest.join(', ')}` : '';
	throw itemError(
		context.getNode(),
		`${where.label}: ${where.key} is not a ${spec.noun} field${suggestion}`,
		itemIndex,
		`Bitrix24 drops a name it does not know without a word${where.filter ? `, so the filter would match every ${spec.noun}` : ''}. Pick the field from the list; Get Fields lists them all (the catalog's properties as propertyN). The item was not sent.`,
	);
}

/**
 * The field names a filter holds, with their keys: its own keys, less Bitrix24's `LOGIC`, and
 * those of the groups it nests under numbered keys.
 */
export function filterKeys(filter: IDataObject): Array<{ key: string; field: string }> {
	return Object.entries(filter).flatMap(([key, value]) => {
		if (key.toUpperCase() === 'LOGIC') return [];
		if (/^\d+$/.test(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
			return filterKeys(value as IDataObject);
		}
		return [{ key, field: filterField(key) }];
	});
}
