import { bindArray, bindInt } from '../binder';
import type { Portal } from '../portal';
import type { ProductProperty } from '../propertyStore';
import { existingProperty, guard } from './catalogProductProperty';
import { pick } from './fieldSelection';
import { field, type FieldTable, givenFields, writableFields } from './fieldTable';
import { bindListParams, rowsPage } from './listPaging';
import type { MethodTable } from './registry';

/**
 * catalog.productPropertySection.* (docs: catalog/product-property-section): how each property
 * shows in the catalog sections' smart filter. Every property has settings; those never set
 * are the portal's defaults.
 */

const TABLE: FieldTable = {
	displayExpanded: field('char'),
	displayType: field('char'),
	filterHint: field('string'),
	propertyId: field('integer', 'R'),
	smartFilter: field('char'),
};

const FIELDS = Object.keys(TABLE);
const DEFAULTS = {
	displayExpanded: 'N',
	displayType: null,
	filterHint: null,
	smartFilter: 'N',
};

/** Set settings, by property: kept apart from the properties, as the portal keeps them. */
const settingsOf = (portal: Portal) => portal.records.of('catalog.productPropertySection');

function settingsRow(portal: Portal, property: ProductProperty): Record<string, unknown> {
	// `pick` leaves the store's `id` out: the settings are the property's, by `propertyId`.
	const set = settingsOf(portal).get(property.id);
	return pick({ ...DEFAULTS, ...set, propertyId: property.id }, FIELDS);
}

function property(portal: Portal, id: number): ProductProperty {
	return existingProperty(portal, id, 'productPropertySection');
}

export const catalogProductPropertySectionMethods: MethodTable = {
	'catalog.productPropertySection.get': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const propertyId = bindInt(params, 'propertyId');
			guard(caller, false);
			return {
				productPropertySection: settingsRow(portal, property(portal, propertyId)),
			};
		},
	},
	'catalog.productPropertySection.list': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const bound = bindListParams(params);
			guard(caller, false);
			const rows = portal.properties
				.all()
				.filter(({ iblockId }) => portal.catalog(iblockId))
				.map((known) => ({ id: known.id, ...settingsRow(portal, known) }));
			const page = rowsPage('productPropertySections', rows, FIELDS, 'orm', {
				...bound,
				start: params.start,
			});
			return page;
		},
	},
	'catalog.productPropertySection.set': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const propertyId = bindInt(params, 'propertyId');
			const given = givenFields(bindArray(params, 'fields'));
			guard(caller, true);
			const found = property(portal, propertyId);
			const store = settingsOf(portal);
			const changes = writableFields(TABLE, given, 'update');
			if (store.get(found.id)) store.update(found.id, changes);
			else store.add({ ...changes, id: found.id });
			// The set answer carries the section and catalog too, every value as text.
			const row = {
				...settingsRow(portal, found),
				iblockId: found.iblockId,
				sectionId: 0,
			};
			return {
				productPropertySection: Object.fromEntries(
					Object.entries(row)
						.sort(([a], [b]) => a.localeCompare(b))
						.map(([name, value]) => [name, value === null ? null : String(value)]),
				),
			};
		},
	},
};
