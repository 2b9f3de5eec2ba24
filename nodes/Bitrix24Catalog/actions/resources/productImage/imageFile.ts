import type { IBinaryData, INode } from 'n8n-workflow';

import type { BinaryHead } from '../../../helpers/binaryHead';
import { itemError } from '../../../helpers/itemError';
import { MAX_IMAGE_BYTES, MAX_IMAGE_MB } from './image';

/** The formats Bitrix24 stores as product images, by MIME type, extension and first bytes. */
const FORMATS = [
	{ mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], magic: [0xff, 0xd8, 0xff] },
	{ mime: 'image/png', extensions: ['png'], magic: [0x89, 0x50, 0x4e, 0x47] },
	{ mime: 'image/gif', extensions: ['gif'], magic: [0x47, 0x49, 0x46, 0x38] },
	{ mime: 'image/webp', extensions: ['webp'], magic: [0x52, 0x49, 0x46, 0x46] },
	{ mime: 'image/bmp', extensions: ['bmp'], magic: [0x42, 0x4d] },
];

const ACCEPTED = 'JPEG, PNG, GIF, WebP or BMP';

/** How many first bytes tell the formats apart. */
export const MAGIC_BYTES = Math.max(...FORMATS.map((format) => format.magic.length));

function extensionOf(name: string | undefined): string {
	return (name ?? '').split('.').pop()?.toLowerCase() ?? '';
}

/** Checks what n8n knows of a binary before its bytes are read: its type, by MIME type or name. */
export function checkImageMetadata(
	node: INode,
	binary: IBinaryData,
	fileName: string,
	itemIndex: number,
): void {
	const known = FORMATS.some(
		(format) =>
			format.mime === binary.mimeType || format.extensions.includes(extensionOf(fileName)),
	);
	if (!known) {
		throw itemError(
			node,
			`The file "${fileName}" is not an image Bitrix24 accepts (${binary.mimeType || 'unknown type'})`,
			itemIndex,
			`Upload a ${ACCEPTED} file.`,
		);
	}
}

/** Checks the file itself by its real size and first bytes: not too large, and really an image. */
export function checkImageContent(
	node: INode,
	{ size, head }: BinaryHead,
	fileName: string,
	itemIndex: number,
): void {
	checkSize(node, size, fileName, itemIndex);
	if (!imageTypeOf(head)) {
		throw itemError(
			node,
			`The file "${fileName}" is not an image: its content is not ${ACCEPTED}`,
			itemIndex,
			`Upload a ${ACCEPTED} file.`,
		);
	}
}

/** The MIME type of an image by its first bytes, or undefined when they are not one Bitrix24 stores. */
export function imageTypeOf(bytes: Buffer): string | undefined {
	return FORMATS.find((format) => format.magic.every((byte, index) => bytes[index] === byte))?.mime;
}

function checkSize(node: INode, bytes: number, fileName: string, itemIndex: number): void {
	if (bytes > MAX_IMAGE_BYTES) {
		const megabytes = (bytes / 1024 / 1024).toFixed(1);
		throw itemError(
			node,
			`The file "${fileName}" is ${megabytes} MB, more than the ${MAX_IMAGE_MB} MB this node uploads`,
			itemIndex,
			'Make the image smaller (for example with the Edit Image node) and try again.',
		);
	}
	if (bytes === 0) {
		throw itemError(node, `The file "${fileName}" is empty`, itemIndex);
	}
}
