import { bindInt } from '../binder';
import { Bitrix24Error } from '../errors';
import { existingProperty, guard } from './catalogProductProperty';
import { field } from './fieldTable';
import { recordTableMethods, type RecordTableSpec } from './recordTable';
import type { MethodTable } from './registry';

/**
 * catalog.productPropertyFeature.* (docs: catalog/product-property-feature): which of the
 * modules' features a property has on (shown on the list page, in the basket, ...), one record
 * per property, module and feature.
 */

const MISSING = 'productPropertyFeature does not exist.';

/** The features a catalog property can have, as getAvailableFeaturesByProperty names them. */
const AVAILABLE_FEATURES = [
	{
		featureId: 'LIST_PAGE_SHOW',
		featureName: 'Show on the list page of items',
		moduleId: 'iblock',
	},
	{
		featureId: 'DETAIL_PAGE_SHOW',
		featureName: 'Show on the detail page of the item',
		moduleId: 'iblock',
	},
	{
		featureId: 'IN_BASKET',
		featureName: 'Add to the basket properties',
		moduleId: 'catalog',
	},
];

// Every demo property (the default demo's and the catalog demo's) is shown on the list page.
const DEMO_PROPERTY_IDS = [97, 110, 111, 112, 113, 120, 121];

export const PROPERTY_FEATURE_TABLE: RecordTableSpec = {
	method: 'catalog.productPropertyFeature',
	keys: { one: 'productPropertyFeature', many: 'productPropertyFeatures' },
	table: {
		featureId: field('string', 'Q'),
		id: field('integer', 'R'),
		isEnabled: field('char', 'Q'),
		moduleId: field('string', 'Q'),
		propertyId: field('integer', 'Q'),
	},
	seed: [
		...DEMO_PROPERTY_IDS.map((propertyId) => ({
			featureId: 'LIST_PAGE_SHOW',
			isEnabled: 'Y',
			moduleId: 'iblock',
			propertyId,
		})),
		// Materials are not shown on the product's page.
		{ featureId: 'DETAIL_PAGE_SHOW', isEnabled: 'N', moduleId: 'iblock', propertyId: 113 },
	],
	required: {
		add: ['propertyId', 'moduleId', 'featureId', 'isEnabled'],
		update: ['propertyId', 'moduleId', 'featureId', 'isEnabled'],
	},
	notFound: { code: 0, text: MISSING },
	denied: { code: 0, text: 'Access Denied' },
	methods: ['add', 'update', 'get', 'list', 'getFields'],
	shows: (record, portal) => portal.properties.byId(Number(record.propertyId)) !== undefined,
	check(fields, { portal, store, current }) {
		existingProperty(portal, Number(fields.propertyId), 'productPropertyFeature');
		const known = AVAILABLE_FEATURES.some(
			({ moduleId, featureId }) => moduleId === fields.moduleId && featureId === fields.featureId,
		);
		if (!known || !['Y', 'N'].includes(String(fields.isEnabled))) {
			throw new Bitrix24Error(400, 0, 'Invalid property parameter set');
		}
		const key = `${fields.propertyId}-${fields.moduleId}-${fields.featureId}`;
		const taken = store
			.all()
			.some(
				(record) =>
					record.id !== current?.id &&
					`${record.propertyId}-${record.moduleId}-${record.featureId}` === key,
			);
		if (taken) {
			throw new Bitrix24Error(
				400,
				0,
				`Mysql query error: (1062) Duplicate entry '${key}' for key 'b_iblock_property_feature.ix_iblock_property_feature'`,
			);
		}
		return fields;
	},
};

export const catalogProductPropertyFeatureMethods: MethodTable = {
	...recordTableMethods(PROPERTY_FEATURE_TABLE),
	'catalog.productPropertyFeature.getAvailableFeaturesByProperty': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const propertyId = bindInt(params, 'propertyId');
			guard(caller, false);
			existingProperty(portal, propertyId, 'productPropertyFeature');
			return {
				features: AVAILABLE_FEATURES.map((feature) => ({ ...feature })),
			};
		},
	},
};
