import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { listResult } from '../../resultShape';
import { readParents } from '../../kit/parents';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';
import type { Operation } from '../../operation';
import { itemsOf } from '../../operation';
import { propertyParent } from './property';

/** Which of the modules' features a property has on (`catalog.productPropertyFeature.*`). */
export const featureSpec: ResourceSpec = {
	value: 'productPropertyFeature',
	noun: 'property feature',
	method: 'catalog.productPropertyFeature',
	id: { name: 'featureRecordId', label: 'Property Feature ID' },
	keys: {
		one: 'productPropertyFeature',
		many: 'productPropertyFeatures',
		written: 'productPropertyFeature',
	},
	parents: [propertyParent('The property the features belong to', 'searchProperties')],
	// The update page marks them required: a feature is written whole on every update.
	keptOnUpdate: ['moduleId', 'featureId', 'isEnabled'],
};

const AVAILABLE = 'catalog.productPropertyFeature.getAvailableFeaturesByProperty';

/** The features a property can have, one item each, to add with Create. */
const getAvailable: Operation<undefined> = {
	methods: [AVAILABLE],
	build(this: IExecuteFunctions, itemIndex: number) {
		return {
			call: { method: AVAILABLE, params: readParents(this, featureSpec, itemIndex) },
			input: undefined,
		};
	},
	resultShape: listResult('features'),
	toItems: (result, _input, { itemIndex }) =>
		itemsOf((result as { features: IDataObject[] }).features, itemIndex),
};

export const feature = specResource({
	name: 'Property Feature',
	spec: featureSpec,
	crud: ['create', 'get', 'getMany', 'update', 'getFields'],
	operationDescriptions: { create: 'Turn a feature of a property on or off' },
	custom: {
		getAvailable: {
			operation: getAvailable,
			takesParents: true,
			label: {
				name: 'Get Available Features',
				description: 'List the features a property can have',
				action: 'Get the features a property can have',
			},
		},
	},
});
