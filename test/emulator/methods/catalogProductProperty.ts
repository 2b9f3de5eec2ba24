import type { Caller } from '../auth';
import { bindArray, bindInt, isArrayValue, phpInt, requireParam } from '../binder';
import { Bitrix24Error } from '../errors';
import type { Portal } from '../portal';
import type { ProductProperty, PropertyType } from '../propertyStore';
import { formatBitrixDate } from '../time';
import { pick } from './fieldSelection';
import {
	assertRequired,
	describeFields,
	field,
	type FieldTable,
	givenFields,
	shownFields,
	writableFields,
} from './fieldTable';
import { bindListParams, rowsPage } from './listPaging';
import type { MethodContext, MethodTable } from './registry';
/**
 * catalog.productProperty.* (docs: catalog/product-property): the catalogs' properties, kept in
 * the portal's property store that the product methods read; the values of list properties are
 * catalog.productPropertyEnum.* (catalogProductPropertyEnum.ts). The iblock module answers
 * these, with code 0 for its errors and an empty code for a property it cannot find.
 */

const PROPERTY_TABLE: FieldTable = {
	active: field('char'),
	code: field('string'),
	colCount: field('integer'),
	defaultValue: field('string'),
	fileType: field('string'),
	filtrable: field('char'),
	hint: field('string'),
	iblockId: field('integer', 'Q'),
	id: field('integer', 'R'),
	isRequired: field('char'),
	linkIblockId: field('integer'),
	listType: field('char'),
	multiple: field('char'),
	multipleCnt: field('integer'),
	name: field('string', 'Q'),
	propertyType: field('string', 'Q'),
	rowCount: field('integer'),
	searchable: field('char'),
	sort: field('integer'),
	timestampX: field('datetime', 'R'),
	userType: field('string'),
	userTypeSettings: field('string'),
	withDescription: field('char'),
	xmlId: field('string'),
};

const PROPERTY_TYPES: readonly PropertyType[] = ['S', 'N', 'L', 'F', 'E', 'G'];
const SEEDED_AT = '2024-10-01T08:00:00+00:00';

/** What a property holds where nothing was written (the portal's defaults for a new property). */
const PROPERTY_DEFAULTS = {
	active: 'Y',
	code: null,
	colCount: 30,
	defaultValue: null,
	fileType: null,
	filtrable: 'N',
	hint: null,
	linkIblockId: null,
	listType: 'L',
	multipleCnt: null,
	rowCount: 1,
	searchable: 'N',
	timestampX: SEEDED_AT,
	userTypeSettings: null,
	withDescription: null,
	xmlId: null,
};

/**
 * The user types each base type takes (the information block's own user types); another pairing
 * is refused with the add page's "Invalid property type specified".
 */
const USER_TYPES: Readonly<Record<PropertyType, readonly string[]>> = {
	S: [
		'HTML',
		'video',
		'Date',
		'DateTime',
		'map_yandex',
		'map_google',
		'FileMan',
		'UserID',
		'employee',
		'ElementXmlID',
		'directory',
		'TopicID',
		'ECrm',
		'Money',
		'DiskFile',
	],
	N: ['Sequence'],
	L: [],
	F: [],
	E: ['EList', 'EAutocomplete', 'SKU'],
	G: ['SectionAuto'],
};

/** Settings a user type fills in where none are given, as the add page's example shows them. */
const USER_TYPE_SETTINGS: Readonly<Record<string, Record<string, unknown>>> = {
	directory: { group: 'N', multiple: 'N', size: 1, width: 0 },
};

/** The settings the property keeps: the type's defaults under the given ones, keys in order. */
function settingsOf(userType: unknown, given: unknown): unknown {
	const defaults = typeof userType === 'string' ? USER_TYPE_SETTINGS[userType] : undefined;
	if (!defaults) return given;
	const merged: Record<string, unknown> = { ...defaults, ...givenFields(given) };
	return Object.fromEntries(
		Object.keys(merged)
			.sort()
			.map((key) => [key, merged[key]]),
	);
}

