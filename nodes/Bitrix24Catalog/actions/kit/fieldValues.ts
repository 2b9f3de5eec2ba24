import type { IDataObject, INode } from 'n8n-workflow';

import { itemError } from '../../helpers/itemError';
import { shownValue, wholeNumberOf } from '../../helpers/wholeNumber';
import type { FieldDescription } from './record';

type Value = IDataObject[keyof IDataObject];

/**
 * A value as the field takes it, or what the field takes instead (`a whole number`). Numbers
 * go as given (`"150"` too, which Bitrix24 reads as 150); switches and dates are written out.
 */
type Checked = { value: Value } | { wanted: string };

const YES = new Set(['y', 'true', '1']);
const NO = new Set(['n', 'false', '0']);
const Y_OR_N = 'Y or N (true, false, "Y", "N", 1 or 0)';

/** A Y/N field's value: the forms n8n's switches and expressions give, as `Y` or `N`. */
function yesOrNo(value: unknown): Checked {
	if (typeof value === 'boolean') return { value: value ? 'Y' : 'N' };
	if (typeof value === 'number' || typeof value === 'string') {
		const text = String(value).trim().toLowerCase();
		if (YES.has(text)) return { value: 'Y' };
		if (NO.has(text)) return { value: 'N' };
		// Some `char` fields take another letter: a document's type (A, S, ...), a list's display (C, L).
		if (typeof value === 'string' && /^[a-z]$/i.test(value.trim())) return { value: value.trim() };
	}
	return { wanted: Y_OR_N };
}

function wholeNumber(value: unknown): Checked {
	if (typeof value === 'boolean') return { wanted: 'a whole number' };
	const read = wholeNumberOf(value, { min: Number.MIN_SAFE_INTEGER });
	return 'value' in read ? { value: value as Value } : { wanted: 'a whole number' };
}

function anyNumber(value: unknown): Checked {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value.trim())
				: Number.NaN;
	return Number.isFinite(number) ? { value: value as Value } : { wanted: 'a number' };
}

const DATE_TEXT =
	/^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?|\d{2}\.\d{2}\.\d{4}( \d{2}:\d{2}(:\d{2})?)?)$/;

/** A date as ISO text (`2024-05-01T10:00:00+03:00`), or the portal's own `01.05.2024 10:00:00`. */
function date(value: unknown): Checked {
	const wanted = { wanted: 'a date such as 2024-05-01 or 2024-05-01T10:00:00+03:00' };
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? wanted : { value: value.toISOString() };
	// A Luxon DateTime, as n8n's expressions ($now, DateTime.fromISO) give dates.
	const iso = (value as { toISO?: unknown } | null)?.toISO;
	if (typeof iso === 'function') {
		const text: unknown = iso.call(value);
		return typeof text === 'string' ? { value: text } : wanted;
	}
	if (typeof value !== 'string') return wanted;
	const text = value.trim();
	if (!DATE_TEXT.test(text)) return wanted;
	const iso8601 = /^\d{4}/.test(text)
		? text
		: text.replace(/^(\d{2})\.(\d{2})\.(\d{4})/, '$3-$2-$1');
	return Number.isNaN(Date.parse(iso8601.replace(' ', 'T'))) ? wanted : { value: text };
}

function text(value: unknown): Checked {
	return typeof value === 'string' || typeof value === 'number' ? { value } : { wanted: 'text' };
}

const FILE = 'a file as {"fileData": ["name.png", "<base64>"]}';

/** A file as Bitrix24 takes one: `{ fileData: [name, base64] }`. */
function file(value: unknown): Checked {
	const data = (value as { fileData?: unknown } | null)?.fileData;
	return Array.isArray(data) && data.length === 2 && data.every((part) => typeof part === 'string')
		? { value: value as Value }
		: { wanted: FILE };
}

/** One of a list's values, by its ID. */
function listValue(value: unknown, values: NonNullable<FieldDescription['values']>): Checked {
	const choices = Object.entries(values).map(([id, choice]) => ({
		id: String(choice.id ?? id),
		label: String(choice.value ?? id),
	}));
	const given = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
	const found = choices.find((choice) => choice.id === given);
	if (found) return { value: value as Value };
	const listed = choices
		.slice(0, 10)
		.map(({ id, label }) => (label === id ? id : `${id} (${label})`))
		.join(', ');
	return {
		wanted: `one of the list's values by ID: ${listed}${choices.length > 10 ? ', ...' : ''}`,
	};
}

/**
 * A property's value by its type: `N` number, `L` list, `E` a record's ID, `F` file; `S` (text,
 * and the types built on it, such as HTML as `{ TYPE, TEXT }`) takes what it is given.
 */
function propertyCheck(field: FieldDescription): (value: unknown) => Checked {
	if (field.values) return (value) => listValue(value, field.values!);
	switch (field.propertyType) {
		case 'N':
			return anyNumber;
		case 'E':
			return wholeNumber;
		case 'F':
			return file;
		default:
			return (value) => ({ value: value as Value });
	}
}

/** The check of a standard field's value by the type `getFields` gives it; none for types it does not know. */
function fieldCheck(field: FieldDescription): ((value: unknown) => Checked) | undefined {
	if (field.values) return (value) => listValue(value, field.values!);
	switch (field.type) {
		case 'integer':
			return wholeNumber;
		case 'double':
		case 'float':
			return anyNumber;
		case 'char':
			return yesOrNo;
		case 'datetime':
		case 'date':
			return date;
		case 'string':
		case 'text':
			return text;
		case 'file':
			return file;
		default:
			return undefined;
	}
}

function refusal(node: INode, name: string, value: unknown, wanted: string, itemIndex: number) {
	return itemError(
		node,
		`Fields → ${name} must be ${wanted}, but got ${shownValue(value)}`,
		itemIndex,
		`Bitrix24 would store a value of another type as something else (0, N, now) without a word, so the item was not sent. Map ${name} a value of its type.`,
	);
}

/**
 * A mapped value checked against its field's type and given in it: whole numbers, numbers, Y/N
 * switches (as `Y`/`N`), dates, list values, files; refused, naming the field, the value and
 * the item, when it is not one.
 */
export function checkedValue(
	node: INode,
	name: string,
	value: unknown,
	field: FieldDescription,
	itemIndex: number,
): Value {
	const check = fieldCheck(field);
	if (!check) return value as Value;
	const checked = check(value);
	if ('wanted' in checked) throw refusal(node, name, value, checked.wanted, itemIndex);
	return checked.value;
}

/** A property's entries (`{ value, valueId? }`, see `propertyValue`), each value checked. */
export function checkedPropertyEntries<Entries extends IDataObject | IDataObject[]>(
	node: INode,
	name: string,
	entries: Entries,
	field: FieldDescription,
	itemIndex: number,
): Entries {
	const check = propertyCheck(field);
	const one = (entry: IDataObject): IDataObject => {
		const checked = check(entry.value);
		if ('wanted' in checked) throw refusal(node, name, entry.value, checked.wanted, itemIndex);
		return { ...entry, value: checked.value };
	};
	return (Array.isArray(entries) ? entries.map(one) : one(entries)) as Entries;
}
