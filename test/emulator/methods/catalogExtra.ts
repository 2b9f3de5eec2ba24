import { field } from './fieldTable';
import { recordTableMethods, type RecordTableSpec } from './recordTable';

/**
 * catalog.extra.*: markups (docs: catalog/extra), read-only through REST: get, list and
 * getFields. A portal with advanced pricing has a couple.
 */
export const EXTRA_TABLE: RecordTableSpec = {
	method: 'catalog.extra',
	keys: { one: 'extra', many: 'extras' },
	table: {
		id: field('integer', 'R'),
		name: field('string', 'Q'),
		percentage: field('double', 'Q'),
	},
	seed: [
		{ name: 'Retail markup', percentage: 10 },
		{ name: 'Seasonal markup', percentage: 5.1 },
	],
	methods: ['get', 'list', 'getFields'],
	notFound: { code: 202000000000, text: 'Extra is not exists' },
};

export const catalogExtraMethods = recordTableMethods(EXTRA_TABLE);
