import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { saysMissing } from '../transport/errors';
import type { Bitrix24Authentication } from '../transport';
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
	// Read with the kind's own method, as the event pages say.
	const getter = PRODUCT_KIND_METHODS[productKindOf(productType)];
	const result = await callBitrix24.call(
		this,
		{
			method: `${getter.method}.get`,
			params: { id: productId },
			// Reported, not an error: the product can be gone by the time its event arrives.
			resultOfFailure: (failure) => (saysMissing(failure, getter.missing) ? null : undefined),
		},
		defaultSettings(authentication),
		0,
	);
	if (result === null) return undefined;
	const product = ((result as IDataObject | undefined)?.[getter.keys.one] ?? {}) as IDataObject;
	if (fields.length === 0) return product;
	return Object.fromEntries(
		fields
			.filter((field) => Object.prototype.hasOwnProperty.call(product, field))
			.map((field) => [field, product[field]]),
	);
}
