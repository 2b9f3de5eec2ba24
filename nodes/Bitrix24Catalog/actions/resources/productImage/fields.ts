import type { INodePropertyMode, INodeProperties } from 'n8n-workflow';

import { MAX_IMAGE_MB } from './image';

function shownFor(operations: string[]) {
	return { show: { resource: ['productImage'], operation: operations } };
}

function idMode(label: string): INodePropertyMode {
	// A resource locator mode, not a parameter: modes have no default.
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string',
		placeholder: 'e.g. 42',
		validation: [
			{
				type: 'regex',
				properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `${label} must be a whole number, e.g. 42` },
			},
		],
	};
}

/** The product (or variation, parent product, service) whose images an operation works on. */
export function productIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Product ID',
		name: 'productId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The product, parent product, variation or service',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search products by name...',
				typeOptions: { searchListMethod: 'searchProducts', searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://your-portal.bitrix24.com/crm/catalog/23/product/101/',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^https?://[^/]+/.*/(?:product|variation)/\\d+/?(?:[?#].*)?$',
							errorMessage: 'Paste the address of a product page in Bitrix24 (…/product/101/)',
						},
					},
				],
				extractValue: { type: 'regex', regex: '^https?://[^/]+/.*/(?:product|variation)/(\\d+)/?(?:[?#].*)?$' },
			},
			idMode('Product ID'),
		],
		displayOptions: shownFor(operations),
	};
}

export function imageIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Image ID',
		name: 'imageId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: "One of the product's images",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Choose an image of the product...',
				typeOptions: { searchListMethod: 'searchProductImages', searchable: true },
			},
			idMode('Image ID'),
		],
		displayOptions: shownFor(operations),
	};
}

export function binaryPropertyField(operations: string[], direction: 'input' | 'output'): INodeProperties {
	return direction === 'input'
		? {
				displayName: 'Input Binary Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				hint: `The name of the input binary field holding the image (JPEG, PNG, GIF, WebP or BMP, up to ${MAX_IMAGE_MB} MB)`,
				displayOptions: shownFor(operations),
			}
		: {
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				hint: 'The name of the output binary field to put the image in',
				displayOptions: shownFor(operations),
			};
}
