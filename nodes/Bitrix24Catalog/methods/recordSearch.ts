import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { PAGE_SIZE } from '../actions/kit/paging';
import { titledListCall, titledOptions, titleOf } from '../actions/kit/recordList';
import type { ResourceSpec } from '../actions/kit/spec';
import { callBitrix24 } from '../transport';
import { chosenParents } from './chosenParents';
import { settingsOf } from './settings';

export interface RecordSearchOptions {
	/** The field a picked record gives (its ID by default). */
	valueField?: string;
	/** Records the picker offers among the spec's (list properties only: `{ propertyType: 'L' }`). */
	filter?: IDataObject;
}

/**
 * A picker of a spec's records by name, a page at a time (the token is the next `start`). A
 * record with parents lists those of the parents chosen in the node (the catalog of sections).
 */
export function recordSearch(spec: ResourceSpec, options: RecordSearchOptions = {}) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const listFilter = {
			...options.filter,
			...chosenParents(this, spec, `pick the ${spec.noun}`, 'pick'),
		};
		if (filter?.trim()) listFilter[`%${titleOf(spec)}`] = filter.trim();
		const start = Number(paginationToken ?? 0);
		const call = titledListCall(spec, listFilter, start, options.valueField);
		const result = await callBitrix24.call(this, call, settingsOf(this), 0);
		const results = titledOptions(spec, result, options.valueField);
		return {
			results,
			paginationToken: results.length >= PAGE_SIZE ? String(start + results.length) : undefined,
		};
	};
}

/**
 * The pickers of the registry's spec resources, by their listSearch method: each spec's ID
 * picker and its pickers of part of its records. A spec whose ID picker is another's adds none.
 */
export function specPickers(specs: ResourceSpec[]) {
	return Object.fromEntries(
		specs.flatMap((spec) => [
			...(spec.id.searchListMethod && !spec.id.pickedFrom
				? [[spec.id.searchListMethod, recordSearch(spec)] as const]
				: []),
			...Object.entries(spec.partPickers ?? {}).map(
				([method, filter]) => [method, recordSearch(spec, { filter })] as const,
			),
		]),
	);
}
