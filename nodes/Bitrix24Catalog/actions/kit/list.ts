import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../helpers/itemError';
import { CATALOG_GUIDE, explained } from '../guide';
import { readWholeNumber } from '../../helpers/wholeNumber';
import { filterKeys } from './fieldNames';
import { shownFor } from './fields';
import { kindFieldNames } from './kinds';
import type { ListRequest } from './paging';
import type { QuickFilter, ResourceSpec } from './spec';

/** The filter operators Bitrix24's catalog lists take, as key prefixes. */
const OPERATORS = [
	{ name: 'Equals', value: 'equals', prefix: '=' },
	{ name: 'Not Equals', value: 'notEquals', prefix: '!=' },
	{ name: 'Greater Than', value: 'greater', prefix: '>' },
	{ name: 'Greater Than or Equal', value: 'greaterOrEqual', prefix: '>=' },
	{ name: 'Less Than', value: 'less', prefix: '<' },
	{ name: 'Less Than or Equal', value: 'lessOrEqual', prefix: '<=' },
	{ name: 'Contains', value: 'contains', prefix: '%' },
	// Sent as an array under the bare field name: the catalog refuses `@` (bitrix-tools/b24-rest-docs#181).
	{ name: 'Is One Of', value: 'in', prefix: '' },
] as const;

type OperatorName = (typeof OPERATORS)[number]['value'];

/**
 * The fields a resource's records have, for pickers: loaded from its `getFields`, or for the
 * parents and kind chosen where those describe them.
 */
function fieldOptions(spec: ResourceSpec) {
	const parents = spec.describedByFilter
		? (spec.parents ?? []).map(({ name }) => `${name}.value`)
		: [];
	return {
		loadOptionsMethod: 'getRecordFields',
		loadOptionsDependsOn: ['resource', ...parents, ...kindFieldNames(spec)],
	};
}

/** Return All, and Limit unless it is on: n8n's way to bound a list; `paging` says how it is read. */
export function limitFields(
	shown: ReturnType<typeof shownFor>,
	paging?: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			// How the list is read, where the node pages it itself.
			...(paging ? { hint: paging, builderHint: { propertyHint: paging } } : {}),
			displayOptions: shown,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...shown.show, returnAll: [false] } },
		},
	];
}

/** One item's Limit (undefined with Return All), checked before anything is sent. */
export function readLimit(
	context: IExecuteFunctions,
	itemIndex: number,
	noun: string,
): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return readWholeNumber(context, 'limit', 'Limit', itemIndex, {
		min: 1,
		description: `The most ${noun}s to return, a whole number, 1 or more.`,
	});
}

/** Return All, Limit, Filters and the list's options, for the resource's Get Many. */
export function listFields(spec: ResourceSpec): INodeProperties[] {
	const shown = shownFor(spec.value, ['getMany']);
	const typeOptions = fieldOptions(spec);
	return [
		...limitFields(shown, CATALOG_GUIDE.paging),
		...quickFilterFields(spec, shown),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'fixedCollection',
			placeholder: 'Add Condition',
			typeOptions: { multipleValues: true },
			default: {},
			displayOptions: shown,
			...explained(spec.guide?.filters),
			options: [
				{
					displayName: 'Conditions',
					name: 'conditions',
					values: [
						{
							displayName: 'Field Name or ID',
							name: 'field',
							type: 'options',
							typeOptions,
							default: '',
							description:
								'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						},
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: OPERATORS.map(({ name, value }) => ({ name, value })),
							default: 'equals',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							hint: 'For "Is One Of", separate the values with commas; with no values it matches nothing',
						},
					],
				},
			],
		},
		{
			displayName: 'List Options',
			name: 'listOptions',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions: shown,
			options: [
				{
					displayName: 'Field Names or IDs',
					name: 'select',
					type: 'multiOptions',
					typeOptions,
					default: [],
					description:
						'The fields to return; all when none is chosen. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
				{
					displayName: 'Filter (JSON)',
					name: 'filterJson',
					type: 'json',
					default: '{}',
					description:
						'More conditions as Bitrix24 takes them, e.g. {"%name": "chair", ">=sort": 100}; added to the Filters above',
				},
				{
					displayName: 'Sort Field Name or ID',
					name: 'sortField',
					type: 'options',
					typeOptions,
					default: '',
					description:
						'Sort by this field instead of by ID (by ID is fastest on large lists). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					hint: 'With Return All the node reads every record by ID and sorts them itself (ties by ID), so records changed meanwhile are neither missed nor repeated. With a Limit the portal sorts and pages by position: a record deleted while the pages are read can make one record go missing.',
				},
				{
					displayName: 'Sort Direction',
					name: 'sortDirection',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 'ASC' },
						{ name: 'Descending', value: 'DESC' },
					],
					default: 'ASC',
				},
			],
		},
	];
}

