import { READ_ONLY } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';

/** Markups prices are calculated with (`catalog.extra.*`): read-only through REST. */
export const markupSpec: ResourceSpec = {
	value: 'markup',
	noun: 'markup',
	method: 'catalog.extra',
	id: { name: 'markupId', label: 'Markup ID' },
	keys: { one: 'extra', many: 'extras', written: 'extra' },
};

export const markup = specResource({
	name: 'Markup',
	spec: markupSpec,
	crud: READ_ONLY,
	operationDescriptions: { getMany: "List the portal's markups" },
});
