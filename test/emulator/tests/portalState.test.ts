import { get, postForm, postJson } from '../testClient';
import { DELETE, useEmulator } from './emulatorUnderTest';

/** What the portal remembers: the requests it recorded and its state across reset(). */

const { emu, url } = useEmulator();

describe('request recording', () => {
	it('records every request with what was learnt about it', async () => {
		await postForm(`${url(`${DELETE}.json`)}?x=1`, 'productId=101&id=1003', { 'x-test': 'yes' });
		await get(`${emu.baseUrl}/nowhere`);

		expect(emu.requests).toHaveLength(2);
		expect(emu.requests[0]).toEqual({
			httpMethod: 'POST',
			path: `/rest/1/${emu.webhooks.admin.secret}/${DELETE}.json?x=1`,
			restMethod: DELETE,
			via: 'webhook',
			webhookUserId: 1,
			contentType: 'application/x-www-form-urlencoded',
			headers: expect.objectContaining({ 'x-test': 'yes' }),
			params: { x: '1', productId: '101', id: '1003' },
			rawBody: 'productId=101&id=1003',
			receivedAt: expect.any(Number),
			status: 200,
		});
		expect(emu.requests[1]).toMatchObject({
			httpMethod: 'GET',
			path: '/nowhere',
			status: 404,
			params: {},
		});
		expect(emu.restCalls()).toHaveLength(1);
		expect(emu.restCalls('profile')).toEqual([]);

		emu.clearRequests();
		expect(emu.requests).toEqual([]);
	});
});

describe('portal state', () => {
	it('holds the demo seed', () => {
		expect(emu.portal.catalogs.map(({ id, productIblockId }) => [id, productIblockId])).toEqual([
			[23, null],
			[25, 23],
		]);
		expect(emu.portal.product(103)).toEqual({
			id: 103,
			iblockId: 25,
			name: 'T-shirt, red, M',
			type: 4,
			active: 'Y',
		});
		const image = emu.portal.image(1001);
		expect(image).toMatchObject({
			productId: 101,
			type: 'DETAIL_PICTURE',
			name: 'espresso-front.png',
			mimeType: 'image/png',
		});
		expect(image?.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
		expect(image?.detailUrl).toMatch(
			/^\/upload\/iblock\/[0-9a-f]{3}\/[0-9a-f]{32}\/espresso-front\.png$/,
		);
		expect(image?.bytes.subarray(0, 8)).toEqual(
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		);
		expect(image?.bytes.equals(emu.portal.image(1002)?.bytes ?? Buffer.alloc(0))).toBe(false);
	});

	it('adds products and images like the catalog does', () => {
		expect(emu.portal.addProduct({ name: 'Grinder' })).toEqual({
			id: 107,
			iblockId: 23,
			name: 'Grinder',
			type: 1,
			active: 'Y',
		});
		expect(emu.portal.addImage(101).id).toBe(1008);
		const detail = emu.portal.addImage(101, { type: 'DETAIL_PICTURE', name: 'new.png' });
		expect(detail.id).toBe(1009);
		expect(emu.portal.image(1001)).toBeUndefined();
		expect(emu.portal.addImage(101, { type: 'BANNER' }).type).toBe('MORE_PHOTO');
		expect(() => emu.portal.addImage(999)).toThrow('Product 999 does not exist');
	});

	it('reset() restores the demo portal and keeps the port and secrets', async () => {
		const { baseUrl } = emu;
		const adminUrl = emu.webhookUrl();
		const { access_token } = emu.oauth.issueTokens();
		await deleteAndRevoke();
		emu.injectFault({ kind: 'drop', times: Infinity });
		emu.oauth.accessTokenLifetime = 1;

		emu.reset();

		expect(emu.baseUrl).toBe(baseUrl);
		expect(emu.webhookUrl()).toBe(adminUrl);
		expect(emu.requests).toEqual([]);
		expect(emu.portal.image(1003)).toBeDefined();
		expect(emu.portal.addImage(102).id).toBe(1008);
		expect(emu.oauth.accessTokenLifetime).toBe(3600);
		expect((await get(url('profile'))).status).toBe(200);
		expect(
			(await get(`${emu.baseUrl}/rest/profile`, { authorization: `Bearer ${access_token}` }))
				.status,
		).toBe(401);
	});

	async function deleteAndRevoke(): Promise<void> {
		expect((await postJson(url(DELETE), { productId: 101, id: 1003 })).status).toBe(200);
		emu.revokeWebhook('admin');
	}
});