const yesNo = (flag: boolean) => (flag ? 'Y' : 'N');

/** The property family's pages answer a caller without rights with code 0 (features and sections too). */
export function guard(caller: Caller, writes: boolean): void {
	const allowed = writes ? caller.user.canModifyCatalog : caller.user.canViewCatalog;
	if (!caller.user.canViewCatalog || !allowed) throw new Bitrix24Error(400, 0, 'Access Denied');
}

/** A property as the methods answer it (`catalog_product_property`). */
export function propertyRow(property: ProductProperty): Record<string, unknown> {
	return pick(
		{
			...PROPERTY_DEFAULTS,
			...property.details,
			iblockId: property.iblockId,
			id: property.id,
			isRequired: yesNo(property.required),
			multiple: yesNo(property.multiple),
			name: property.name,
			propertyType: property.propertyType,
			sort: property.sort,
			userType: property.userType,
		},
		shownFields(PROPERTY_TABLE),
	);
}

/** A property of a catalog, by the id a method names (`productProperty does not exist.` otherwise). */
export function existingProperty(portal: Portal, id: number, noun = 'productProperty') {
	const property = portal.properties.byId(id);
	if (!property || !portal.catalog(property.iblockId)) {
		throw new Bitrix24Error(400, noun === 'productProperty' ? '' : 0, `${noun} does not exist.`);
	}
	return property;
}

/** The written fields split into what the store models and the rest of the record. */
function propertyChanges(
	fields: Record<string, unknown>,
	given: Record<string, unknown>,
	current?: ProductProperty,
): Partial<Omit<ProductProperty, 'id'>> {
	const { iblockId, name, propertyType, userType, multiple, isRequired, sort, ...details } = fields;
	if (propertyType !== undefined && !PROPERTY_TYPES.includes(propertyType as PropertyType)) {
		throw new Bitrix24Error(400, 0, 'Invalid property type specified');
	}
	const baseType = (propertyType ?? current?.propertyType) as PropertyType;
	if (typeof userType === 'string' && userType !== '' && !USER_TYPES[baseType].includes(userType)) {
		throw new Bitrix24Error(400, 0, 'Invalid property type specified');
	}
	if (typeof details.code === 'string' && /^\d/.test(details.code)) {
		throw new Bitrix24Error(400, 0, 'Property code cannot start with a digit');
	}
	// Settings are an object of scalars, kept as given.
	if (given.userTypeSettings !== undefined) {
		if (given.userTypeSettings !== null && !isArrayValue(given.userTypeSettings)) {
			throw new Bitrix24Error(400, 0, 'Invalid custom property type settings specified');
		}
		details.userTypeSettings = given.userTypeSettings;
	}
	if (userType !== undefined) {
		details.userTypeSettings = settingsOf(userType, details.userTypeSettings ?? null);
	}
	const changes: Partial<Omit<ProductProperty, 'id'>> = {
		...(iblockId === undefined ? {} : { iblockId: iblockId as number }),
		...(name === undefined ? {} : { name: String(name) }),
		...(propertyType === undefined ? {} : { propertyType: propertyType as PropertyType }),
		...(userType === undefined ? {} : { userType: (userType as string | null) || null }),
		...(multiple === undefined ? {} : { multiple: multiple === 'Y' }),
		...(isRequired === undefined ? {} : { required: isRequired === 'Y' }),
		...(sort === undefined ? {} : { sort: sort as number }),
	};
	return {
		...changes,
		details: { ...details, timestampX: formatBitrixDate(new Date()) },
	};
}

function assertCatalog(portal: Portal, iblockId: unknown): void {
	if (!portal.catalog(Number(iblockId))) {
		throw new Bitrix24Error(400, 0, 'The specified iblock is not a product catalog');
	}
}

