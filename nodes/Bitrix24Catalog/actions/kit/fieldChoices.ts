import type { IDataObject } from 'n8n-workflow';

import type { Bitrix24Call } from '../../transport';
import type { FieldDescription } from './record';
import { titledListCall, titledOptions } from './recordList';
import type { ResourceSpec } from './spec';

/** One choice of a list another method gives (`catalog.enum.*`: `{ id, name }`). */
export interface Choice {
	id: string;
	name: string;
}

/** The `{ id, name }` entries a method lists under `key`. */
export async function loadChoices(
	send: (call: Bitrix24Call) => Promise<unknown>,
	source: { method: string; key: string },
): Promise<Choice[]> {
	const result = (await send({ method: source.method, params: {} })) as IDataObject | undefined;
	const entries = result?.[source.key];
	return (Array.isArray(entries) ? entries : []).map((entry: IDataObject) => ({
		id: String(entry.id),
		name: String(entry.name ?? entry.id),
	}));
}

/** Choices as a field description's `values`, which the mapping form offers by name. */
function valuesOf(options: Array<{ name: string; value: unknown }>): FieldDescription['values'] {
	return Object.fromEntries(
		options.map(({ name, value }) => [String(value), { id: String(value), value: name }]),
	);
}

/**
 * A record's fields as the mapping form should show them: text fields Bitrix24 types `char` as
 * text, fields whose values another method lists with those values, by name, fields that name
 * another resource's record with its records (a unit: `Gram (#3)`), and fields that take one of
 * the values their page lists with those.
 */
export async function withChoices(
	spec: ResourceSpec,
	fields: Record<string, FieldDescription>,
	send: (call: Bitrix24Call) => Promise<unknown>,
): Promise<Record<string, FieldDescription>> {
	const shown = withOwnChoices(spec, fields);
	for (const [name, source] of Object.entries(spec.choices ?? {})) {
		if (!shown[name]) continue;
		const choices = await loadChoices(send, source);
		shown[name] = {
			...shown[name],
			values: Object.fromEntries(
				choices.map(({ id, name: label }) => [id, { id, value: `${label} (${id})` }]),
			),
		};
	}
	for (const [name, referenced] of Object.entries(spec.references ?? {})) {
		if (!shown[name]) continue;
		const result = await send(titledListCall(referenced, {}, 0));
		shown[name] = { ...shown[name], values: valuesOf(titledOptions(referenced, result)) };
	}
	return shown;
}

/**
 * What the spec itself says of its fields, with no call to make: text fields Bitrix24 types
 * `char` as text, and the values of fields that take one of the values their page lists.
 */
export function withOwnChoices(
	spec: ResourceSpec,
	fields: Record<string, FieldDescription>,
): Record<string, FieldDescription> {
	const shown = { ...fields };
	for (const name of spec.textFields ?? []) {
		if (shown[name]) shown[name] = { ...shown[name], type: 'string' };
	}
	for (const [name, options] of Object.entries(spec.listedValues ?? {})) {
		if (shown[name]) shown[name] = { ...shown[name], values: valuesOf(options) };
	}
	return shown;
}
