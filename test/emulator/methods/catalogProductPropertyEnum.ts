import { bindArray, requireParam } from '../binder';
import { Bitrix24Error } from '../errors';
import type { Portal } from '../portal';
import type { ListChoice, ProductProperty } from '../propertyStore';
import { guard, readAndDeleteMethods } from './catalogProductProperty';
import { pick } from './fieldSelection';
import {
	assertRequired,
	field,
	type FieldTable,
	givenFields,
	shownFields,
	writableFields,
} from './fieldTable';
import type { MethodContext, MethodTable } from './registry';

/**
 * catalog.productPropertyEnum.* (docs: catalog/product-property-enum): the values of list
 * properties, kept with their property in the portal's property store.
 */

const ENUM_TABLE: FieldTable = {
	def: field('char'),
	id: field('integer', 'R'),
	propertyId: field('integer', 'Q'),
	sort: field('integer'),
	value: field('string', 'Q'),
	xmlId: field('string', 'Q'),
};

/** A list value as the methods answer it (`catalog_product_property_enum`). */
function choiceRow(choice: ListChoice & { propertyId: number }): Record<string, unknown> {
	return pick(
		{ def: 'N', sort: 500, xmlId: String(choice.id), ...choice },
		shownFields(ENUM_TABLE),
	);
}

const ENUM_MISSING = 'productPropertyEnum does not exist.';

function existingChoice(portal: Portal, id: unknown) {
	const choice = portal.properties.choices().find((known) => known.id === Number(id));
	if (!choice) throw new Bitrix24Error(400, 0, ENUM_MISSING);
	return choice;
}

/** The list property a value is written to, with its xmlId free among the property's values. */
function listProperty(
	portal: Portal,
	fields: Record<string, unknown>,
	except?: number,
): ProductProperty {
	const property = portal.properties.byId(Number(fields.propertyId));
	if (!property || !portal.catalog(property.iblockId)) {
		throw new Bitrix24Error(400, 0, ENUM_MISSING);
	}
	if (property.propertyType !== 'L') {
		throw new Bitrix24Error(400, 0, 'Only list properties are supported');
	}
	const taken = (property.choices ?? []).some(
		(choice) => choice.id !== except && (choice.xmlId ?? String(choice.id)) === fields.xmlId,
	);
	if (taken) {
		// The ORM's unique-field validator, as the enum add page lists it.
		throw new Bitrix24Error(
			400,
			'BX_INVALID_VALUE',
			`A record with the value "External code" equal to "${String(fields.xmlId)}" already exists`,
		);
	}
	return property;
}

/** The choice's own fields, as the store keeps them (its property is where it is kept). */
function choiceFields(fields: Record<string, unknown>): Omit<ListChoice, 'id'> {
	return pick(
		fields,
		['def', 'sort', 'value', 'xmlId'].filter((name) => fields[name] !== undefined),
	) as unknown as Omit<ListChoice, 'id'>;
}

const ENUM_REQUIRED = ['propertyId', 'value', 'xmlId'];

export const catalogProductPropertyEnumMethods: MethodTable = {
	...readAndDeleteMethods({
		method: 'catalog.productPropertyEnum',
		keys: { one: 'productPropertyEnum', many: 'productPropertyEnums' },
		table: ENUM_TABLE,
		rows: (portal) =>
			portal.properties
				.choices()
				.filter(({ propertyId }) => portal.catalog(portal.properties.byId(propertyId)!.iblockId))
				.map(choiceRow),
		row: (portal, id) => choiceRow(existingChoice(portal, id)),
		remove: (portal, id) => portal.properties.removeChoice(id),
	}),
	'catalog.productPropertyEnum.add': {
		scope: 'catalog',
		handler: ({ params, caller, portal }: MethodContext) => {
			const given = givenFields(bindArray(params, 'fields'));
			guard(caller, true);
			assertRequired(given, ENUM_REQUIRED);
			const fields = writableFields(ENUM_TABLE, given, 'add');
			const property = listProperty(portal, fields);
			const choice = portal.properties.addChoice(property.id, {
				def: 'N',
				sort: 500,
				...choiceFields(fields),
			});
			return {
				productPropertyEnum: choiceRow({ ...choice, propertyId: property.id }),
			};
		},
	},
	'catalog.productPropertyEnum.update': {
		scope: 'catalog',
		handler: ({ params, caller, portal }: MethodContext) => {
			const id = requireParam(params, 'id');
			const given = givenFields(bindArray(params, 'fields'));
			guard(caller, true);
			const current = existingChoice(portal, id);
			assertRequired(given, ENUM_REQUIRED);
			const fields = writableFields(ENUM_TABLE, given, 'update');
			const property = listProperty(portal, fields, current.id);
			const choice = portal.properties.updateChoice(current.id, property.id, choiceFields(fields));
			return {
				productPropertyEnum: choiceRow({ ...choice, propertyId: property.id }),
			};
		},
	},
};
