import { ALL_CRUD } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';

/** Sections of a catalog (`catalog.section.*`), nested by `iblockSectionId`. */
export const sectionSpec: ResourceSpec = {
	value: 'section',
	noun: 'section',
	method: 'catalog.section',
	id: { name: 'sectionId', label: 'Section ID' },
	keys: { one: 'section', many: 'sections', written: 'section' },
	parents: [
		{
			name: 'iblockId',
			label: 'Catalog',
			description: 'The catalog the sections belong to',
			searchListMethod: 'searchCatalogs',
		},
	],
};

export const section = specResource({
	name: 'Section',
	spec: sectionSpec,
	crud: ALL_CRUD,
	operationDescriptions: {
		create: 'Create a section in a catalog',
		getMany: "List a catalog's sections",
	},
});
