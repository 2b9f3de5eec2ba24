import { field } from './fieldTable';
import { recordTableMethods, type RecordTableSpec } from './recordTable';

/**
 * catalog.ratio.*: how many units of measure a product is sold in (docs: catalog/ratio, data
 * type catalog_ratio). Read-only through REST: the portal keeps one default ratio per product.
 */
export const RATIO_TABLE: RecordTableSpec = {
	method: 'catalog.ratio',
	keys: { one: 'ratio', many: 'ratios' },
	table: {
		id: field('integer', 'R'),
		isDefault: field('char'),
		productId: field('integer', 'Q'),
		ratio: field('double', 'Q'),
	},
	// The demo's products (101-106), each sold by one.
	seed: [101, 102, 103, 104, 105, 106].map((productId) => ({
		isDefault: 'Y',
		productId,
		ratio: 1,
	})),
	notFound: { code: 0, text: 'Ratio is not exists' },
	methods: ['get', 'list', 'getFields'],
};

export const catalogRatioMethods = recordTableMethods(RATIO_TABLE);
