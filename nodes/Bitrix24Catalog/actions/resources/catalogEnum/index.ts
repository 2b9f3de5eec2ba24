import type { IDataObject } from 'n8n-workflow';

import { listResult } from '../../resultShape';
import type { Operation } from '../../operation';
import type { Resource } from '../../kit/resource';
import { itemsOf } from '../../operation';

/** A fixed list the catalog defines (`catalog.enum.*`): one item per entry, `{ id, name }`. */
function enumList(method: string): Operation<undefined> {
	return {
		methods: [method],
		build: () => ({ call: { method, params: {} }, input: undefined }),
		resultShape: listResult('enum'),
		toItems: (result, _input, { itemIndex }) =>
			itemsOf((result as { enum: IDataObject[] }).enum, itemIndex),
	};
}

const operations = {
	getRoundTypes: enumList('catalog.enum.getRoundTypes'),
	getStoreDocumentTypes: enumList('catalog.enum.getStoreDocumentTypes'),
};

/** The catalog's enumerations: price rounding types and inventory document types. */
export const catalogEnum: Resource<typeof operations> = {
	name: 'Enum',
	value: 'enum',
	operations,
	description: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['enum'] } },
			options: [
				{
					name: 'Get Rounding Types',
					value: 'getRoundTypes',
					description: 'List the ways prices can be rounded',
					action: 'Get the rounding types',
				},
				{
					name: 'Get Store Document Types',
					value: 'getStoreDocumentTypes',
					description: 'List the types of inventory documents',
					action: 'Get the store document types',
				},
			],
			default: 'getRoundTypes',
		},
	],
};
