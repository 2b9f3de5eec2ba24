import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../authentication';
import { optionsField } from './options';
import { RESOURCES } from './resources';

// By name, the Custom API Call last: n8n adds its own there unless the list already ends with one.
const resources = Object.values(RESOURCES).sort(
	(a, b) =>
		Number(a.customApiCall ?? false) - Number(b.customApiCall ?? false) ||
		a.name.localeCompare(b.name),
);

/** The node's fields: the credential, the resource, each resource's fields, then the Options. */
export const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value, about }) => ({
			name,
			value,
			...(about ? { description: about } : {}),
		})),
		// Workflows saved with the first resource do not store it: it stays the default.
		default: 'productImage',
	},
	...resources.flatMap((resource) => resource.description),
	optionsField,
];
