import { PLAIN_CRUD } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';

/** Units of measurement (`catalog.measure.*`), by their OKEI codes; products name one in `measure`. */
export const measureSpec: ResourceSpec = {
	value: 'measure',
	noun: 'unit of measure',
	plural: 'units of measure',
	method: 'catalog.measure',
	id: { name: 'measureId', label: 'Unit of Measure ID', searchListMethod: 'searchMeasures' },
	titleField: 'measureTitle',
	keys: { one: 'measure', many: 'measures', written: 'measure' },
};

export const measure = specResource({
	name: 'Unit of Measure',
	spec: measureSpec,
	crud: PLAIN_CRUD,
});
