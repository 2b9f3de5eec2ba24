import type { IDataObject } from 'n8n-workflow';

import { listResult, objectResult } from '../../resultShape';

export const IMAGE_TYPE_OPTIONS = [
	{
		name: 'Gallery (More Photos)',
		value: 'MORE_PHOTO',
		description: "Added to the product's gallery",
	},
	{
		name: 'Detail Picture',
		value: 'DETAIL_PICTURE',
		description: "Replaces the product's detail picture",
	},
	{
		name: 'Preview Picture',
		value: 'PREVIEW_PICTURE',
		description: "Replaces the product's preview picture",
	},
];

export const IMAGE_TYPE_LABEL: Record<string, string> = {
	MORE_PHOTO: 'gallery',
	DETAIL_PICTURE: 'detail picture',
	PREVIEW_PICTURE: 'preview picture',
};

/** Fields of an image a user may see: `downloadUrl` is left out, it carries the caller's secret. */
export const IMAGE_FIELDS = ['id', 'name', 'productId', 'type', 'createTime', 'detailUrl'] as const;

export const MAX_IMAGE_MB = 50;
export const MAX_IMAGE_BYTES = MAX_IMAGE_MB * 1024 * 1024;

export function publicImage(image: unknown): IDataObject {
	const source = (image ?? {}) as IDataObject;
	const result: IDataObject = {};
	for (const field of IMAGE_FIELDS) if (field in source) result[field] = source[field];
	return result;
}

/** The answers of add and get, and of list: one image with its ID, or a list of images. */
export const IMAGE_RESULT = objectResult('productImage', true);
export const IMAGE_LIST_RESULT = listResult('productImages');

/** `{ productImage: {...} }` (add, get) or `{ productImages: [...] }` (list), as Bitrix24 wraps them. */
export function unwrapImage(result: unknown): IDataObject {
	return publicImage((result as { productImage?: unknown } | undefined)?.productImage);
}

export function unwrapImages(result: unknown): IDataObject[] {
	const images = (result as { productImages?: unknown } | undefined)?.productImages;
	return Array.isArray(images) ? images.map(publicImage) : [];
}
