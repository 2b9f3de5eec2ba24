import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { ResourceSpec } from '../actions/kit/spec';
import { PAGE_SIZE } from '../actions/kit/paging';
import { callBitrix24 } from '../transport';
import { chosenParents } from './chosenParents';
import { settingsOf } from './settings';

export interface RecordSearchOptions {
	/** The field a picked record gives (its ID by default). */
	valueField?: string;
	/** Records the picker offers among the spec's (list properties only: `{ propertyType: 'L' }`). */
	filter?: IDataObject;
}

/** One page of a spec's records by name, from `start`: each as a picker names it. */
async function recordPage(
	context: ILoadOptionsFunctions,
	spec: ResourceSpec,
	listFilter: IDataObject,
	start: number,
	valueField = 'id',
): Promise<INodePropertyOptions[]> {
	const title = spec.title ?? 'name';
	const result = (await callBitrix24.call(
		context,
		{
			method: `${spec.method}.list`,
			params: {
				select: [...new Set([...(spec.requiredSelect ?? ['id']), title, valueField])],
				filter: listFilter,
				order: { [title]: 'ASC' },
				start,
			},
		},
		settingsOf(context),
		0,
	)) as Record<string, IDataObject[] | undefined>;
	return (result?.[spec.keys.many] ?? []).map((record) => ({
		name: `${String(record[title])} (#${String(record.id)})`,
		value: String(record[valueField]),
	}));
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
		if (filter?.trim()) listFilter[`%${spec.title ?? 'name'}`] = filter.trim();
		const start = Number(paginationToken ?? 0);
		const results = await recordPage(this, spec, listFilter, start, options.valueField);
		return {
			results,
			paginationToken: results.length >= PAGE_SIZE ? String(start + results.length) : undefined,
		};
	};
}

/** The first page of a spec's records, as the options of a field that names one of them. */
export async function recordOptions(
	context: ILoadOptionsFunctions,
	spec: ResourceSpec,
): Promise<INodePropertyOptions[]> {
	return await recordPage(context, spec, {}, 0);
}
