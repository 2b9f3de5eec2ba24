import { base64Size } from '../../nodes/Bitrix24Catalog/helpers/binaryHead';

describe('base64Size', () => {
	it.each([0, 1, 2, 3, 4, 5, 6, 100, 1001])('counts the bytes of %p bytes written in base64', (length) => {
		const bytes = Buffer.alloc(length, 0xab);
		expect(base64Size(bytes.toString('base64'))).toBe(length);
	});
});
