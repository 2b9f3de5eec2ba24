import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../authentication';
import { DEFAULT_PRODUCT_FIELDS } from '../trigger/productDetails';
import { MAX_COMPARED_ROWS, RECENT_WINDOW_SECONDS } from './limits';

const compared = { show: { watch: ['stock', 'sections'] } };
const timed = { show: { watch: ['documents', 'products'] } };

/** Emit: the kinds of change a watch can tell, all by default. */
function emitProperty(
	options: Array<{ name: string; value: string; description: string }>,
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName: 'Emit',
		name: 'emit',
		type: 'multiOptions',
		options,
		default: [...options.map(({ value }) => value)],
		displayOptions,
	};
}

/** The Changes Trigger's parameters. */
export const changesProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Stock',
				value: 'stock',
				description:
					'What each store holds of each product: compared with what the last poll saw, as stock rows have no modification time',
			},
			{
				name: 'Sections',
				value: 'sections',
				description:
					"A catalog's sections: compared with what the last poll saw, as sections have no modification time",
			},
			{
				name: 'Inventory Documents',
				value: 'documents',
				description: 'Documents created, edited, conducted or cancelled since the last poll',
			},
			{
				name: 'Products',
				value: 'products',
				description:
					"A catalog's products created or edited since the last poll, by their modification time; for an n8n that Bitrix24 cannot reach",
			},
		],
		default: 'stock',
	},
	{
		displayName: `The trigger remembers up to ${MAX_COMPARED_ROWS.toLocaleString('en-US')} rows (about 25 bytes each for stock, more for sections with long descriptions) in the workflow's static data, and reads them all at each poll, 2,500 to a request: narrow it down with the filters below when the portal holds more. The first poll emits nothing and starts watching.`,
		name: 'comparedNotice',
		type: 'notice',
		default: '',
		displayOptions: compared,
	},
	{
		displayName: `Each poll reads only the records changed since the last one (by their modification time, to the second) and remembers those of the last ${RECENT_WINDOW_SECONDS} seconds, so that none is emitted twice. The first poll emits nothing and starts watching; deletions cannot be seen this way.`,
		name: 'timedNotice',
		type: 'notice',
		default: '',
		displayOptions: timed,
	},
	{
		displayName: 'Catalog',
		name: 'catalogId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The catalog whose records to watch',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCatalogs', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 23' },
		],
		displayOptions: { show: { watch: ['sections', 'products'] } },
	},
	emitProperty(
		[
			{ name: 'New', value: 'added', description: 'Rows the last poll did not see' },
			{ name: 'Changed', value: 'changed', description: 'Rows whose values changed' },
			{ name: 'Removed', value: 'removed', description: 'Rows the last poll saw that are gone' },
		],
		compared,
	),
	emitProperty(
		[
			{ name: 'New', value: 'added', description: 'Records created since the last poll' },
			{ name: 'Changed', value: 'changed', description: 'Records changed since the last poll' },
		],
		timed,
	),
	{
		displayName: 'Store IDs',
		name: 'storeIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1, 2',
		description: 'Only the stock of these stores, separated by commas; empty: every store',
		displayOptions: { show: { watch: ['stock'] } },
	},
	{
		displayName: 'Document Type Names or IDs',
		name: 'documentTypes',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getStoreDocumentTypes' },
		default: [],
		description:
			'Only documents of these types; none: every type. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { watch: ['documents'] } },
	},
	{
		displayName: 'Product Fields',
		name: 'productFields',
		type: 'string',
		default: DEFAULT_PRODUCT_FIELDS,
		description:
			'The fields each item carries, separated by commas (ID, catalog, creation and modification dates always come)',
		displayOptions: { show: { watch: ['products'] } },
	},
];
