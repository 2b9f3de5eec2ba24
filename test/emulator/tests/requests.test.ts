import { Bitrix24Emulator } from '../index';
import { parsePhpQuery } from '../params';
import { error, get, postForm, postJson, reply, resultOf } from '../testClient';
import { DELETE, expectTime, useEmulator } from './emulatorUnderTest';

/** How the portal reads a request: parameters, method names and routing, webhooks, basic methods. */

const { emu, url } = useEmulator();

describe('parameters', () => {
	it('reads form-encoded bodies', async () => {
		const answer = await postForm(url(DELETE), 'productId=101&id=1003');

		expect(answer.status).toBe(200);
		expect(emu.portal.image(1003)).toBeUndefined();
	});

	it('reads the query string', async () => {
		const answer = await get(`${url(DELETE)}?productId=101&id=1004`);

		expect(answer.status).toBe(200);
		expect(emu.portal.image(1004)).toBeUndefined();
	});

	it('lets body parameters win over query parameters', async () => {
		const answer = await postJson(`${url(DELETE)}?productId=999&id=1`, {
			productId: 101,
			id: 1003,
		});

		expect(answer.status).toBe(200);
		expect(emu.restCalls(DELETE)[0].params).toEqual({ productId: 101, id: 1003 });
	});

	it('parses PHP-style keys from bodies and queries into nested values', async () => {
		await postForm(
			`${url('profile')}?filter[iblockId]=23&order[id]=desc`,
			'fields%5BproductId%5D=1&fields[type]=MORE_PHOTO&select[0]=id&select[1]=name&a[]=x&a[]=y&fileContent[]=a.png&fileContent[]=AAA%2B',
		);

		expect(emu.requests[0].params).toEqual({
			filter: { iblockId: '23' },
			order: { id: 'desc' },
			fields: { productId: '1', type: 'MORE_PHOTO' },
			select: ['id', 'name'],
			a: ['x', 'y'],
			fileContent: ['a.png', 'AAA+'],
		});
	});

	it('follows parse_str in the corners', () => {
		expect(parsePhpQuery('a.b=1&c d=2&plus=1+2&e=&f&%zz=bad%zz')).toEqual({
			a_b: '1',
			c_d: '2',
			plus: '1 2',
			e: '',
			f: '',
			'%zz': 'bad%zz',
		});
		expect(parsePhpQuery('m[2]=x&m[]=y&n[a][]=1&n[a][]=2&n[b][c]=3')).toEqual({
			m: { 2: 'x', 3: 'y' },
			n: { a: ['1', '2'], b: { c: '3' } },
		});
		expect(parsePhpQuery('x=1&x[k]=2&[y]=ignored&z[a]tail=3')).toEqual({
			x: { k: '2' },
			z: { a: '3' },
		});
		const polluted = parsePhpQuery('__proto__[admin]=1&o[__proto__][admin]=1');
		expect(({} as Record<string, unknown>).admin).toBeUndefined();
		expect(Object.keys(polluted)).toEqual(['__proto__', 'o']);
	});

	it('treats an unparsable JSON body as no parameters', async () => {
		const answer = await reply(
			await fetch(url(DELETE), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{"productId":',
			}),
		);

		expect(answer.body).toEqual(error(100, 'Could not find value for parameter {productId}'));
	});
});

describe('method names and routing', () => {
	it('accepts the .json suffix and any letter case', async () => {
		expect((await postJson(url(`${DELETE}.json`), { productId: 101, id: 1001 })).status).toBe(200);
		expect(
			(await postJson(url('CATALOG.PRODUCTIMAGE.DELETE.JSON'), { productId: 101, id: 1002 }))
				.status,
		).toBe(200);
		expect(emu.restCalls().map(({ restMethod }) => restMethod)).toEqual([DELETE, DELETE]);
	});

	it('answers an unknown method with ERROR_METHOD_NOT_FOUND', async () => {
		const answer = await postJson(url('catalog.productImage.nope'), {});

		expect(answer.status).toBe(404);
		expect(answer.text).toBe(
			'{"error":"ERROR_METHOD_NOT_FOUND","error_description":"Method not found!"}',
		);
	});

	it('answers a webhook URL of the wrong shape with ERROR_METHOD_NOT_FOUND', async () => {
		const answer = await postJson(`${emu.webhookUrl()}profile/${DELETE}`, {
			productId: 101,
			id: 1001,
		});

		expect(answer.status).toBe(404);
		expect(answer.body).toEqual(error('ERROR_METHOD_NOT_FOUND', 'Method not found!'));
		expect(emu.portal.image(1001)).toBeDefined();
	});

	it('answers other paths with a plain 404', async () => {
		const answer = await get(`${emu.baseUrl}/somewhere/else`);

		expect(answer.status).toBe(404);
		expect(answer.text).toBe('Not Found');
		expect(emu.requests[0].restMethod).toBeUndefined();
		expect(emu.restCalls()).toEqual([]);
	});
});

