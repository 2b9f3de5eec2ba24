import type { IDataObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import { saysMissing } from '../transport/errors';
import type { Bitrix24Authentication, Bitrix24Call } from '../transport';
import { callBitrix24, defaultSettings } from '../transport';
import { PRODUCT_KIND_METHODS, productKindOf } from '../bitrix24Api/productKinds';

/** The fields the trigger hands on by default: enough to decide what to do with a product. */
export const DEFAULT_PRODUCT_FIELDS = [
	'id',
	'iblockId',
	'iblockSectionId',
	'name',
	'code',
	'xmlId',
	'type',
	'active',
	'available',
	'sort',
	'dateCreate',
	'timestampX',
	'modifiedBy',
	'previewPicture',
	'detailPicture',
].join(', ');

/** `id, name,active` → `['id', 'name', 'active']`; empty means every field. */
export function parseFieldList(text: string): string[] {
	return text
		.split(',')
		.map((field) => field.trim())
		.filter((field) => field !== '');
}

/**
 * The call that reads a product with its kind's own method, as the event pages say. A product
 * gone by then (it can be deleted before its event is read) answers null rather than failing.
 */
export function productCall(productId: number, productType: number | undefined): Bitrix24Call {
	const getter = PRODUCT_KIND_METHODS[productKindOf(productType)];
	return {
		method: `${getter.method}.get`,
		params: { id: productId },
		resultOfFailure: (failure) => (saysMissing(failure, getter.missing) ? null : undefined),
	};
}

/** The product in a `productCall` result, cut to `fields`; undefined when it was gone. */
export function productOf(
	result: unknown,
	productType: number | undefined,
	fields: string[],
): IDataObject | undefined {
	if (result === null) return undefined;
	const getter = PRODUCT_KIND_METHODS[productKindOf(productType)];
	const product = ((result as IDataObject | undefined)?.[getter.keys.one] ?? {}) as IDataObject;
	if (fields.length === 0) return product;
	return Object.fromEntries(
		fields
			.filter((field) => Object.prototype.hasOwnProperty.call(product, field))
			.map((field) => [field, product[field]]),
	);
}

/**
 * The product as Bitrix24 returns it for its type, cut to `fields`; `undefined` when the product
 * no longer exists (it can be gone by the time the event arrives). Other failures throw.
 */
export async function fetchProduct(
	this: IWebhookFunctions,
	authentication: Bitrix24Authentication,
	productId: number,
	productType: number | undefined,
	fields: string[],
): Promise<IDataObject | undefined> {
	const result = await callBitrix24.call(
		this,
		productCall(productId, productType),
		defaultSettings(authentication),
		0,
	);
	return productOf(result, productType, fields);
}

/** The trigger's options for product events: whether to read the product, and which fields. */
export function productDetailProperties(shownFor: string[]): INodeProperties[] {
	const shown = { show: { events: shownFor } };
	return [
		{
			displayName: 'Include Product Details',
			name: 'includeProduct',
			type: 'boolean',
			default: true,
			description:
				'Whether to get the product for product created and updated events (catalog.product.get; .sku.get, .offer.get or .service.get for other product types), so the next node has its name, activity, section and more. A product that is gone by then gives "product": null and "productNotFound": true.',
			displayOptions: shown,
		},
		{
			displayName: 'Product Fields',
			name: 'productFields',
			type: 'string',
			default: DEFAULT_PRODUCT_FIELDS,
			placeholder: 'name, active, iblockSectionId',
			description:
				'Comma-separated fields of the product to include (as catalog.product.get names them, e.g. property258). Leave empty for every field.',
			displayOptions: { show: { ...shown.show, includeProduct: [true] } },
		},
	];
}
