import { PLAIN_CRUD } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';
import { getLanguages } from './getLanguages.operation';

/** Price types (`catalog.priceType.*`): retail, wholesale, ...; `name` is the type's code. */
export const priceTypeSpec: ResourceSpec = {
	value: 'priceType',
	noun: 'price type',
	method: 'catalog.priceType',
	id: { name: 'priceTypeId', label: 'Price Type', searchListMethod: 'searchPriceTypes' },
	keys: { one: 'priceType', many: 'priceTypes', written: 'priceType' },
};

export const priceType = specResource({
	name: 'Price Type',
	spec: priceTypeSpec,
	crud: PLAIN_CRUD,
});

/** A price type's name in each language of the portal (`catalog.priceTypeLang.*`). */
export const priceTypeLangSpec: ResourceSpec = {
	value: 'priceTypeLang',
	noun: 'price type name',
	method: 'catalog.priceTypeLang',
	id: { name: 'priceTypeLangId', label: 'Price Type Name ID' },
	keys: { one: 'priceTypeLang', many: 'priceTypeLangs', written: 'priceTypeLang' },
};

export const priceTypeLang = specResource({
	name: 'Price Type Name',
	spec: priceTypeLangSpec,
	crud: PLAIN_CRUD,
	operationDescriptions: { create: "Name a price type in one of the portal's languages" },
	custom: {
		getLanguages: {
			operation: getLanguages,
			label: {
				name: 'Get Languages',
				description: 'List the languages a price type can be named in',
				action: 'Get the languages of price type names',
			},
		},
	},
});

/** Which customer groups may see (`N`) or buy at (`Y`) a price type (`catalog.priceTypeGroup.*`). */
export const priceTypeGroupSpec: ResourceSpec = {
	value: 'priceTypeGroup',
	noun: 'price type access',
	plural: 'price type accesses',
	method: 'catalog.priceTypeGroup',
	id: { name: 'priceTypeGroupId', label: 'Price Type Access ID' },
	keys: { one: 'priceTypeGroup', many: 'priceTypeGroups', written: 'priceTypeGroup' },
};

export const priceTypeGroup = specResource({
	name: 'Price Type Access',
	spec: priceTypeGroupSpec,
	crud: ['create', 'getMany', 'delete', 'getFields'],
	operationDescriptions: {
		create: 'Let a customer group see (access N) or buy at (access Y) a price type',
		getMany: 'List which customer groups may see or buy at price types',
	},
});
