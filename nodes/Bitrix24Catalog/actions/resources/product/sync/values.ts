import type { IDataObject } from 'n8n-workflow';

/**
 * Values as the product list answers them and as an item gives them, compared as what they
 * mean: a property's `{ valueId, value }` entries (or a list of them) by their values, numbers as
 * numbers, the rest as text; nothing (null, '', no entry) is one value.
 */
export function comparable(value: unknown): string {
	const texts = entriesOf(value).map(scalarText).filter((entry) => entry !== '');
	return JSON.stringify(texts.length > 1 ? [...texts].sort() : texts);
}

function entriesOf(value: unknown): unknown[] {
	if (value === null || value === undefined) return [];
	if (Array.isArray(value)) return value.flatMap(entriesOf);
	if (typeof value === 'object') {
		const entry = value as IDataObject;
		return 'value' in entry ? entriesOf(entry.value) : [JSON.stringify(entry)];
	}
	return [value];
}

function scalarText(value: unknown): string {
	const text = String(value).trim();
	if (text !== '' && /^-?\d+(\.\d+)?$/.test(text)) return String(Number(text));
	return text;
}

export function sameValue(current: unknown, wanted: unknown): boolean {
	return comparable(current) === comparable(wanted);
}

/** A key's value as text: a property's value, or the field's own. */
export function keyText(value: unknown): string {
	const [first] = entriesOf(value);
	return first === undefined ? '' : String(first).trim();
}

/** What a value shows in the plan: a property's values, or the value itself. */
export function shown(value: unknown): unknown {
	if (value === undefined) return null;
	if (value !== null && typeof value === 'object') {
		const values = entriesOf(value);
		return Array.isArray(value) ? values : (values[0] ?? null);
	}
	return value;
}
