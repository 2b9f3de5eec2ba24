import { field } from './fieldTable';
import { stamped } from './catalogPriceType';
import { recordTableMethods, type RecordTableSpec } from './recordTable';

/**
 * catalog.roundingRule.*: how prices of a price type are rounded from a price up (docs:
 * catalog/rounding-rule). Every field is required on add and on update alike.
 */
const REQUIRED = ['catalogGroupId', 'price', 'roundType', 'roundPrecision'];
const SEEDED = '2024-10-02T09:00:00+00:00';

export const ROUNDING_RULE_TABLE: RecordTableSpec = {
	method: 'catalog.roundingRule',
	keys: { one: 'roundingRule', many: 'roundingRules' },
	table: {
		catalogGroupId: field('integer', 'Q'),
		createdBy: field('integer', 'R'),
		dateCreate: field('datetime', 'R'),
		dateModify: field('datetime', 'R'),
		id: field('integer', 'R'),
		modifiedBy: field('integer', 'R'),
		price: field('double', 'Q'),
		roundPrecision: field('double', 'Q'),
		roundType: field('integer', 'Q'),
	},
	seed: [
		{ catalogGroupId: 1, price: 1000, roundPrecision: 10, roundType: 2 },
		{ catalogGroupId: 2, price: 50, roundPrecision: 1, roundType: 1 },
	].map((rule) => ({
		...rule,
		createdBy: 1,
		modifiedBy: 1,
		dateCreate: SEEDED,
		dateModify: SEEDED,
	})),
	required: { add: REQUIRED, update: REQUIRED },
	notFound: { code: 200900000000, text: 'Rounding rule is not exists' },
	check: (fields, context) =>
		stamped(fields, context, { created: 'dateCreate', modified: 'dateModify' }),
};

export const catalogRoundingRuleMethods = recordTableMethods(ROUNDING_RULE_TABLE);
