import { randomBytes } from 'node:crypto';

import { encodeJsonBody, FileContent } from '../../nodes/Bitrix24Catalog/transport/jsonBody';

describe('encodeJsonBody', () => {
	it('leaves parameters without files for n8n to serialise', () => {
		const params = { productId: 1, id: 2 };
		expect(encodeJsonBody(params)).toBe(params);
	});

	// Sizes around the 192 KiB chunk: base64 must join across chunks without padding.
	it.each([0, 1, 2, 3, 196607, 196608, 196609, 1_000_000])('writes a %i-byte file as ["name", base64]', (size) => {
		const bytes = randomBytes(size);
		const body = encodeJsonBody({
			fields: { productId: 101, type: 'MORE_PHOTO' },
			fileContent: new FileContent('Фото "1".png', bytes) as never,
		});
		expect(Buffer.isBuffer(body)).toBe(true);
		expect(JSON.parse((body as Buffer).toString('utf8'))).toEqual({
			fields: { productId: 101, type: 'MORE_PHOTO' },
			fileContent: ['Фото "1".png', bytes.toString('base64')],
		});
	});

	it('keeps a parameter text that looks like the file marker as text', () => {
		const body = encodeJsonBody({ note: '\u0000file-1-0', file: new FileContent('a.png', Buffer.from('x')) as never });
		expect(JSON.parse((body as Buffer).toString('utf8'))).toEqual({ note: '\u0000file-1-0', file: ['a.png', 'eA=='] });
	});
});
