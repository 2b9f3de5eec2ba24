import { STORE_DOCUMENT_TYPES } from './catalogDocument';
import { assertCanViewCatalog } from './catalogGuards';
import type { MethodTable } from './registry';

/**
 * catalog.enum.* (docs: catalog/enum): the price rounding types and the inventory document types,
 * fixed by the portal.
 */
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
	'catalog.enum.getStoreDocumentTypes': {
		scope: 'catalog',
		handler: ({ caller }) => {
			assertCanViewCatalog(caller);
			return { enum: STORE_DOCUMENT_TYPES };
		},
	},
};
