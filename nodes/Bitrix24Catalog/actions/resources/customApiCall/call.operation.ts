import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { withoutSecrets } from '../../../helpers/withoutSecrets';
import { isObject } from '../../../helpers/isObject';
import type { ResultShape } from '../../resultShape';
import { shapeOf } from '../../resultShape';
import type { ItemContext, Operation, Plan } from '../../operation';
import { itemsOf } from '../../operation';
import type { Bitrix24Call } from '../../../transport';
import { deletedBefore, deletedBeforeOutput, isDeletedBefore } from '../../kit/resentDelete';
import { readMethodName, resendKind } from './methodName';
import { readParameters } from './parameters';

const shown = { show: { resource: ['customApiCall'], operation: ['call'] } };

// Whichever method the item names: see the resource's `customApiCall`.
interface Input {
	method: string;
	split: boolean;
}

/** The call's result as the transport hands it over (`withPaging`). */
interface Answer {
	result: unknown;
	total?: unknown;
	next?: unknown;
}

/** The list a result is or holds under its one key (`{ products: [...] }`), if it has one. */
function listOf(result: unknown): unknown[] | undefined {
	if (Array.isArray(result)) return result;
	if (!isObject(result)) return undefined;
	const values = Object.values(result);
	return values.length === 1 && Array.isArray(values[0]) ? values[0] : undefined;
}

/**
 * Whether the parameters carry a file as Bitrix24 takes one (`fileContent`, or `fileData` in a
 * field's value): such a call goes in a request of its own, as a batch takes no files.
 */
function holdsFile(value: unknown): boolean {
	if (Array.isArray(value)) return value.some(holdsFile);
	if (!isObject(value)) return false;
	return Object.entries(value).some(
		([key, inner]) => key === 'fileContent' || key === 'fileData' || holdsFile(inner),
	);
}

const ANY_RESULT: ResultShape = { expected: 'any result', problem: () => undefined };

const LIST_RESULT: ResultShape = {
	expected: 'a list, or an object holding one list, to split into items',
	problem: (answer) => {
		const { result } = answer as Answer;
		return listOf(result) ? undefined : shapeOf('result', result);
	},
};

/**
 * What follows a lost resultShape: reads go again, deletes go again and take "nothing to delete" as
 * done; an add or any other change is never sent again, as nothing can look up what it did.
 */
function resending(method: string): Partial<Bitrix24Call> {
	switch (resendKind(method)) {
		case 'read':
			return {};
		case 'delete':
			return { resultOfFailure: deletedBefore };
		case 'create':
			return { creates: { what: 'record' } };
		case 'change':
			return { creates: { what: 'record', carriedOut: true } };
	}
}

export const callMethod: Operation<Input> = {
	description: [
		{
			displayName: 'Method',
			name: 'method',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description:
				'The catalog method to call: one of the Bitrix24 REST reference, or any other catalog.* method by name',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: 'Search methods...',
					typeOptions: { searchListMethod: 'searchCatalogMethods', searchable: true },
				},
				{
					displayName: 'By Name',
					name: 'name',
					type: 'string',
					placeholder: 'e.g. catalog.product.list',
					validation: [
						{
							type: 'regex',
							properties: {
								regex: '^\\s*catalog(\\.[A-Za-z][A-Za-z0-9_]*){2,}\\s*$',
								errorMessage: 'A catalog method name, e.g. catalog.product.list',
							},
						},
					],
				},
			],
			displayOptions: shown,
		},
		{
			displayName: 'Parameters',
			name: 'parameters',
			type: 'json',
			default: '{}',
			description:
				'The method\'s parameters as one JSON object, as its page in the Bitrix24 REST reference shows them, e.g. {"filter": {"%name": "chair"}, "order": {"name": "ASC"}}',
			displayOptions: shown,
		},
		{
			displayName: 'Split Into Items',
			name: 'splitIntoItems',
			type: 'boolean',
			default: false,
			description:
				"Whether to output one item per entry of the list the result holds (such as the products of catalog.product.list) instead of one item with the whole answer. The list's total and next are then not output.",
			displayOptions: shown,
		},
	],
	methods: [],
	build(this: IExecuteFunctions, itemIndex: number): Plan<Input> {
		const method = readMethodName(this, itemIndex);
		const params = readParameters(this, itemIndex);
		const split = this.getNodeParameter('splitIntoItems', itemIndex, false) as boolean;
		return {
			call: {
				method,
				params,
				withPaging: true,
				alone: holdsFile(params),
				...resending(method),
			},
			input: { method, split },
		};
	},
	resultShape: ({ split }: Input): ResultShape => (split ? LIST_RESULT : ANY_RESULT),
	/**
	 * The answer as Bitrix24 sends it, without its `time`: `{ result, total?, next? }`, or with Split
	 * Into Items the entries of its list. Secrets the portal writes into its answers (file addresses
	 * signed with the webhook's secret or the access token) are masked wherever they sit.
	 */
	toItems(
		answer: unknown,
		{ method, split }: Input,
		{ itemIndex }: ItemContext,
	): INodeExecutionData[] {
		// The delete's retry found nothing to delete: the first attempt did (see `resending`).
		if (isDeletedBefore(answer)) return itemsOf([deletedBeforeOutput(method)], itemIndex);
		const masked = withoutSecrets(answer) as Answer & IDataObject;
		if (!split) return itemsOf([masked], itemIndex);
		const entries = listOf(masked.result) ?? [];
		return itemsOf(
			entries.map((entry) => (isObject(entry) ? entry : { value: entry }) as IDataObject),
			itemIndex,
		);
	},
};
