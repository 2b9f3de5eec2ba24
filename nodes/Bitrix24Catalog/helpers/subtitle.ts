import type { INodeProperties } from 'n8n-workflow';

/** The names an options field shows for its values, for example `{ delete: 'Delete' }`. */
function optionNames(property: INodeProperties): Record<string, string> {
	const names: Record<string, string> = {};
	for (const option of property.options ?? []) {
		if ('value' in option) names[String(option.value)] = option.name;
	}
	return names;
}

/**
 * The canvas subtitle "Operation: Resource" in the words the node's panel shows ("Delete: Product
 * Image", not "delete: productImage"), read from the node's own `resource` and `operation` fields:
 * a new resource or operation needs no change here. A value the fields do not list (a workflow
 * from a later version) shows as it is.
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const resources: Record<string, string> = {};
	for (const property of properties) {
		if (property.name === 'resource') Object.assign(resources, optionNames(property));
	}
	const subtitles: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation') continue;
		for (const resource of property.displayOptions?.show?.resource ?? []) {
			const resourceName = resources[String(resource)] ?? String(resource);
			for (const [value, name] of Object.entries(optionNames(property))) {
				// "Custom API Call", not "Custom API Call: Custom API Call".
				subtitles[`${String(resource)}.${value}`] =
					name === resourceName ? name : `${name}: ${resourceName}`;
			}
		}
	}
	// One flat object per lookup: a nested one would end in "}}", which closes the expression.
	const resource = '$parameter["resource"]';
	const operation = '$parameter["operation"]';
	return (
		`={{ ${JSON.stringify(subtitles)}[${resource} + "." + ${operation}] || (${operation}` +
		` + ": " + (${JSON.stringify(resources)}[${resource}] || ${resource})) }}`
	);
}
