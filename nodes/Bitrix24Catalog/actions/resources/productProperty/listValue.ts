import { PLAIN_CRUD } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';
import { propertyParent } from './property';

/** The values a list property offers (`catalog.productPropertyEnum.*`). */
export const listValueSpec: ResourceSpec = {
	value: 'productPropertyEnum',
	noun: 'list value',
	method: 'catalog.productPropertyEnum',
	id: { name: 'valueId', label: 'List Value ID', searchListMethod: 'searchListValues' },
	titleField: 'value',
	keys: {
		one: 'productPropertyEnum',
		many: 'productPropertyEnums',
		written: 'productPropertyEnum',
	},
	parents: [propertyParent('The list property the values belong to', 'searchListProperties')],
	// The update page marks them required: a value is written whole on every update.
	keptOnUpdate: ['value', 'xmlId'],
};

export const listValue = specResource({
	name: 'Property Value List',
	spec: listValueSpec,
	crud: PLAIN_CRUD,
	operationDescriptions: {
		create: 'Add a value to a list property',
		getMany: "List a list property's values",
	},
});
