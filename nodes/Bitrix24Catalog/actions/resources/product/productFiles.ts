import type { IDataObject } from 'n8n-workflow';

import { readBitrix24Id } from '../../../helpers/ids';
import { withoutSecrets } from '../../../helpers/withoutSecrets';
import { isObject } from '../../../helpers/isObject';

/**
 * The keys of a file value (`{ id, url, urlMachine }`) that hold its download address, which
 * may carry the caller's credentials: masked wherever a file value sits, in a picture field or
 * in a property value.
 */
const ADDRESS_KEYS = new Set(['url', 'urlMachine']);

/** A product as the node outputs it. */
export function publicProduct(product: IDataObject): IDataObject {
	return withoutSecrets(product, ADDRESS_KEYS) as IDataObject;
}

/**
 * The IDs of the files a field holds: a picture (`{ id, url }`), a file property's value
 * (`{ value: { id, url }, valueId }`, or the file ID as the value), or a multiple property's
 * list of them. Empty when the field holds no file.
 */
export function fileIdsOf(value: unknown): number[] {
	if (Array.isArray(value)) return value.flatMap(fileIdsOf);
	if (isObject(value)) return fileIdsOf('value' in value ? value.value : value.id);
	const read = readBitrix24Id(value);
	return 'id' in read ? [read.id] : [];
}
