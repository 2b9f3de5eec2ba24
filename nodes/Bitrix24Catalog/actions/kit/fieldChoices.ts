import type { IDataObject } from 'n8n-workflow';

import type { Bitrix24Call } from '../../transport';
import type { FieldDescription } from './record';
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

/**
 * A record's fields as the mapping form should show them: text fields Bitrix24 types `char` as
 * text, and fields whose values another method lists with those values, by name.
 */
export async function withChoices(
	spec: ResourceSpec,
	fields: Record<string, FieldDescription>,
	send: (call: Bitrix24Call) => Promise<unknown>,
): Promise<Record<string, FieldDescription>> {
	const shown = { ...fields };
	for (const name of spec.textFields ?? []) {
		if (shown[name]) shown[name] = { ...shown[name], type: 'string' };
	}
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
	return shown;
}
