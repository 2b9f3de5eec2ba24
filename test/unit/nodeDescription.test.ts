import type { INode, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Bitrix24Catalog } from '../../nodes/Bitrix24Catalog/Bitrix24Catalog.node';
import { Bitrix24CatalogTrigger } from '../../nodes/Bitrix24Catalog/Bitrix24CatalogTrigger.node';
import { RESOURCES } from '../../nodes/Bitrix24Catalog/actions/resources';

const node = new Bitrix24Catalog();
const { properties } = node.description;

const resourceField = properties.find((property) => property.name === 'resource')!;
const shownResources = (resourceField.options as INodePropertyOptions[]).map(({ value }) => value);

/** The Operation field shown for a resource. */
function operationFieldOf(resource: string): INodeProperties | undefined {
	return properties.find(
		(property) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
}

describe('the node description, built from the resource registry', () => {
	it('shows every resource of the registry, and only those, sorted by name, Custom API Call last', () => {
		expect([...shownResources].sort()).toEqual(Object.keys(RESOURCES).sort());
		const names = (resourceField.options as INodePropertyOptions[]).map(({ name }) => name);
		const custom = names.pop();
		expect(custom).toBe('Custom API Call');
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	// n8n adds its own "Custom API Call" (the HTTP Request node with this credential, outside the
	// node's batching, limits and retries) to a resource or operation list unless it ends in one.
	it("ends the Resource list and the Custom API Call's Operation list with the name n8n checks for", () => {
		const last = (field: INodeProperties) => (field.options as INodePropertyOptions[]).at(-1)?.name;
		expect(last(resourceField)).toBe('Custom API Call');
		expect(last(operationFieldOf('customApiCall')!)).toBe('Custom API Call');
	});

	it.each(Object.keys(RESOURCES))(
		'%s: every operation shown has a handler and every handler is shown, sorted, with an action',
		(resource) => {
			const field = operationFieldOf(resource);
			expect(field).toBeDefined();
			const options = field!.options as INodePropertyOptions[];
			expect(options.map(({ value }) => value).sort()).toEqual(
				Object.keys(RESOURCES[resource].operations).sort(),
			);
			const names = options.map(({ name }) => name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			for (const option of options) {
				expect(option.action).toMatch(/^[A-Z][a-z]/);
				expect(option.description).toBeTruthy();
			}
			expect(options.map(({ value }) => value)).toContain(field!.default);
		},
	);

	it('gives each field shown for an operation a name no other field shown with it has', () => {
		for (const resource of Object.keys(RESOURCES)) {
			for (const operation of Object.keys(RESOURCES[resource].operations)) {
				const shown = properties.filter((property) => {
					const show = property.displayOptions?.show;
					if (!show) return true;
					return (
						(!show.resource || show.resource.includes(resource)) &&
						(!show.operation || show.operation.includes(operation))
					);
				});
				const names = shown.map(({ name }) => name);
				expect({ resource, operation, names }).toEqual({
					resource,
					operation,
					names: [...new Set(names)],
				});
			}
		}
	});

	// A field names its picker by a string: one the node's methods lack fails only in the editor.
	it('gives every picker a field names (list, options, mapping) a method of the node', () => {
		const kindOf: Record<string, string> = {
			searchListMethod: 'listSearch',
			loadOptionsMethod: 'loadOptions',
			resourceMapperMethod: 'resourceMapping',
		};
		const named: Array<{ field: string; kind: string; method: unknown }> = [];
		const visit = (field: string, value: unknown): void => {
			if (Array.isArray(value)) return value.forEach((entry) => visit(field, entry));
			if (typeof value !== 'object' || value === null) return;
			const { name } = value as { name?: unknown };
			for (const [key, entry] of Object.entries(value)) {
				if (key in kindOf) named.push({ field, kind: kindOf[key], method: entry });
				visit(typeof name === 'string' ? name : field, entry);
			}
		};
		properties.forEach((property) => visit(property.name, property));
		const methods = node.methods as unknown as Record<string, Record<string, unknown>>;
		const missing = named.filter(
			({ kind, method }) => typeof methods[kind]?.[String(method)] !== 'function',
		);
		expect(named.length).toBeGreaterThan(0);
		expect(missing).toEqual([]);
	});

	it('generates each picker of a spec resource from one spec only', () => {
		const claims = Object.values(RESOURCES)
			.flatMap((resource) => resource.spec ?? [])
			.flatMap((spec) => [
				...(spec.id.searchListMethod && !spec.id.pickedFrom ? [spec.id.searchListMethod] : []),
				...Object.keys(spec.partPickers ?? {}),
			]);
		expect(claims.length).toBeGreaterThan(0);
		expect(claims).toEqual([...new Set(claims)]);
	});
});

describe('the nodes panel', () => {
	// n8n lists the node and its trigger as one entry, described by the trigger's description.
	it("describes the node and its trigger together with the trigger's description", () => {
		const trigger = new Bitrix24CatalogTrigger().description;
		expect(trigger.name).toBe(`${node.description.name}Trigger`);
		expect(trigger.description).toBe(
			'Work with the Bitrix24 catalog (products, prices, stock, inventory documents, images) and start workflows when products, prices, price types, measures or rounding rules change',
		);
		expect(node.description.description).toBe(
			'Work with the Bitrix24 catalog: products, prices, stock, inventory documents, images and more',
		);
	});
});

describe("Product's mapping form before a catalog is chosen", () => {
	/** The names of the fields n8n's editor shows for these values. */
	const shownWith = (operation: string, catalog: string) => {
		const values = {
			resource: 'product',
			operation,
			productKind: 'product',
			productKindOrAny: 'any',
			iblockId: { __rl: true, mode: 'list', value: catalog },
		} as INodeParameters;
		const asSaved = { typeVersion: 1 } as INode;
		return properties
			.filter((property) => NodeHelpers.displayParameter(values, property, asSaved, node.description))
			.map((property) => [property.name, property.type === 'notice' ? property.displayName : '']);
	};

	// n8n's form says only "No fields found" while its loader has no catalog to read fields from.
	it.each(['create', 'update', 'upsert'])('%s: asks for the catalog in place of the form', (operation) => {
		expect(shownWith(operation, '')).toContainEqual([
			'iblockIdNotice',
			'Choose the Catalog first, then load the fields',
		]);
		expect(shownWith(operation, '').map(([name]) => name)).not.toContain('fields');
		expect(shownWith(operation, '23').map(([name]) => name)).toContain('fields');
		expect(shownWith(operation, '23').map(([name]) => name)).not.toContain('iblockIdNotice');
		// A catalog from an expression: the form loads once n8n resolves it.
		const fromExpression = shownWith(operation, '={{ $json.catalog }}').map(([name]) => name);
		expect(fromExpression).toContain('fields');
		expect(fromExpression).not.toContain('iblockIdNotice');
	});
});
