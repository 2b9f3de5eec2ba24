import type { IDataObject, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { detailsOf, saysMissing } from '../transport/errors';
import type { Bitrix24Authentication } from '../transport';
import { callBitrix24, defaultSettings } from '../transport';
import type { ProductKind } from './events';
import { productKindOf } from './events';

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

/** The method that reads each kind of product, its result's key, and its "… does not exist". */
const GETTERS: Record<ProductKind, { method: string; resultKey: string; missing: string }> = {
	product: { method: 'catalog.product.get', resultKey: 'product', missing: 'product' },
	sku: { method: 'catalog.product.sku.get', resultKey: 'sku', missing: 'product' },
	offer: { method: 'catalog.product.offer.get', resultKey: 'offer', missing: 'variation' },
	service: { method: 'catalog.product.service.get', resultKey: 'service', missing: 'service' },
};

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
	const getter = GETTERS[productKindOf(productType)];
	let result: unknown;
	try {
		result = await callBitrix24.call(
			this,
			{ method: getter.method, params: { id: productId } },
			defaultSettings(authentication),
			0,
		);
	} catch (error) {
		const details = detailsOf(error);
		if (details && saysMissing(details, getter.missing)) return undefined;
		// callBitrix24 throws only these two; "wrapping" hands back the same error.
		if (error instanceof NodeApiError) {
			throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
		}
		throw new NodeOperationError(this.getNode(), error as Error);
	}
	const product = ((result as IDataObject | undefined)?.[getter.resultKey] ?? {}) as IDataObject;
	if (fields.length === 0) return product;
	return Object.fromEntries(
		fields
			.filter((field) => Object.prototype.hasOwnProperty.call(product, field))
			.map((field) => [field, product[field]]),
	);
}
