import { formatBitrixDate } from '../time';
import { field } from './fieldTable';
import { recordTableMethods, type RecordTableSpec } from './recordTable';

/**
 * catalog.vat.*: VAT rates (docs: catalog/vat, data type catalog_vat). The update page marks
 * `name` and `rate` required as on an add: a rate is rewritten whole on every update.
 */
const SEEDED_AT = '2024-10-01T08:00:00+00:00';

export const VAT_TABLE: RecordTableSpec = {
	method: 'catalog.vat',
	keys: { one: 'vat', many: 'vats' },
	table: {
		active: field('char'),
		id: field('integer', 'R'),
		name: field('string', 'Q'),
		rate: field('double', 'Q'),
		sort: field('integer'),
		timestampX: field('datetime', 'R'),
	},
	defaults: { active: 'Y', sort: 100 },
	seed: [
		{ active: 'Y', name: 'VAT 0%', rate: 0, sort: 100, timestampX: SEEDED_AT },
		{
			active: 'Y',
			name: 'VAT 10%',
			rate: 10,
			sort: 200,
			timestampX: SEEDED_AT,
		},
		{
			active: 'Y',
			name: 'VAT 20%',
			rate: 20,
			sort: 300,
			timestampX: SEEDED_AT,
		},
	],
	required: { add: ['name', 'rate'], update: ['name', 'rate'] },
	notFound: { code: 200800000000, text: 'VAT rate is not exists' },
	// The portal stamps every write.
	check: (fields) => ({ ...fields, timestampX: formatBitrixDate(new Date()) }),
};

export const catalogVatMethods = recordTableMethods(VAT_TABLE);
