import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import type { ParentSpec, ResourceSpec } from './spec';

/** Shown for these operations of this resource. */
export function shownFor(resource: string, operations: string[]) {
	return { show: { resource: [resource], operation: operations } };
}

function idMode(label: string): INodePropertyMode {
	// A resource locator mode, not a parameter: modes have no default.
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string',
		placeholder: 'e.g. 42',
		validation: [
			{
				type: 'regex',
				properties: {
					regex: '^\\s*\\d+\\s*$',
					errorMessage: `${label} must be a whole number, e.g. 42`,
				},
			},
		],
	};
}

export interface LocatorOptions {
	name: string;
	label: string;
	description: string;
	searchListMethod?: string;
	/** Placeholder of the list mode: 'Search products by name...'. */
	searchPlaceholder?: string;
	/** Extra modes, such as a product page's URL. */
	modes?: INodePropertyMode[];
	required?: boolean;
}

/** A record picked from a list, or given by its ID: the way n8n's nodes name a record. */
export function locatorField(
	options: LocatorOptions,
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties {
	const listMode: INodePropertyMode[] = options.searchListMethod
		? [
				// A resource locator mode, not a parameter: modes have no default.
				// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: options.searchPlaceholder ?? 'Choose...',
					typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
				},
			]
		: [];
	return {
		displayName: options.label,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: listMode.length > 0 ? 'list' : 'id', value: '' },
		required: options.required ?? true,
		description: options.description,
		modes: [...listMode, ...(options.modes ?? []), idMode(options.label)],
		displayOptions,
	};
}

/** The record an operation works on, by the spec's ID. */
export function recordIdField(spec: ResourceSpec, operations: string[]): INodeProperties {
	return locatorField(
		{
			name: spec.id.name,
			label: spec.id.label,
			description: `The ${spec.noun}`,
			searchListMethod: (spec.id.pickedFrom ?? spec).id.searchListMethod,
			searchPlaceholder: `Search ${spec.noun}s by name...`,
		},
		shownFor(spec.value, operations),
	);
}

/** The record's owner (the catalog of a section), picked for the given operations. */
export function parentField(
	spec: ResourceSpec,
	parent: ParentSpec,
	operations: string[],
): INodeProperties {
	return locatorField(
		{
			name: parent.name,
			label: parent.label,
			description: parent.description,
			searchListMethod: parent.searchListMethod,
			searchPlaceholder: `Search by name...`,
		},
		shownFor(spec.value, operations),
	);
}
