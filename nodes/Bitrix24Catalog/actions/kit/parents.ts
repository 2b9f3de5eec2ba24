import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../../helpers/ids';
import type { ResourceSpec } from './spec';

/** The parents the item names (`{ iblockId: 23 }`), as a filter or as fields of a new record. */
export function readParents(
	context: IExecuteFunctions,
	spec: ResourceSpec,
	itemIndex: number,
): IDataObject {
	return Object.fromEntries(
		(spec.parents ?? []).map(({ name, label }) => [name, readId(context, name, label, itemIndex)]),
	);
}

/** Parents as an update sends them: Bitrix24 compares them with the stored ones as text. */
export function parentsAsText(parents: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(parents).map(([name, value]) => [name, String(value)]));
}

/** What the editor says while a parent is not chosen: "Choose the Catalog first, then …". */
export function chooseFirst(label: string, then: string): string {
	return `Choose the ${label} first, then ${then}`;
}

/** What a form of the record's fields waits for, where its parents decide the fields. */
export const FIELDS_LOAD = 'load the fields';
