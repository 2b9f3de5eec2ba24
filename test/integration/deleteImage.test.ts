import { AUTHENTICATIONS } from '../harness/nodeInputs';
import { deleteBodies, runDelete, runItemDeletes, usePortal } from './fixtures';
import { sourceKeyOf } from '../../nodes/Bitrix24Catalog/transport/sourceKey';

describe.each(AUTHENTICATIONS)('Product Image → Delete with %s credentials', (authentication) => {
	const portal = usePortal();

	it('deletes the image and outputs the method result', async () => {
		const emulator = portal.emulator;
		const { output, error } = await runDelete(emulator, authentication, '101', '1001');

		expect(error).toBeUndefined();
		expect(output).toEqual([{ json: { result: true }, pairedItem: { item: 0 } }]);
		expect(deleteBodies(emulator)).toEqual([{ productId: 101, id: 1001 }]);
		expect(emulator.portal.image(1001)).toBeUndefined();
		expect(emulator.portal.image(1002)).toBeDefined();
	});

	it('sends JSON to the method with the credential of the chosen kind', async () => {
		const emulator = portal.emulator;
		await runDelete(emulator, authentication, 101, 1003);

		const [call] = emulator.restCalls();
		expect(call.httpMethod).toBe('POST');
		expect(call.contentType).toMatch(/^application\/json/);
		expect(JSON.parse(call.rawBody)).toEqual({ productId: 101, id: 1003 });
		if (authentication === 'webhook') {
			const hook = emulator.webhooks.admin;
			expect(call.path).toBe(`/rest/1/${hook.secret}/catalog.productImage.delete`);
			expect(call.via).toBe('webhook');
		} else {
			// n8n's source key rides in the query (see transport/sourceKey.ts); the body is the method's.
			const key = sourceKeyOf({ applicationId: emulator.oauth.clientId });
			expect(call.path).toBe(`/rest/catalog.productImage.delete?auth_connector=${key}`);
			expect(call.via).toBe('oauth');
			expect(call.headers.authorization).toMatch(/^Bearer /);
		}
	});

	it('deletes one image per item, in item order, reading IDs from expressions', async () => {
		const emulator = portal.emulator;
		const { output, error } = await runItemDeletes(emulator, authentication, [
			{ product: 101, image: 1003 },
			{ product: '101', image: '1004' },
			{ product: ' 104 ', image: 1007 },
			{ product: 103, image: 1006.0 },
		]);

		expect(error).toBeUndefined();
		expect(output).toEqual([0, 1, 2, 3].map((item) => ({ json: { result: true }, pairedItem: { item } })));
		expect(deleteBodies(emulator)).toEqual([
			{ productId: 101, id: 1003 },
			{ productId: 101, id: 1004 },
			{ productId: 104, id: 1007 },
			{ productId: 103, id: 1006 },
		]);
		expect(emulator.portal.imagesOf(101).map((image) => image.id)).toEqual([1001, 1002]);
	});

	it.each([
		['an image that does not exist', '101', '999', 400, '0', 'Image does not exist'],
		['an image of another product', '102', '1001', 400, '0', 'Image does not exist'],
		['a product that does not exist', '4242', '1001', 400, '0', 'Product was not found'],
	])('fails for %s with the Bitrix24 code', async (_, productId, imageId, status, code, text) => {
		const { output, error } = await runDelete(portal.emulator, authentication, productId, imageId);

		expect(output).toEqual([]);
		expect(error?.message).toBe(`Bitrix24 error ${code}: ${text}`);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: String(status),
			context: { itemIndex: 0, bitrix24: { code, description: text, httpCode: String(status) } },
		});
		expect(portal.emulator.portal.image(1001)).toBeDefined();
	});

	it.each(['number', 'string'] as const)('reads codes the portal writes as a %s', async (style) => {
		portal.emulator.setCodeStyle(style);
		const { error } = await runDelete(portal.emulator, authentication, '101', '999');
		expect(error?.message).toBe('Bitrix24 error 0: Image does not exist');
		expect(error).toMatchObject({ context: { bitrix24: { code: '0' } } });
	});

	it.each([
		['100', 'Could not find value for parameter {productId}', 'Bitrix24 did not accept a parameter: it is missing, empty or of the wrong type. Check the Product ID and Image ID fields.'],
		['200040300020', 'Access Denied', 'The Bitrix24 user behind this credential may not modify the product catalog or this product. Grant that user catalog edit rights (CRM → Settings → Access permissions → Trade catalog), or use a webhook or app created by a user who has them.'],
		['0', 'Could not save image.', 'Bitrix24 refused the request. The code and text above are what the portal said.'],
	])('passes on documented error %s with advice', async (code, text, hint) => {
		portal.emulator.injectFault({ kind: 'error', status: 400, code: Number(code), description: text });
		const { error } = await runDelete(portal.emulator, authentication, '101', '1001');
		expect(error).toMatchObject({
			message: `Bitrix24 error ${code}: ${text}`,
			description: hint,
			httpCode: '400',
			context: { bitrix24: { code, description: text, httpCode: '400' } },
		});
	});
});
