import { READ_ONLY } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';

/** How many units of measure a product is sold in (`catalog.ratio.*`): read-only. */
export const ratioSpec: ResourceSpec = {
	value: 'ratio',
	noun: 'unit ratio',
	method: 'catalog.ratio',
	id: { name: 'ratioId', label: 'Unit Ratio ID' },
	keys: { one: 'ratio', many: 'ratios', written: 'ratio' },
};

export const ratio = specResource({
	name: 'Unit Ratio',
	spec: ratioSpec,
	crud: READ_ONLY,
	operationDescriptions: { getMany: "List the products' unit ratios" },
});
