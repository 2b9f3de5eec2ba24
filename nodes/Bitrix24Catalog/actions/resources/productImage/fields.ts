import type { INodeProperties } from 'n8n-workflow';

import { locatorField, shownFor as kitShownFor } from '../../kit/fields';

import { MAX_IMAGE_MB } from './image';

function shownFor(operations: string[]) {
	return kitShownFor('productImage', operations);
}

/** A product page's address in Bitrix24 (…/product/101/ or …/variation/103/) names the product. */
const PRODUCT_URL = '^https?://[^/]+/.*/(?:product|variation)/(\\d+)/?(?:[?#].*)?$';

/** The product (or variation, parent product, service) an operation works on: its images, its prices. */
export function productIdField(operations: string[], resource = 'productImage'): INodeProperties {
	return locatorField(
		{
			name: 'productId',
			label: 'Product ID',
			description: 'The product, parent product, variation or service',
			searchListMethod: 'searchProducts',
			searchPlaceholder: 'Search products by name...',
			modes: [
				{
					displayName: 'By URL',
					name: 'url',
					type: 'string',
					placeholder: 'e.g. https://your-portal.bitrix24.com/crm/catalog/23/product/101/',
					validation: [
						{
							type: 'regex',
							properties: {
								regex: PRODUCT_URL.replace('(\\d+)', '\\d+'),
								errorMessage: 'Paste the address of a product page in Bitrix24 (…/product/101/)',
							},
						},
					],
					extractValue: { type: 'regex', regex: PRODUCT_URL },
				},
			],
		},
		kitShownFor(resource, operations),
	);
}

export function imageIdField(operations: string[]): INodeProperties {
	return locatorField(
		{
			name: 'imageId',
			label: 'Image ID',
			description: "One of the product's images",
			searchListMethod: 'searchProductImages',
			searchPlaceholder: 'Choose an image of the product...',
		},
		shownFor(operations),
	);
}

export function binaryPropertyField(
	operations: string[],
	direction: 'input' | 'output',
): INodeProperties {
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