describe('webhooks', () => {
	it('seeds the four named webhooks', () => {
		expect(emu.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(emu.webhookUrl()).toBe(`${emu.baseUrl}/rest/1/${emu.webhooks.admin.secret}/`);
		expect(emu.webhooks.admin).toEqual({
			userId: 1,
			secret: expect.stringMatching(/^[0-9a-f]{16}$/),
			scopes: ['catalog', 'crm', 'user'],
			canModifyCatalog: true,
			canViewCatalog: true,
			revoked: false,
		});
		expect(emu.webhooks.viewer).toMatchObject({
			userId: 7,
			scopes: ['catalog'],
			canModifyCatalog: false,
		});
		expect(emu.webhooks.noCatalog).toMatchObject({
			userId: 9,
			scopes: ['crm'],
			canModifyCatalog: false,
		});
		expect(emu.webhooks.noAccess).toMatchObject({
			userId: 11,
			scopes: ['catalog'],
			canModifyCatalog: false,
			canViewCatalog: false,
		});
	});

	it('takes fixed secrets from start()', async () => {
		const fixed = await Bitrix24Emulator.start({ secrets: { admin: 'abc123' } });
		try {
			expect(fixed.webhookUrl()).toBe(`${fixed.baseUrl}/rest/1/abc123/`);
			expect((await get(fixed.webhookUrl() + 'profile')).status).toBe(200);
		} finally {
			await fixed.stop();
		}
	});

	it('rejects a revoked webhook or a wrong secret with INVALID_CREDENTIALS', async () => {
		emu.revokeWebhook('admin');
		const revoked = await postJson(url(DELETE), { productId: 101, id: 1003 });
		const wrong = await get(`${emu.baseUrl}/rest/1/0000000000000000/profile`);

		for (const answer of [revoked, wrong]) {
			expect(answer.status).toBe(401);
			expect(answer.body).toEqual(error('INVALID_CREDENTIALS', 'Invalid request credentials'));
		}
		expect(emu.portal.image(1003)).toBeDefined();
	});

	it('lets the rights be changed through the webhook', async () => {
		emu.webhooks.viewer.canModifyCatalog = true;

		expect((await postJson(url(DELETE, 'viewer'), { productId: 101, id: 1003 })).status).toBe(200);
	});

	const insufficientScope = error(
		'insufficient_scope',
		'The request requires higher privileges than provided by the webhook token',
	);

	it('answers insufficient_scope (401) for a catalog method without the catalog scope', async () => {
		const answer = await postJson(url(DELETE, 'noCatalog'), { productId: 101, id: 1003 });

		expect(answer.status).toBe(401);
		expect(answer.body).toEqual(insufficientScope);
	});

	it('answers auth errors with 403 when told to', async () => {
		const strict = await Bitrix24Emulator.start({ authErrorStatus: 403 });
		try {
			const scope = await postJson(strict.webhookUrl('noCatalog') + DELETE, {
				productId: 101,
				id: 1003,
			});
			expect(scope.status).toBe(403);
			expect(scope.body).toEqual(insufficientScope);
			strict.revokeWebhook('admin');
			expect((await get(strict.webhookUrl() + 'profile')).status).toBe(403);
		} finally {
			await strict.stop();
		}
	});
});

describe('basic methods', () => {
	it('scope lists the caller scopes', async () => {
		expect((await get(url('scope', 'noCatalog'))).body).toMatchObject({ result: ['crm'] });
		expect((await get(url('scope'))).body).toMatchObject({ result: ['catalog', 'crm', 'user'] });
	});

	it('method.get tells whether a method exists and is available', async () => {
		const ask = async (name: string, webhook: string) =>
			resultOf(await postJson(url('method.get', webhook), { name }));

		expect(await ask(DELETE, 'admin')).toEqual({ isExisting: true, isAvailable: true });
		expect(await ask('Catalog.ProductImage.Delete', 'noCatalog')).toEqual({
			isExisting: true,
			isAvailable: false,
		});
		expect(await ask('profile', 'noCatalog')).toEqual({ isExisting: true, isAvailable: true });
		expect(await ask('no.such.method', 'admin')).toEqual({ isExisting: false, isAvailable: false });
	});

	it('profile describes the caller', async () => {
		const answer = await get(url('profile'));

		expect(resultOf(answer)).toEqual({
			ID: '1',
			ADMIN: true,
			NAME: 'Anna',
			LAST_NAME: 'Admin',
			PERSONAL_GENDER: 'F',
			TIME_ZONE: '',
			TIME_ZONE_OFFSET: 0,
		});
		expectTime(answer.body);
		expect((await get(url('profile', 'viewer'))).body).toMatchObject({
			result: { ID: '7', ADMIN: false },
		});
	});
});
