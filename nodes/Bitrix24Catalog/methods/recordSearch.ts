import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ResourceSpec } from '../actions/kit/spec';
import { PAGE_SIZE } from '../actions/kit/paging';
import { callBitrix24 } from '../transport';
import { chosenParents } from './chosenParents';
import { settingsOf } from './settings';

/**
 * A picker of a spec's records by name, a page at a time (the token is the next `start`). A
 * record with parents lists those of the parents chosen in the node (the catalog of sections).
 */
export function recordSearch(spec: ResourceSpec, valueField = 'id') {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const title = spec.titleField ?? 'name';
		const listFilter = chosenParents(this, spec, `pick the ${spec.noun}`);
		if (filter?.trim()) listFilter[`%${title}`] = filter.trim();
		const start = Number(paginationToken ?? 0);
		const result = (await callBitrix24.call(
			this,
			{
				method: `${spec.method}.list`,
				params: {
					select: [...new Set([...(spec.requiredSelect ?? ['id']), title, valueField])],
					filter: listFilter,
					order: { [title]: 'ASC' },
					start,
				},
			},
			settingsOf(this),
			0,
		)) as Record<string, IDataObject[] | undefined>;
		const records = result?.[spec.keys.many] ?? [];
		return {
			results: records.map((record) => ({
				name: `${String(record[title])} (#${String(record.id)})`,
				value: String(record[valueField]),
			})),
			paginationToken: records.length >= PAGE_SIZE ? String(start + records.length) : undefined,
		};
	};
}
