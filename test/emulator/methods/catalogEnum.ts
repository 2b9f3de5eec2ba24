import type { MethodTable } from './registry';

/** catalog.enum.getRoundTypes (docs: catalog/enum): the price rounding types, fixed by the portal. */
const ROUND_TYPES = [
	{ id: 1, name: 'Mathematical' },
	{ id: 2, name: 'In Favor of the Store' },
	{ id: 4, name: 'In Favor of the Customer' },
];

export const catalogEnumMethods: MethodTable = {
	'catalog.enum.getRoundTypes': {
		scope: 'catalog',
		handler: () => ({ enum: ROUND_TYPES.map((type) => ({ ...type })) }),
	},
};
