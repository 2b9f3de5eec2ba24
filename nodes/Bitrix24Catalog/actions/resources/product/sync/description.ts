import type { INodeProperties } from 'n8n-workflow';

import { recordFields } from '../../../kit/record';
import { shownFor } from '../../../kit/fields';
import { productSpec } from '../spec';

const shown = shownFor('product', ['sync']);

/** A choice the whole run makes (no expression): its options, default and where it is shown. */
function choice(
	field: Pick<INodeProperties, 'displayName' | 'name' | 'options' | 'default'> & Partial<INodeProperties>,
): INodeProperties {
	return { type: 'options', noDataExpression: true, displayOptions: shown, ...field };
}

/** The kinds a feed's new products are created as; a variation is an item with a Parent Key. */
const KIND_OPTIONS = (productSpec.kinds?.options ?? [])
	.filter(({ value }) => value !== 'offer')
	.map(({ name, value, description }) => ({ name, value, description }));

const when = (extra: Record<string, string[]>) => ({
	show: { ...shown.show, ...extra },
});

/** The fields of Product → Sync: what each item wants, and how the run treats the catalog. */
export const syncFields: INodeProperties[] = [
	choice({
		displayName: 'Mode',
		name: 'syncMode',
		options: [
			{
				name: 'Dry Run',
				value: 'dryRun',
				description: 'Write nothing: output the plan, what would be created, updated or removed',
			},
			{ name: 'Apply', value: 'apply', description: 'Make the catalog match the feed' },
		],
		default: 'dryRun',
	}),
	choice({
		displayName: 'Product Kind',
		name: 'productKind',
		options: KIND_OPTIONS,
		default: 'product',
		description:
			'The kind new products are created as. An item with a Parent Key is a variation, and an item that variations name as their parent is a parent product.',
	}),
	choice({
		displayName: 'Key',
		name: 'syncKey',
		options: [
			{ name: 'XML ID', value: 'xmlId', description: "The product's external code" },
			{ name: 'Code', value: 'code', description: "The product's symbolic code" },
			{ name: 'Property', value: 'property', description: 'A text property of the catalog' },
		],
		default: 'xmlId',
		description:
			'The field that ties a feed item to its product: map it under Fields. A product with the same value is updated, else one is created.',
	}),
	{
		displayName: 'Key Property',
		name: 'syncKeyProperty',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. property270',
		description: 'The property holding the key, as the Fields list names it',
		displayOptions: when({ syncKey: ['property'] }),
	},
	{
		displayName: 'Parent Key',
		name: 'syncParentKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.parent_sku }}',
		description:
			"For a variation: the key of its parent product (the same field as Key), an item of the feed or a product already in the catalog. Empty: the item is a product, not a variation.",
		hint: 'A feed may mix products, parents and variations: a parent is created before its variations',
		displayOptions: shown,
	},
	// Create's form, its columns with the variations catalog's properties too (see `getSyncColumns`).
	...recordFields(productSpec, 'create', ['sync'], 'getSyncColumns'),
	{
		displayName: 'Prices',
		name: 'syncPrices',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add price',
		default: {},
		description: 'Only the price types named here are written; the others are left as they are',
		displayOptions: shown,
		options: [
			{
				displayName: 'Price',
				name: 'price',
				values: [
					{
						displayName: 'Price Type',
						name: 'priceType',
						type: 'string',
						default: '',
						placeholder: 'e.g. Retail or 1',
						description: 'The price type, by name or ID',
					},
					{ displayName: 'Price', name: 'price', type: 'number', default: 0, typeOptions: { minValue: 0 } },
					{
						displayName: 'Currency',
						name: 'currency',
						type: 'string',
						default: 'USD',
						placeholder: 'e.g. USD',
						description: 'The three-letter currency code',
					},
				],
			},
		],
	},
	{
		displayName: 'Stock',
		name: 'syncStock',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add store',
		default: {},
		description:
			'The quantity each store holds. With inventory management on, written through conducted documents; else the product quantity becomes their sum.',
		displayOptions: shown,
		options: [
			{
				displayName: 'Store',
				name: 'store',
				values: [
					{
						displayName: 'Store',
						name: 'store',
						type: 'string',
						default: '',
						placeholder: 'e.g. Main warehouse or 1',
						description: 'The store, by title or ID',
					},
					{ displayName: 'Quantity', name: 'amount', type: 'number', default: 0, typeOptions: { minValue: 0 } },
				],
			},
		],
	},
	{
		displayName: 'Section',
		name: 'syncSection',
		type: 'string',
		default: '',
		placeholder: 'e.g. Tools/Drills or 12',
		description:
			'The section the product belongs in: its ID, or its path of names from the catalog root, created when missing. Empty: left as it is.',
		displayOptions: shown,
	},
	{
		displayName: 'Images',
		name: 'syncImages',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://shop.example.com/img/1.jpg, data',
		description:
			"The product's images in order, separated by commas or new lines: each an image URL on an allowed host or the name of a binary property of the item. The first is the detail picture. Empty: left as they are.",
		displayOptions: shown,
	},
	choice({
		displayName: 'Products Not in the Feed',
		name: 'syncMissing',
		options: [
			{ name: 'Leave', value: 'leave', description: 'Leave them as they are' },
			{ name: 'Deactivate', value: 'deactivate', description: 'Make them inactive' },
			{ name: 'Delete', value: 'delete', description: 'Delete them' },
		],
		default: 'leave',
		description:
			'What becomes of the products in the scope below whose key no item names. With Parent Key set, also of the variations no item names whose parent is in the scope (a parent deleted goes with its variations).',
	}),
	choice({
		displayName: 'Scope',
		name: 'syncScope',
		options: [
			{ name: 'Whole Catalog', value: 'catalog' },
			{ name: 'Section', value: 'section', description: 'Products placed directly in one section' },
			{ name: 'Marker', value: 'marker', description: 'Products whose field or property holds a value' },
		],
		default: 'catalog',
		description: 'Which products a feed speaks for, so that a partial feed never touches the rest',
		displayOptions: when({ syncMissing: ['deactivate', 'delete'] }),
	}),
	{
		displayName: 'Scope Section ID',
		name: 'syncScopeSection',
		type: 'number',
		default: 0,
		required: true,
		displayOptions: when({ syncMissing: ['deactivate', 'delete'], syncScope: ['section'] }),
	},
	{
		displayName: 'Marker Field',
		name: 'syncMarkerField',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. property280',
		description: 'The field or property that marks the products the feed speaks for',
		displayOptions: when({ syncMissing: ['deactivate', 'delete'], syncScope: ['marker'] }),
	},
	{
		displayName: 'Marker Value',
		name: 'syncMarkerValue',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. erp',
		displayOptions: when({ syncMissing: ['deactivate', 'delete'], syncScope: ['marker'] }),
	},
	choice({
		displayName: 'Output',
		name: 'syncOutput',
		options: [
			{ name: 'Summary', value: 'summary', description: 'One item: counts per action, requests, time' },
			{
				name: 'Summary and Each Product',
				value: 'products',
				description: 'The summary, then one item per input item with its outcome and changes',
			},
		],
		default: 'summary',
	}),
	{
		displayName: 'Options',
		name: 'syncOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: shown,
		options: [
			{
				displayName: 'Allowed Image Hosts',
				name: 'imageHosts',
				type: 'string',
				default: '',
				placeholder: 'e.g. shop.example.com',
				description: 'The hosts image URLs may be on, separated by commas: URLs elsewhere are refused',
			},
			{
				displayName: 'Document Currency',
				name: 'documentCurrency',
				type: 'string',
				default: 'USD',
				description: 'The currency of the inventory documents that change stock',
			},
			{
				displayName: 'Image Fingerprint Property',
				name: 'fingerprintProperty',
				type: 'string',
				default: '',
				placeholder: 'e.g. property290',
				description:
					"A text property where the node keeps each product's image fingerprints, so that unchanged images are never uploaded again. Needed with Images.",
			},
			{
				displayName: 'Variation Image Fingerprint Property',
				name: 'variationFingerprintProperty',
				type: 'string',
				default: '',
				placeholder: 'e.g. property295',
				description:
					"The same for variations: a text property of the variations catalog. Needed with Images of variations.",
			},
		],
	},
];
