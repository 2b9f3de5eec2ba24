/** The picture formats the catalog stores, recognised by name and by content. */

/** File name extensions the portal accepts for pictures (`CFile::GetImageExtensions()`). */
export const IMAGE_EXTENSIONS: readonly string[] = [
	'jpg',
	'bmp',
	'jpeg',
	'jpe',
	'gif',
	'png',
	'webp',
];

export function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
}

export function hasImageExtension(name: string): boolean {
	return IMAGE_EXTENSIONS.includes(extensionOf(name));
}

interface Signature {
	mimeType: string;
	matches(bytes: Buffer): boolean;
}

const startsWith =
	(...prefix: number[]) =>
	(bytes: Buffer): boolean =>
		bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);

const ascii = (bytes: Buffer, at: number, text: string): boolean =>
	bytes.subarray(at, at + text.length).toString('latin1') === text;

const SIGNATURES: readonly Signature[] = [
	{ mimeType: 'image/png', matches: startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
	{ mimeType: 'image/jpeg', matches: startsWith(0xff, 0xd8, 0xff) },
	{ mimeType: 'image/gif', matches: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
	{ mimeType: 'image/webp', matches: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
	{ mimeType: 'image/bmp', matches: (b) => b.length >= 26 && ascii(b, 0, 'BM') },
];

/** The MIME type the content's magic bytes name, or `undefined` when it is no picture. */
export function sniffImageType(bytes: Buffer): string | undefined {
	return SIGNATURES.find((signature) => signature.matches(bytes))?.mimeType;
}
