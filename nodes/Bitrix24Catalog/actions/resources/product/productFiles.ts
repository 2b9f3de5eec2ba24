import type { IDataObject } from 'n8n-workflow';

import { readBitrix24Id } from '../../../helpers/ids';
import { isObject, redactSecrets } from '../../../transport/errors';

/** The keys of a file value (`{ id, url, urlMachine }`) that hold its download address. */
const ADDRESS_KEYS = new Set(['url', 'urlMachine']);

/**
 * A file's download address may carry the caller's credentials (a webhook's secret, an access
 * token): masked wherever a file value sits, in a picture field or in a property value.
 */
function withoutCredentials(value: unknown): unknown {
	if (Array.isArray(value)) {
		const masked = value.map(withoutCredentials);
		return masked.some((entry, index) => entry !== value[index]) ? masked : value;
	}
	if (!isObject(value)) return value;
	// Copied only where an address was masked: most of a product's fields hold no file.
	let copy: Record<string, unknown> | undefined;
	for (const [key, entry] of Object.entries(value)) {
		const masked =
			ADDRESS_KEYS.has(key) && typeof entry === 'string'
				? redactSecrets(entry)
				: withoutCredentials(entry);
		if (masked !== entry) (copy ??= { ...value })[key] = masked;
	}
	return copy ?? value;
}

/** A product as the node outputs it. */
export function publicProduct(product: IDataObject): IDataObject {
	return withoutCredentials(product) as IDataObject;
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