/** The spec's quick filters, as one collection: each condition a field of its own. */
function quickFilterFields(
	spec: ResourceSpec,
	shown: ReturnType<typeof shownFor>,
): INodeProperties[] {
	if (!spec.quickFilters?.length) return [];
	return [
		{
			displayName: 'Filter By',
			name: 'quickFilters',
			type: 'collection',
			placeholder: 'Add Condition',
			default: {},
			displayOptions: shown,
			// The defaults are computed; the rule sees only literal ones.
			// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
			options: spec.quickFilters.map(({ name, label, description, type }) => ({
				displayName: label,
				name,
				type: 'number',
				typeOptions: type === 'id' ? { minValue: 1, numberPrecision: 0 } : {},
				default: type === 'id' ? 1 : 0,
				description,
			})),
		},
	];
}

/** The quick filters the item gives, checked, as filter keys. */
function readQuickFilters(
	spec: ResourceSpec,
	given: IDataObject,
	fail: (message: string, description: string) => Error,
): IDataObject {
	const filter: IDataObject = {};
	for (const quick of spec.quickFilters ?? []) {
		const value = given[quick.name];
		if (value === undefined || value === '') continue;
		const number = typeof value === 'string' ? Number(value.trim()) : value;
		if (typeof number !== 'number' || !isAllowed(quick, number)) {
			throw fail(
				`Filter By → ${quick.label} must be ${quick.type === 'id' ? 'a whole number, 1 or more' : 'a number'}, but got ${JSON.stringify(value)}`,
				quick.description,
			);
		}
		filter[quick.key] = number;
	}
	return filter;
}

function isAllowed(quick: QuickFilter, value: number): boolean {
	return quick.type === 'id' ? Number.isInteger(value) && value >= 1 : Number.isFinite(value);
}

interface Condition {
	field?: string;
	operator?: OperatorName;
	value?: unknown;
}

interface ListOptions {
	select?: string[];
	filterJson?: unknown;
	sortField?: string;
	sortDirection?: string;
}

/** A field the user named in a Get Many, where, and as written (a filter key with its prefix). */
export interface NamedField {
	label: string;
	key: string;
	field: string;
	filter?: boolean;
}

/**
 * One item's Get Many, read and checked before anything is sent: listed by the spec's methods,
 * or by those of the kind picked (`group`); `fixedFilter` (the parents, the kind) wins over the
 * user's conditions. `named`: the fields the user named, for `assertKnownFields`.
 */
