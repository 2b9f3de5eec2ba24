import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

/** A binary's size in bytes and its first bytes: enough to check a file without loading it. */
export interface BinaryHead {
	size: number;
	head: Buffer;
}

/**
 * Reads the size and the first `length` bytes of an input binary. n8n keeps a binary either in
 * the item as base64 (memory mode), or in its store under `id` (filesystem, S3): there the size
 * comes from the store's metadata and only the first bytes are streamed.
 */
export async function readBinaryHead(
	context: IExecuteFunctions,
	binary: IBinaryData,
	length: number,
): Promise<BinaryHead> {
	if (binary.id) {
		const { fileSize } = await context.helpers.getBinaryMetadata(binary.id);
		const stream = await context.helpers.getBinaryStream(binary.id, length);
		const chunks: Buffer[] = [];
		let read = 0;
		// Leaving the loop early closes the stream: the rest of the file is never read.
		for await (const chunk of stream) {
			chunks.push(chunk as Buffer);
			read += (chunk as Buffer).length;
			if (read >= length) break;
		}
		return { size: fileSize, head: Buffer.concat(chunks).subarray(0, length) };
	}
	const base64 = binary.data;
	return {
		size: base64Size(base64),
		head: Buffer.from(base64.slice(0, Math.ceil(length / 3) * 4), 'base64').subarray(0, length),
	};
}

/** The number of bytes a base64 text holds, without decoding it. */
export function base64Size(base64: string): number {
	const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
	return Math.floor((base64.length * 3) / 4) - padding;
}
