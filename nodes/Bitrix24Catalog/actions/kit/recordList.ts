import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { Bitrix24Call } from '../../transport';
import type { ResourceSpec } from './spec';

/** The field that names a spec's records: `name`, or the spec's own (`measureTitle`). */
export function titleOf(spec: ResourceSpec): string {
	return spec.titleField ?? 'name';
}

/** A page of a spec's records as pickers and forms name them: ID and title, by title. */
export function titledListCall(
	spec: ResourceSpec,
	filter: IDataObject,
	start: number,
	valueField = 'id',
): Bitrix24Call {
	const title = titleOf(spec);
	return {
		method: `${spec.method}.list`,
		params: {
			select: [...new Set([...(spec.requiredSelect ?? ['id']), title, valueField])],
			filter,
			order: { [title]: 'ASC' },
			start,
		},
	};
}

/** The records of a `titledListCall`'s result, each as an option: `Gram (#3)`. */
export function titledOptions(
	spec: ResourceSpec,
	result: unknown,
	valueField = 'id',
): INodePropertyOptions[] {
	const records = (result as Record<string, IDataObject[] | undefined> | undefined)?.[
		spec.keys.many
	];
	return (records ?? []).map((record) => ({
		name: `${String(record[titleOf(spec)])} (#${String(record.id)})`,
		value: String(record[valueField]),
	}));
}
