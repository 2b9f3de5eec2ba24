import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readBitrix24Id, readId } from '../../../helpers/ids';
import { itemError } from '../../../helpers/itemError';
import { listResult, objectResult } from '../../resultShape';
import { shownFor } from '../../kit/fields';
import type { ListRequest } from '../../kit/paging';
import { allRows, firstPage } from '../../kit/paging';
import type { CustomOperation } from '../../kit/resource';
import type { Operation } from '../../operation';
import { itemsOf } from '../../operation';
import { inventoryDocumentSpec as spec } from './spec';

/** Values of the documents' user fields (`catalog.userfield.document.*`), per document type. */
const LIST = 'catalog.userfield.document.list';
const UPDATE = 'catalog.userfield.document.update';

const USER_FIELD = /^field\d+$/;

const shown = (operation: string) => shownFor(spec.value, [operation]);

const userFieldsFields: INodeProperties[] = [
	{
		displayName: 'Document Type Name or ID',
		name: 'documentType',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getStoreDocumentTypes' },
		default: '',
		required: true,
		description:
			'The type of the documents whose user fields these are. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: shownFor(spec.value, ['getUserFields', 'updateUserFields']),
	},
	{
		displayName: 'User Field Names',
		name: 'userFieldNames',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. field287, field288',
		description: 'The user fields to read, by their names in Bitrix24, separated by commas',
		displayOptions: shown('getUserFields'),
	},
	{
		displayName: 'Only Document ID',
		name: 'userFieldsOfDocument',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12',
		description: "Only this document's values; all the type's documents when empty",
		displayOptions: shown('getUserFields'),
	},
	{
		displayName: 'User Field Values',
		name: 'userFieldValues',
		type: 'fixedCollection',
		placeholder: 'Add User Field',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: shown('updateUserFields'),
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. field287',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
];

function failure(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
) {
	return itemError(context.getNode(), message, itemIndex, description);
}

function readDocumentType(context: IExecuteFunctions, itemIndex: number): string {
	const type = String(context.getNodeParameter('documentType', itemIndex, '')).trim();
	if (type === '') {
		throw failure(
			context,
			itemIndex,
			'Document Type is empty',
			'Choose the type of the documents.',
		);
	}
	return type;
}

function assertUserField(context: IExecuteFunctions, itemIndex: number, name: string): void {
	if (!USER_FIELD.test(name)) {
		throw failure(
			context,
			itemIndex,
			`"${name}" is not a user field name`,
			'User fields are named fieldN in Bitrix24, e.g. field287.',
		);
	}
}

const getUserFields: Operation<ListRequest> = {
	description: userFieldsFields,
	methods: [LIST],
	build(this: IExecuteFunctions, itemIndex) {
		const documentType = readDocumentType(this, itemIndex);
		const names = String(this.getNodeParameter('userFieldNames', itemIndex, ''))
			.split(',')
			.map((name) => name.trim())
			.filter((name) => name !== '');
		if (names.length === 0) {
			throw failure(
				this,
				itemIndex,
				'User Field Names is empty',
				'Name at least one, e.g. field287.',
			);
		}
		names.forEach((name) => assertUserField(this, itemIndex, name));
		const only = String(this.getNodeParameter('userFieldsOfDocument', itemIndex, '')).trim();
		const filter: IDataObject = { documentType };
		if (only !== '') {
			const read = readBitrix24Id(only);
			if ('problem' in read) {
				throw failure(
					this,
					itemIndex,
					`Only Document ID ${read.problem}`,
					'Give a document ID, or leave it empty.',
				);
			}
			filter.documentId = read.id;
		}
		// Ordered by document, so pages follow by offset (the rows have no `id` to page by).
		const request: ListRequest = {
			method: LIST,
			key: 'documents',
			select: ['documentId', 'documentType', ...names],
			filter,
			order: { documentId: 'ASC' },
		};
		return { call: firstPage(request), input: request };
	},
	resultShape: listResult('documents'),
	async toItems(result, request, context) {
		return itemsOf(await allRows(this.getNode(), request, result, context), context.itemIndex);
	},
};

const updateUserFields: Operation<undefined> = {
	description: userFieldsFields,
	methods: [UPDATE],
	build(this: IExecuteFunctions, itemIndex) {
		const documentId = readId(this, spec.id.name, spec.id.label, itemIndex);
		const documentType = readDocumentType(this, itemIndex);
		const { values = [] } = this.getNodeParameter('userFieldValues', itemIndex, {}) as {
			values?: Array<{ name?: string; value?: unknown }>;
		};
		if (values.length === 0) {
			throw failure(
				this,
				itemIndex,
				'User Field Values is empty',
				'Add at least one user field and its value.',
			);
		}
		const fields: IDataObject = { documentType };
		for (const { name = '', value } of values) {
			assertUserField(this, itemIndex, name.trim());
			fields[name.trim()] = value as IDataObject[keyof IDataObject];
		}
		return { call: { method: UPDATE, params: { documentId, fields } }, input: undefined };
	},
	resultShape: objectResult('document', false),
	toItems: (result, _input, { itemIndex }) =>
		itemsOf([(result as { document: IDataObject }).document], itemIndex),
};

export const userFieldOperations: Record<string, CustomOperation> = {
	getUserFields: {
		operation: getUserFields,
		label: {
			name: 'Get User Fields',
			description: "Get the values of documents' user fields",
			action: "Get inventory documents' user fields",
		},
	},
	updateUserFields: {
		operation: updateUserFields,
		takesId: true,
		label: {
			name: 'Update User Fields',
			description: "Set a document's user field values",
			action: "Update an inventory document's user fields",
		},
	},
};
