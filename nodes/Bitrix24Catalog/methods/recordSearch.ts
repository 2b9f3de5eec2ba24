import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ResourceSpec } from '../actions/kit/spec';
import { PAGE_SIZE } from '../actions/kit/paging';
import { toBitrix24Id } from '../helpers/ids';
import { callBitrix24 } from '../transport';
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
		const listFilter: IDataObject = {};
		for (const parent of spec.parents ?? []) {
			const value = this.getCurrentNodeParameter(parent.name, { extractValue: true });
			if (value === undefined || value === null || value === '') {
				throw new NodeOperationError(
					this.getNode(),
					`Choose the ${parent.label} first, then pick the ${spec.noun}`,
				);
			}
			listFilter[parent.name] = toBitrix24Id(this.getNode(), value, parent.label, 0);
		}
		if (filter?.trim()) listFilter['%name'] = filter.trim();
		const start = Number(paginationToken ?? 0);
		const result = (await callBitrix24.call(
			this,
			{
				method: `${spec.method}.list`,
				params: {
					select: [...new Set(['id', 'name', valueField])],
					filter: listFilter,
					order: { name: 'ASC' },
					start,
				},
			},
			settingsOf(this),
			0,
		)) as Record<string, IDataObject[] | undefined>;
		const records = result?.[spec.keys.many] ?? [];
		return {
			results: records.map((record) => ({
				name: `${record.name} (#${record.id})`,
				value: String(record[valueField]),
			})),
			paginationToken: records.length >= PAGE_SIZE ? String(start + records.length) : undefined,
		};
	};
}