/** A table kept in the property store, as its read and delete methods need it. */
interface StoredTable {
	method: string;
	keys: { one: string; many: string };
	table: FieldTable;
	/** Every row the portal shows, as answered. */
	rows(portal: Portal): Array<Record<string, unknown>>;
	/** The row `id` names, as answered; throws the page's error when there is none. */
	row(portal: Portal, id: unknown): Record<string, unknown>;
	remove(portal: Portal, id: number): void;
}

export function readAndDeleteMethods(spec: StoredTable): MethodTable {
	return {
		[`${spec.method}.get`]: {
			scope: 'catalog',
			handler: ({ params, caller, portal }: MethodContext) => {
				const id = requireParam(params, 'id');
				guard(caller, false);
				return { [spec.keys.one]: spec.row(portal, id) };
			},
		},
		[`${spec.method}.list`]: {
			scope: 'catalog',
			handler: ({ params, caller, portal }: MethodContext) => {
				const bound = bindListParams(params);
				guard(caller, false);
				return rowsPage(spec.keys.many, spec.rows(portal), shownFields(spec.table), 'orm', {
					...bound,
					start: params.start,
				});
			},
		},
		[`${spec.method}.delete`]: {
			scope: 'catalog',
			handler: ({ params, caller, portal }: MethodContext) => {
				const id = requireParam(params, 'id');
				guard(caller, true);
				spec.remove(portal, Number(spec.row(portal, id).id));
				return true;
			},
		},
		[`${spec.method}.getFields`]: {
			scope: 'catalog',
			handler: ({ caller }: MethodContext) => {
				guard(caller, false);
				return { [spec.keys.one]: describeFields(spec.table) };
			},
		},
	};
}

export const catalogProductPropertyMethods: MethodTable = {
	...readAndDeleteMethods({
		method: 'catalog.productProperty',
		keys: { one: 'productProperty', many: 'productProperties' },
		table: PROPERTY_TABLE,
		rows: (portal) =>
			portal.properties
				.all()
				.filter((property) => portal.catalog(property.iblockId))
				.map(propertyRow),
		row: (portal, id) => propertyRow(existingProperty(portal, phpInt(id))),
		remove: (portal, id) => portal.properties.remove(id),
	}),
	'catalog.productProperty.add': {
		scope: 'catalog',
		handler: ({ params, caller, portal }: MethodContext) => {
			const given = givenFields(bindArray(params, 'fields'));
			guard(caller, true);
			assertRequired(given, ['iblockId', 'name', 'propertyType']);
			const fields = writableFields(PROPERTY_TABLE, given, 'add');
			assertCatalog(portal, fields.iblockId);
			const changes = propertyChanges(fields, given);
			const property = portal.properties.add({
				iblockId: changes.iblockId as number,
				name: changes.name as string,
				propertyType: changes.propertyType as PropertyType,
				userType: changes.userType ?? null,
				multiple: changes.multiple ?? false,
				required: changes.required ?? false,
				sort: changes.sort ?? 500,
				details: changes.details,
				...(changes.propertyType === 'L' ? { choices: [] } : {}),
			});
			return { productProperty: propertyRow(property) };
		},
	},
	'catalog.productProperty.update': {
		scope: 'catalog',
		handler: ({ params, caller, portal }: MethodContext) => {
			const id = bindInt(params, 'id');
			const given = givenFields(bindArray(params, 'fields'));
			guard(caller, true);
			assertRequired(given, ['iblockId']);
			const current = existingProperty(portal, id);
			const fields = writableFields(PROPERTY_TABLE, given, 'update');
			assertCatalog(portal, fields.iblockId);
			const { details, ...changes } = propertyChanges(fields, given, current);
			const property = portal.properties.update(id, {
				...changes,
				details: { ...current.details, ...details },
			});
			return { productProperty: propertyRow(property ?? current) };
		},
	},
};
