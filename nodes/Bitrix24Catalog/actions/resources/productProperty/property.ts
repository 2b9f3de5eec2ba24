import { PLAIN_CRUD } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import type { ParentSpec, ResourceSpec } from '../../kit/spec';

/** The catalogs' product and variation properties (`catalog.productProperty.*`). */
export const productPropertySpec: ResourceSpec = {
	value: 'productProperty',
	noun: 'product property',
	plural: 'product properties',
	method: 'catalog.productProperty',
	id: { name: 'propertyId', label: 'Property ID', searchListMethod: 'searchProperties' },
	partPickers: { searchListProperties: { propertyType: 'L' } },
	keys: { one: 'productProperty', many: 'productProperties', written: 'productProperty' },
	listedValues: {
		propertyType: [
			{ name: 'Number (N)', value: 'N' },
			{ name: 'Text (S)', value: 'S' },
			{ name: 'List (L)', value: 'L' },
			{ name: 'File (F)', value: 'F' },
			{ name: 'Link to Products (E)', value: 'E' },
			{ name: 'Link to Sections (G)', value: 'G' },
		],
		// A char field, which would otherwise show as a Y/N switch.
		listType: [
			{ name: 'Dropdown List (L)', value: 'L' },
			{ name: 'Checkboxes (C)', value: 'C' },
		],
	},
	parents: [
		{
			name: 'iblockId',
			label: 'Catalog',
			description: 'The catalog the properties belong to',
			searchListMethod: 'searchCatalogs',
			optionalInPickers: true,
		},
	],
};

/** The property a record belongs to (a list value, a feature), picked as a field of its own. */
export function propertyParent(description: string, searchListMethod: string): ParentSpec {
	return {
		name: 'propertyId',
		label: 'Property',
		description,
		searchListMethod,
		optionalInPickers: true,
	};
}

export const productProperty = specResource({
	name: 'Product Property',
	spec: productPropertySpec,
	crud: PLAIN_CRUD,
	operationDescriptions: {
		create: 'Create a property in a catalog',
		getMany: "List a catalog's properties",
	},
});
