// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test server, not node code
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

/** A valid 1×1 RGB PNG of the given colour, so every stored image has real, distinct bytes. */
export function onePixelPng(red: number, green: number, blue: number): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(1, 0);
	header.writeUInt32BE(1, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type: RGB
	// One scanline: filter byte 0, then the pixel.
	const pixels = deflateSync(Buffer.from([0, red & 0xff, green & 0xff, blue & 0xff]));
	return Buffer.concat([
		SIGNATURE,
		chunk('IHDR', header),
		chunk('IDAT', pixels),
		chunk('IEND', Buffer.alloc(0)),
	]);
}
