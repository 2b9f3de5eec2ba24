import type { IDataObject } from 'n8n-workflow';

import { listResult } from '../../resultShape';
import type { CustomOperation } from '../../kit/resource';
import type { Operation } from '../../operation';
import { itemsOf } from '../../operation';
import { DOCUMENT_TYPES } from './spec';

const METHOD = 'catalog.document.mode.status';

/** Whether inventory management is on: while it is, stock changes only through documents. */
const inventoryMode: Operation<undefined> = {
	methods: [METHOD],
	build: () => ({ call: { method: METHOD, params: {} }, input: undefined }),
	resultShape: {
		expected: '"Y" or "N"',
		problem: (result) =>
			result === 'Y' || result === 'N' ? undefined : `result is ${JSON.stringify(typeof result)}`,
	},
	toItems: (result, _input, { itemIndex }) =>
		itemsOf([{ inventoryManagement: result === 'Y' }], itemIndex),
};

export const inventoryModeOperation: CustomOperation = {
	operation: inventoryMode,
	label: {
		name: 'Get Inventory Mode',
		description: 'Whether inventory management is on (documents must be conducted to change stock)',
		action: 'Get whether inventory management is on',
	},
};

/** The document types the portal has (receipt, transfer, write-off...), one item each. */
const documentTypes: Operation<undefined> = {
	methods: [DOCUMENT_TYPES.method],
	build: () => ({ call: { method: DOCUMENT_TYPES.method, params: {} }, input: undefined }),
	resultShape: listResult(DOCUMENT_TYPES.key),
	toItems: (result, _input, { itemIndex }) =>
		itemsOf((result as Record<string, IDataObject[]>)[DOCUMENT_TYPES.key], itemIndex),
};

export const documentTypesOperation: CustomOperation = {
	operation: documentTypes,
	label: {
		name: 'Get Document Types',
		description: 'List the types of inventory documents: receipt, transfer, write-off...',
		action: 'Get the types of inventory documents',
	},
};
