import { PLAIN_CRUD } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';

/** VAT rates (`catalog.vat.*`); products name one in `vatId`. */
export const vatSpec: ResourceSpec = {
	value: 'vat',
	noun: 'VAT rate',
	method: 'catalog.vat',
	id: { name: 'vatId', label: 'VAT Rate ID', searchListMethod: 'searchVatRates' },
	keys: { one: 'vat', many: 'vats', written: 'vat' },
	// The update page marks both required: a rate is written whole on every update.
	keptOnUpdate: ['name', 'rate'],
};

export const vat = specResource({ name: 'VAT Rate', spec: vatSpec, crud: PLAIN_CRUD });
