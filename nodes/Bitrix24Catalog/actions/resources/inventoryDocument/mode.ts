import type { CustomOperation } from '../../kit/resource';
import type { Operation } from '../../operation';
import { itemsOf } from '../../operation';

const METHOD = 'catalog.document.mode.status';

/** Whether inventory management is on: while it is, stock changes only through documents. */
const inventoryMode: Operation<undefined> = {
	description: [],
	methods: [METHOD],
	build: () => ({ call: { method: METHOD, params: {} }, input: undefined }),
	answer: {
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
