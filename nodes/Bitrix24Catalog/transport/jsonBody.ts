import type { IDataObject } from 'n8n-workflow';

/** A file inside a call's parameters, sent the way Bitrix24 takes files: `["name.png", "<base64>"]`. */
export class FileContent {
	constructor(
		readonly fileName: string,
		readonly bytes: Buffer,
	) {}
}

// A multiple of 3 bytes, so each chunk's base64 joins the next without padding in between.
const CHUNK_BYTES = 3 * 64 * 1024;

/**
 * The JSON body of a call. Parameters holding a file are written into one buffer with the file's
 * base64 encoded chunk by chunk, so a large image never also exists as one huge string (or two):
 * the request then holds about the file plus its base64, instead of several copies of it.
 */
export function encodeJsonBody(params: IDataObject): IDataObject | Buffer {
	const files: FileContent[] = [];
	const marker = `\u0000file-${Date.now()}-`;
	const json = JSON.stringify(params, (_key, value: unknown) =>
		value instanceof FileContent ? `${marker}${files.push(value) - 1}` : value,
	);
	if (files.length === 0) return params;

	// Each file stands in the JSON as a quoted marker ("\u0000file-...-N"): cut the text around them.
	const escapedMarker = JSON.stringify(marker).slice(1, -1);
	const pieces = json.split(
		new RegExp(`"${escapedMarker.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(\\d+)"`),
	);
	const parts: Array<Buffer | FileContent> = pieces.map((piece, index) =>
		index % 2 === 0 ? Buffer.from(piece, 'utf8') : files[Number(piece)],
	);
	const size = parts.reduce(
		(total, part) =>
			total +
			(part instanceof FileContent
				? Buffer.byteLength(JSON.stringify(part.fileName)) +
					5 +
					Math.ceil(part.bytes.length / 3) * 4
				: part.length),
		0,
	);

	const body = Buffer.allocUnsafe(size);
	let offset = 0;
	for (const part of parts) {
		if (!(part instanceof FileContent)) {
			offset += part.copy(body, offset);
			continue;
		}
		offset += body.write(`[${JSON.stringify(part.fileName)},"`, offset, 'utf8');
		for (let start = 0; start < part.bytes.length; start += CHUNK_BYTES) {
			offset += body.write(
				part.bytes.subarray(start, start + CHUNK_BYTES).toString('base64'),
				offset,
				'latin1',
			);
		}
		offset += body.write('"]', offset, 'latin1');
	}
	return body;
}