export function readListRequest(
	context: IExecuteFunctions,
	spec: ResourceSpec,
	itemIndex: number,
	fixedFilter: IDataObject,
	group: Pick<ResourceSpec, 'method' | 'keys'> = spec,
): { request: ListRequest; named: NamedField[] } {
	const node = context.getNode();
	const fail = (message: string, description: string) =>
		itemError(node, message, itemIndex, description);
	const limit = readLimit(context, itemIndex, spec.noun);
	const { conditions = [] } = context.getNodeParameter('filters', itemIndex, {}) as {
		conditions?: Condition[];
	};
	const options = context.getNodeParameter('listOptions', itemIndex, {}) as ListOptions;

	const quick = spec.quickFilters?.length
		? (context.getNodeParameter('quickFilters', itemIndex, {}) as IDataObject)
		: {};
	const json = jsonFilter(options.filterJson, fail);
	const named: NamedField[] = filterKeys(json).map(({ key, field }) => ({
		label: 'List Options → Filter (JSON)',
		key,
		field,
		filter: true,
	}));
	const filter: IDataObject = { ...json, ...readQuickFilters(spec, quick, fail) };
	for (const condition of conditions) {
		const field = String(condition.field ?? '').trim();
		if (field === '')
			throw fail('Filters: a condition names no field', 'Choose the field to filter on.');
		const operator = OPERATORS.find(({ value }) => value === condition.operator);
		if (!operator) {
			throw fail(
				`Filters: unknown operator "${String(condition.operator)}"`,
				'Choose an operator from the list.',
			);
		}
		named.push({ label: 'Filters', key: field, field, filter: true });
		filter[`${operator.prefix}${field}`] =
			operator.value === 'in'
				? String(condition.value ?? '')
						.split(',')
						.map((value) => value.trim())
						.filter((value) => value !== '')
				: (condition.value as IDataObject[keyof IDataObject]);
	}
	Object.assign(filter, fixedFilter);

	const chosen = options.select ?? [];
	const select =
		chosen.length > 0
			? [...new Set([...(spec.requiredSelect ?? [spec.id.param ?? 'id']), ...chosen])]
			: (spec.defaultSelect ?? []);
	named.push(
		...chosen
			.filter((name) => name !== '*')
			.map((name) => ({ label: 'List Options → Fields', key: name, field: name })),
	);
	const sort = readSort(options, fail);
	if (sort) named.push({ label: 'List Options → Sort Field', key: sort.field, field: sort.field });
	// Return All reads by ID whatever the order, and sorts here: see `ListRequest.sortHere`.
	const sortHere = sort && limit === undefined;
	const order: IDataObject = sort && !sortHere ? { [sort.field]: sort.direction } : {};
	const idField = spec.id.param;
	const request = {
		method: `${group.method}.list`,
		key: group.keys.many,
		select: sortHere && select.length > 0 ? [...new Set([...select, sort.field])] : select,
		filter,
		order,
	};
	return {
		request: {
			...request,
			limit,
			...(idField ? { idField } : {}),
			...(matchesNothing(filter) ? { matchesNothing: true } : {}),
			...(sortHere
				? {
						sortHere: {
							...sort,
							drop: select.length > 0 && !select.includes(sort.field) && !select.includes('*'),
						},
					}
				: {}),
		},
		named,
	};
}

/** Sort Field and Sort Direction, if a field is given. */
function readSort(
	options: ListOptions,
	fail: (message: string, description: string) => Error,
): { field: string; direction: 'ASC' | 'DESC' } | undefined {
	const field = String(options.sortField ?? '').trim();
	if (field === '') return undefined;
	const direction = String(options.sortDirection ?? 'ASC')
		.trim()
		.toUpperCase();
	if (direction !== 'ASC' && direction !== 'DESC') {
		throw fail(
			`List Options → Sort Direction must be ASC or DESC, but got ${JSON.stringify(options.sortDirection)}`,
			'Choose Ascending or Descending.',
		);
	}
	return { field, direction };
}

/**
 * Whether a condition asks for a value among none (an empty "Is One Of" list): no row can match.
 * Sent, such a list would be read differently alone and in a batch, which cannot carry it.
 */
function matchesNothing(filter: IDataObject): boolean {
	return Object.values(filter).some((value) => Array.isArray(value) && value.length === 0);
}

/** Filter (JSON): an object, as text or as an expression's object. */
function jsonFilter(
	value: unknown,
	fail: (message: string, description: string) => Error,
): IDataObject {
	const describe = 'Give an object such as {"%name": "chair"}, or leave it {}.';
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			parsed = JSON.parse(value);
		} catch {
			throw fail('List Options → Filter (JSON) is not valid JSON', describe);
		}
	}
	if (parsed === undefined || parsed === null) return {};
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw fail('List Options → Filter (JSON) must be an object', describe);
	}
	return parsed as IDataObject;
}
