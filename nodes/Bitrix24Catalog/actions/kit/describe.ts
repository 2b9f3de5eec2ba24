import type { IDataObject } from 'n8n-workflow';

import type { Bitrix24Call } from '../../transport';
import type { RecordKind, ResourceSpec } from './spec';

/**
 * The call that describes a kind's fields, and where its answer puts them: `getFields`, or
 * `getFieldsByFilter` with the parents (the catalog, whose properties are fields too) and what
 * the kind's group describes.
 */
export function describeCall(
	spec: ResourceSpec,
	kind: RecordKind,
	parents: IDataObject,
): { call: Bitrix24Call; key: string } {
	const call: Bitrix24Call = spec.describedByFilter
		? {
				method: `${kind.method}.getFieldsByFilter`,
				params: { filter: { ...parents, ...kind.describeFilter } },
			}
		: { method: `${kind.method}.getFields`, params: {} };
	return { call, key: kind.keys.one };
}
