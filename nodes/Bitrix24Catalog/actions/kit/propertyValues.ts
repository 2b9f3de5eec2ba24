import type { IDataObject, INode } from 'n8n-workflow';

import { itemError } from '../../helpers/itemError';

type Entry = IDataObject;

/** `{ value, valueId? }`, as Bitrix24 answers and takes a property value. */
function isEntry(value: unknown): value is Entry {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && 'value' in value;
}

function entryOf(value: unknown): Entry {
	return isEntry(value) ? value : { value: value as IDataObject[keyof IDataObject] };
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** The values a multiple property is given: a list, a JSON list as text, or one value. */
function listOf(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value === 'string' && value.trim().startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(value);
			if (Array.isArray(parsed)) return parsed;
		} catch {
			// Not a list after all: one value that starts with a bracket.
		}
	}
	return [value];
}

/**
 * A property's value in the shape Bitrix24 takes: `{ value }`, a list of them for a multiple
 * property; undefined when nothing is left to write. The reference documents only this shape
 * (bitrix24/b24restdocs, api-reference/catalog/product/catalog-product-update.md, `propertyN`);
 * a value sent bare is not documented, and an update may then clear it or drop it while still
 * answering success: so a value always goes in this shape.
 *
 * A multiple property is sent with all the values it is to hold: Bitrix24 writes the values
 * listed without a `valueId` anew and deletes those not listed (the same page), so the mapped
 * list is what the property holds afterwards. Values that carry their `valueId` (a Get's output
 * mapped back) keep it. Reading the product first to keep the `valueId` of unchanged values would
 * cost a request per item and change nothing but those IDs.
 */
export function propertyValue(
	node: INode,
	name: string,
	value: unknown,
	multiple: boolean,
	itemIndex: number,
): Entry | Entry[] | undefined {
	if (multiple) {
		const entries = listOf(value)
			.filter((entry) => !isEmpty(entry))
			.map(entryOf);
		return entries.length > 0 ? entries : undefined;
	}
	if (!Array.isArray(value)) return entryOf(value);
	if (value.length > 1) {
		throw itemError(
			node,
			`Fields → ${name} takes one value, but got a list of ${value.length}`,
			itemIndex,
			`${name} is not a multiple property: map one value to it.`,
		);
	}
	return isEmpty(value[0]) ? undefined : entryOf(value[0]);
}
