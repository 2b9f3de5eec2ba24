import type { Caller } from '../auth';
import type { ProductImage } from '../portal';
import { downloadUrl } from './downloadUrl';
import { pick } from './fieldSelection';

/** The `catalog_product_image` object the image methods answer with. */

/** Every field, in the order the portal describes them. */
export const IMAGE_FIELDS = [
	'id',
	'name',
	'productId',
	'type',
	'createTime',
	'downloadUrl',
	'detailUrl',
] as const;

export type ImageField = (typeof IMAGE_FIELDS)[number];

interface FieldDescription {
	isImmutable: boolean;
	isReadOnly: boolean;
	isRequired: boolean;
	type: string;
}

const readOnly = (type: string): FieldDescription => ({
	isImmutable: false,
	isReadOnly: true,
	isRequired: false,
	type,
});

/** What `catalog.productImage.getFields` answers; `productId` really is described as a string. */
export const IMAGE_FIELD_DESCRIPTIONS: Record<ImageField, FieldDescription> = {
	id: readOnly('integer'),
	name: readOnly('string'),
	productId: { isImmutable: false, isReadOnly: false, isRequired: true, type: 'string' },
	type: { isImmutable: false, isReadOnly: false, isRequired: false, type: 'string' },
	createTime: readOnly('datetime'),
	downloadUrl: readOnly('string'),
	detailUrl: readOnly('string'),
};

/** The image with the fields asked for (all by default), its download URL signed for `caller`. */
export function imageRecord(
	image: ProductImage,
	caller: Caller,
	origin: string,
	fields: readonly string[] = IMAGE_FIELDS,
): Record<string, unknown> {
	const record: Record<ImageField, unknown> = {
		id: image.id,
		name: image.name,
		productId: image.productId,
		type: image.type,
		createTime: image.createTime,
		// Signed only when asked for: each signature is new, like the portal's.
		downloadUrl: fields.includes('downloadUrl') ? downloadUrl(image.id, caller, origin) : undefined,
		detailUrl: image.detailUrl,
	};
	return pick(record, fields);
}
