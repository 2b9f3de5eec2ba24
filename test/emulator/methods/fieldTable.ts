import { isArrayValue, phpInt, phpString } from '../binder';
import { Bitrix24Error } from '../errors';
import { formatBitrixDate } from '../time';

/**
 * A resource's fields as its `getFields` page lists them (`rest_field_description`), and what
 * the portal's REST view does with them: casts given values by type, drops read-only and
 * unknown fields, keeps immutable ones out of updates, and names missing required fields.
 */

export type FieldType = 'integer' | 'double' | 'string' | 'char' | 'datetime' | 'file';

export interface FieldSpec {
	type: FieldType;
	/** The field's title, where the page shows one (product fields). */
	title?: string;
	required: boolean;
	readOnly: boolean;
	immutable: boolean;
	/** Listed by `getFields` (default); `false`: answered by get and list only. */
	described: boolean;
	/** Answered by get and list (default); `false`: only listed by `getFields`. */
	shown: boolean;
}

/** Fields in the order answers show them. */
export type FieldTable = Readonly<Record<string, FieldSpec>>;

/**
 * One field: `flags` as the pages' columns, R read-only, Q required, I immutable; `-` only
 * answered (not in `getFields`), `+` only in `getFields` (not answered).
 */
export function field(type: FieldType, flags = '', title?: string): FieldSpec {
	return {
		type,
		...(title === undefined ? {} : { title }),
		required: flags.includes('Q'),
		readOnly: flags.includes('R'),
		immutable: flags.includes('I'),
		described: !flags.includes('-'),
		shown: !flags.includes('+'),
	};
}

export interface FieldDescription {
	isImmutable: boolean;
	isReadOnly: boolean;
	isRequired: boolean;
	name?: string;
	type: string;
}

/** What `getFields` answers for a table. */
export function describeFields(table: FieldTable): Record<string, FieldDescription> {
	const described = Object.entries(table).filter(([, spec]) => spec.described);
	return Object.fromEntries(
		described.map(([name, spec]) => [
			name,
			{
				isImmutable: spec.immutable,
				isReadOnly: spec.readOnly,
				isRequired: spec.required,
				...(spec.title === undefined ? {} : { name: spec.title }),
				type: spec.type,
			},
		]),
	);
}

/** The fields answers show, in order. */
export function shownFields(table: FieldTable): string[] {
	return Object.keys(table).filter((name) => table[name].shown);
}

/** `fields` as a map of names (a list names nothing). */
export function givenFields(fields: unknown): Record<string, unknown> {
	return isArrayValue(fields) && !Array.isArray(fields) ? fields : {};
}

/** `Required fields: name, iblockId` (code 0) when any of `required` is missing or null. */
export function assertRequired(fields: Record<string, unknown>, required: readonly string[]): void {
	const missing = required.filter((name) => fields[name] === undefined || fields[name] === null);
	if (missing.length > 0) throw new Bitrix24Error(400, 0, `Required fields: ${missing.join(', ')}`);
}

/** A value as the view stores it; `undefined` when it does not convert (the field is dropped). */
export function castValue(type: FieldType, value: unknown): unknown {
	switch (type) {
		case 'integer':
			return phpInt(value);
		case 'double': {
			const number = Number.parseFloat(phpString(value));
			return Number.isFinite(number) ? number : 0;
		}
		case 'datetime': {
			const time = typeof value === 'string' && value !== '' ? Date.parse(value) : Number.NaN;
			return Number.isNaN(time) ? undefined : formatBitrixDate(new Date(time));
		}
		case 'file':
			return undefined;
		default:
			return value === null ? null : phpString(value);
	}
}

/**
 * The fields an add (or update) takes: known, writable (and on update not immutable), cast by
 * type. Unknown, read-only and unconvertible fields are dropped without a word, as the portal does.
 */
export function writableFields(
	table: FieldTable,
	fields: Record<string, unknown>,
	mode: 'add' | 'update',
): Record<string, unknown> {
	const taken: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(fields)) {
		const spec = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
		if (!spec || spec.readOnly || (mode === 'update' && spec.immutable)) continue;
		const cast = castValue(spec.type, value);
		if (cast !== undefined) taken[name] = cast;
	}
	return taken;
}
