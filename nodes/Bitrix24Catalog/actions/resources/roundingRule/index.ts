import { PLAIN_CRUD } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';

/** How prices of a price type are rounded from a price up (`catalog.roundingRule.*`). */
export const roundingRuleSpec: ResourceSpec = {
	value: 'roundingRule',
	noun: 'rounding rule',
	method: 'catalog.roundingRule',
	id: { name: 'roundingRuleId', label: 'Rounding Rule ID' },
	keys: { one: 'roundingRule', many: 'roundingRules', written: 'roundingRule' },
};

export const roundingRule = specResource({
	name: 'Rounding Rule',
	spec: roundingRuleSpec,
	crud: PLAIN_CRUD,
	operationDescriptions: {
		create: 'Round the prices of a price type from a price up (round type 1 nearest, 2 up, 4 down)',
	},
});
