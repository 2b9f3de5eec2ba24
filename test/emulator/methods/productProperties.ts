import { isArrayValue, phpString } from '../binder';
import type { Portal } from '../portal';
import type { NewPropertyValue, ProductProperty, PropertyValue } from '../propertyStore';

/**
 * Product property values as the product methods show and take them: `propertyN` (the
 * variations catalog's parent link as `parentId`), each value `{value, valueId}`, a multiple
 * property a list of them (REST docs, catalog data types, `propertyN`).
 */

/** The field a property is answered under. */
export function propertyFieldName(portal: Portal, property: ProductProperty): string {
	const catalog = portal.catalog(property.iblockId);
	return catalog?.skuPropertyId === property.id ? 'parentId' : `property${property.id}`;
}

/** The catalog's properties by the field names they are answered under, in the portal's order. */
export function propertyFields(portal: Portal, iblockId: number): Map<string, ProductProperty> {
	return new Map(
		portal.properties
			.of(iblockId)
			.map((property) => [propertyFieldName(portal, property), property]),
	);
}

const shown = ({ value, valueId }: PropertyValue) => ({
	value,
	valueId: String(valueId),
});

/** A property as get and list answer it: `null` without values. */
export function renderedProperty(
	property: ProductProperty,
	values: readonly PropertyValue[],
): unknown {
	if (values.length === 0) return null;
	return property.multiple ? values.map(shown) : shown(values[0]);
}

/** A property as filters and `order` compare it: the stored text (a list of them when multiple). */
export function comparedProperty(
	property: ProductProperty,
	values: readonly PropertyValue[],
): unknown {
	if (values.length === 0) return null;
	return property.multiple ? values.map(({ value }) => value) : values[0].value;
}

/** What `getFieldsByFilter` tells about a property (`rest_field_description` of a product property). */
export function describedProperty(property: ProductProperty): Record<string, unknown> {
	return {
		isDynamic: true,
		isImmutable: false,
		isMultiple: property.multiple,
		isReadOnly: false,
		isRequired: property.required,
		name: property.name,
		propertyType: property.propertyType,
		type: 'productproperty',
		userType: property.userType ?? '',
		...(property.choices
			? {
					values: Object.fromEntries(
						property.choices.map(({ id, value }) => [id, { id: String(id), value }]),
					),
				}
			: {}),
	};
}

// Empty text removes a value, as the portal does not store empty values.
function text(value: unknown): string | undefined {
	const written = phpString(value);
	return written === '' ? undefined : written;
}

/** A value as written: `{value, valueId?}` (`valueId` naming one of `current`), or bare. */
function entry(given: unknown, current: readonly PropertyValue[]): NewPropertyValue | undefined {
	if (!isArrayValue(given) || Array.isArray(given)) {
		const value = text(given);
		return value === undefined ? undefined : { value };
	}
	const value = text(given.value);
	if (value === undefined) return undefined;
	const valueId = Number(given.valueId);
	const kept = current.find((stored) => stored.valueId === valueId);
	return kept ? { valueId: kept.valueId, value } : { value };
}

/**
 * The values a property holds after an add or update gave it `given`; `undefined`: left as it
 * was. A multiple property takes a list (anything else is dropped without a word, as the
 * portal's view does); listed values keep their `valueId`, unlisted ones are deleted. A
 * single property takes `{value, valueId?}` (without `valueId` the old value is replaced)
 * or, when adding, a bare value. Sent bare on update, a text property keeps its value and
 * any other is cleared, still answering success ([peer] report, bitrix24-rest-facts §10).
 */
export function writtenValues(
	property: ProductProperty,
	given: unknown,
	current: readonly PropertyValue[],
	mode: 'add' | 'update',
): NewPropertyValue[] | undefined {
	if (property.multiple) {
		if (!Array.isArray(given)) return undefined;
		return given
			.map((item) => entry(item, current))
			.filter((item): item is NewPropertyValue => item !== undefined);
	}
	const bare = !isArrayValue(given) || Array.isArray(given);
	if (bare && mode === 'update') return property.propertyType === 'S' ? undefined : [];
	const single = entry(given, current);
	return single ? [single] : [];
}
