import type { INodeProperties } from 'n8n-workflow';

/** An ID picked by a resource locator; later modes (from a list, from a URL) join `id` here. */
function idLocator(
	displayName: string,
	name: string,
	description: string,
	operations: string[],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 42',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `${displayName} must be a whole number, e.g. 42` },
					},
				],
			},
		],
		displayOptions: { show: { resource: ['productImage'], operation: operations } },
	};
}

/** The product (or variation, parent product, service) whose images an operation works on. */
export function productIdField(operations: string[]): INodeProperties {
	return idLocator(
		'Product ID',
		'productId',
		'The product, parent product, variation or service. Its ID is in the product page URL in Bitrix24.',
		operations,
	);
}

export function imageIdField(operations: string[]): INodeProperties {
	return idLocator(
		'Image ID',
		'imageId',
		"The image's ID, as Bitrix24 lists it for the product (catalog.productImage.list)",
		operations,
	);
}
