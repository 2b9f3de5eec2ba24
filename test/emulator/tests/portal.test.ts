/* eslint-disable @n8n/community-nodes/no-restricted-globals -- tests wait on real timers */
import { Bitrix24Emulator, type TokenResponse } from '../index';
import { parsePhpQuery } from '../params';
import { error, get, postForm, postJson, reply, resultOf } from '../testClient';

const DELETE = 'catalog.productImage.delete';

function expectTime(body: unknown): void {
	const time = (body as { time: Record<string, unknown> }).time;
	expect(Object.keys(time)).toEqual([
		'start',
		'finish',
		'duration',
		'processing',
		'date_start',
		'date_finish',
		'operating_reset_at',
		'operating',
	]);
	for (const key of ['start', 'finish', 'duration', 'processing', 'operating'])
		expect(typeof time[key]).toBe('number');
	expect(time.finish as number).toBeGreaterThanOrEqual(time.start as number);
	expect(time.date_start).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
	expect(time.date_finish).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let emu: Bitrix24Emulator;
const url = (method: string, webhook = 'admin') => emu.webhookUrl(webhook) + method;

beforeAll(async () => {
	emu = await Bitrix24Emulator.start();
});

afterAll(() => emu.stop());

beforeEach(() => emu.reset());

describe('catalog.productImage.delete', () => {
	it('deletes the image and answers true with timing', async () => {
		const answer = await postJson(url(DELETE), { productId: 101, id: 1003 });

		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(resultOf(answer)).toBe(true);
		expect(Object.keys(answer.body as object)).toEqual(['result', 'time']);
		expectTime(answer.body);
		expect(emu.portal.image(1003)).toBeUndefined();
		expect(emu.portal.imagesOf(101).map(({ id }) => id)).toEqual([1001, 1002, 1004]);
	});

	it('accepts digit strings with sign and spaces, as PHP binds ints', async () => {
		const answer = await postJson(url(DELETE), { productId: ' 101 ', id: '+1004' });

		expect(answer.status).toBe(200);
		expect(emu.portal.image(1004)).toBeUndefined();
	});

	const invalid = (value: string, name: string) =>
		`Invalid value {${value}} to match with parameter {${name}}. Should be value of type int.`;

	const cases: Array<[string, Record<string, unknown>, string, number, string]> = [
		['no productId', { id: 1003 }, 'admin', 100, 'Could not find value for parameter {productId}'],
		['no id', { productId: 101 }, 'admin', 100, 'Could not find value for parameter {id}'],
		[
			'null id',
			{ productId: 101, id: null },
			'admin',
			100,
			'Could not find value for parameter {id}',
		],
		['productId abc', { productId: 'abc', id: 1003 }, 'admin', 100, invalid('abc', 'productId')],
		[
			'productId checked before id',
			{ productId: 'abc' },
			'admin',
			100,
			invalid('abc', 'productId'),
		],
		['empty id', { productId: 101, id: '' }, 'admin', 100, invalid('', 'id')],
		['id 1.5 (string)', { productId: 101, id: '1.5' }, 'admin', 100, invalid('1.5', 'id')],
		['id 1.5 (number)', { productId: 101, id: 1.5 }, 'admin', 100, invalid('1.5', 'id')],
		['id 12abc', { productId: 101, id: '12abc' }, 'admin', 100, invalid('12abc', 'id')],
		['id array', { productId: 101, id: [1003] }, 'admin', 100, invalid('Array', 'id')],
		['viewer', { productId: 101, id: 1003 }, 'viewer', 200040300020, 'Access Denied'],
		[
			'viewer, binding first',
			{ productId: 101 },
			'viewer',
			100,
			'Could not find value for parameter {id}',
		],
		['productId 0', { productId: 0, id: 1003 }, 'admin', 0, 'Empty productID'],
		['productId negative', { productId: '-5', id: 1003 }, 'admin', 0, 'Empty productID'],
		['unknown product', { productId: 999, id: 1003 }, 'admin', 0, 'Product was not found'],
		['unknown image', { productId: 101, id: 9999 }, 'admin', 0, 'Image does not exist'],
		["another product's image", { productId: 102, id: 1003 }, 'admin', 0, 'Image does not exist'],
	];

	describe.each(['number', 'string'] as const)('errors with %s codes', (style) => {
		beforeEach(() => emu.setCodeStyle(style));

		it.each(cases)('%s', async (_, payload, webhook, code, description) => {
			const answer = await postJson(url(DELETE, webhook), payload);

			expect(answer.status).toBe(400);
			expect(answer.body).toEqual(error(style === 'number' ? code : String(code), description));
			expect(emu.portal.imagesOf(101)).toHaveLength(4);
		});
	});

	it('writes numeric codes as JSON numbers or strings, exactly', async () => {
		expect((await postJson(url(DELETE), { productId: 0, id: 1 })).text).toBe(
			'{"error":0,"error_description":"Empty productID"}',
		);
		emu.setCodeStyle('string');
		expect((await postJson(url(DELETE), { productId: 0, id: 1 })).text).toBe(
			'{"error":"0","error_description":"Empty productID"}',
		);
	});

	it('honours the code style given at start, and reset() restores it', async () => {
		const stringy = await Bitrix24Emulator.start({ codeStyle: 'string' });
		try {
			const payload = { productId: 101 };
			expect((await postJson(stringy.webhookUrl() + DELETE, payload)).body).toEqual(
				error('100', 'Could not find value for parameter {id}'),
			);
			stringy.setCodeStyle('number');
			stringy.reset();
			expect((await postJson(stringy.webhookUrl() + DELETE, payload)).body).toEqual(
				error('100', 'Could not find value for parameter {id}'),
			);
		} finally {
			await stringy.stop();
		}
	});
});

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

describe('OAuth REST calls', () => {
	const restUrl = (method: string) => `${emu.baseUrl}/rest/${method}`;

	it('accepts a Bearer header', async () => {
		const { access_token } = emu.oauth.issueTokens();
		const answer = await postJson(
			restUrl(DELETE),
			{ productId: 101, id: 1003 },
			{
				authorization: `Bearer ${access_token}`,
			},
		);

		expect(answer.status).toBe(200);
		expect(emu.restCalls(DELETE)[0]).toMatchObject({ via: 'oauth', accessToken: access_token });
		expect(emu.restCalls(DELETE)[0].webhookUserId).toBeUndefined();
	});

	it('accepts auth in the body or access_token in the query, and hides auth from the method', async () => {
		const { access_token } = emu.oauth.issueTokens();

		expect(
			(await postJson(restUrl(DELETE), { productId: 101, id: 1003, auth: access_token })).status,
		).toBe(200);
		expect((await get(`${restUrl('profile')}?access_token=${access_token}`)).status).toBe(200);
		expect(emu.restCalls(DELETE)[0].params).toEqual({
			productId: 101,
			id: 1003,
			auth: access_token,
		});
	});

	it('prefers the Bearer header to the auth parameter', async () => {
		const { access_token } = emu.oauth.issueTokens();
		const answer = await postJson(
			restUrl('profile'),
			{ auth: 'unknown' },
			{ authorization: `Bearer ${access_token}` },
		);

		expect(answer.status).toBe(200);
	});

	it.each([
		['no token', {}, 'NO_AUTH_FOUND', 'Wrong authorization data'],
		[
			'an unknown token',
			{ authorization: 'Bearer 0123' },
			'invalid_token',
			'Unable to get application by token',
		],
	])('answers 401 to %s', async (_, headers, code, description) => {
		const answer = await postJson(restUrl(DELETE), { productId: 101, id: 1003 }, headers);

		expect(answer.status).toBe(401);
		expect(answer.body).toEqual(error(code, description));
	});

	it('answers expired_token once the access token expired', async () => {
		const { access_token } = emu.oauth.issueTokens();
		emu.oauth.expireAccessTokens();
		const answer = await get(restUrl('profile'), { authorization: `Bearer ${access_token}` });

		expect(answer.status).toBe(401);
		expect(answer.text).toBe(
			'{"error":"expired_token","error_description":"The access token provided has expired."}',
		);
	});

	it('issues tokens with the given scopes and lifetime', async () => {
		const tokens = emu.oauth.issueTokens({ scopes: ['crm'], lifetime: 60 });

		expect(tokens.expires_in).toBe(60);
		expect(tokens.scope).toBe('crm');
		const answer = await postJson(
			restUrl(DELETE),
			{ productId: 101, id: 1003 },
			{
				authorization: `Bearer ${tokens.access_token}`,
			},
		);
		expect(answer.status).toBe(401);
		expect((answer.body as { error: string }).error).toBe('insufficient_scope');
	});
});

describe('OAuth endpoints', () => {
	const tokenUrl = () => `${emu.baseUrl}/oauth/token/`;
	const client = () =>
		`client_id=${encodeURIComponent(emu.oauth.clientId)}&client_secret=${emu.oauth.clientSecret}`;

	async function authorize(state = 'xyz'): Promise<URL> {
		const response = await fetch(
			`${emu.baseUrl}/oauth/authorize/?client_id=${encodeURIComponent(emu.oauth.clientId)}&state=${state}`,
			{ redirect: 'manual' },
		);
		expect(response.status).toBe(302);
		return new URL(response.headers.get('location') ?? '');
	}

	it('redirects the authorize request back to the app with a code', async () => {
		emu.oauth.redirectUri = 'http://localhost:5678/callback?x=1';
		const target = await authorize('s t');

		expect(`${target.origin}${target.pathname}`).toBe('http://localhost:5678/callback');
		expect(Object.fromEntries(target.searchParams)).toEqual({
			x: '1',
			code: expect.stringMatching(/^[0-9a-f]{64}$/),
			state: 's t',
			domain: new URL(emu.baseUrl).host,
			member_id: emu.oauth.memberId,
			scope: 'catalog,crm,user',
			server_domain: 'oauth.bitrix.info',
		});
	});

	it('refuses to authorize an unknown client', async () => {
		const answer = await get(`${emu.baseUrl}/oauth/authorize/?client_id=local.other&state=1`);

		expect(answer.status).toBe(400);
		expect(answer.headers.get('content-type')).toContain('text/html');
	});

	it('exchanges a code once, then refreshes with single-use refresh tokens', async () => {
		const code = (await authorize()).searchParams.get('code');
		const first = await postForm(
			tokenUrl(),
			`grant_type=authorization_code&${client()}&code=${code}`,
		);

		expect(first.status).toBe(200);
		const tokens = first.body as TokenResponse;
		expect(tokens).toEqual({
			access_token: expect.stringMatching(/^[0-9a-f]{64}$/),
			expires: expect.any(Number),
			expires_in: 3600,
			scope: 'catalog,crm,user',
			domain: 'oauth.bitrix.info',
			server_endpoint: `${emu.baseUrl}/oauth/rest/`,
			status: 'L',
			client_endpoint: `${emu.baseUrl}/rest/`,
			member_id: emu.oauth.memberId,
			user_id: 1,
			refresh_token: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect(Math.abs(tokens.expires - Date.now() / 1000 - 3600)).toBeLessThan(5);
		expect(
			(await get(`${emu.baseUrl}/rest/profile`, { authorization: `Bearer ${tokens.access_token}` }))
				.status,
		).toBe(200);

		const reused = await postForm(
			tokenUrl(),
			`grant_type=authorization_code&${client()}&code=${code}`,
		);
		expect(reused.status).toBe(400);
		expect(reused.body).toEqual(
			error('invalid_grant', "Code doesn't exist or is invalid for the client"),
		);

		// Client credentials as HTTP Basic auth, the way n8n sends them with 'header' authentication.
		const basic = Buffer.from(`${emu.oauth.clientId}:${emu.oauth.clientSecret}`).toString('base64');
		const refreshed = await postForm(
			tokenUrl(),
			`grant_type=refresh_token&refresh_token=${tokens.refresh_token}`,
			{
				authorization: `Basic ${basic}`,
			},
		);
		expect(refreshed.status).toBe(200);
		const next = refreshed.body as TokenResponse;
		expect(next.access_token).not.toBe(tokens.access_token);
		expect(next.refresh_token).not.toBe(tokens.refresh_token);
		expect(emu.oauth.refreshCount).toBe(1);

		const again = await postForm(
			tokenUrl(),
			`grant_type=refresh_token&${client()}&refresh_token=${tokens.refresh_token}`,
		);
		expect(again.status).toBe(400);
		expect(again.body).toEqual(
			error('invalid_grant', "Refresh token doesn't exist or is invalid for the client"),
		);
		expect(
			(await get(`${emu.baseUrl}/rest/profile`, { authorization: `Bearer ${tokens.access_token}` }))
				.body,
		).toEqual(error('invalid_token', 'Unable to get application by token'));
		expect(
			(await get(`${emu.baseUrl}/rest/profile`, { authorization: `Bearer ${next.access_token}` }))
				.status,
		).toBe(200);
		expect(emu.oauth.refreshCount).toBe(1);
		expect(emu.oauth.tokenRequests).toBe(4);
	});

	it('takes token requests as a GET query or a JSON body', async () => {
		const { refresh_token } = emu.oauth.issueTokens();
		const viaQuery = await get(
			`${tokenUrl()}?grant_type=refresh_token&${client()}&refresh_token=${refresh_token}`,
		);
		const viaJson = await postJson(tokenUrl(), {
			grant_type: 'refresh_token',
			client_id: emu.oauth.clientId,
			client_secret: emu.oauth.clientSecret,
			refresh_token: (viaQuery.body as TokenResponse).refresh_token,
		});

		expect([viaQuery.status, viaJson.status]).toEqual([200, 200]);
		expect(emu.oauth.refreshCount).toBe(2);
	});

	it('refreshes with the current access token lifetime', async () => {
		const { refresh_token } = emu.oauth.issueTokens();
		emu.oauth.accessTokenLifetime = 5;
		const answer = await postForm(
			tokenUrl(),
			`grant_type=refresh_token&${client()}&refresh_token=${refresh_token}`,
		);

		expect((answer.body as TokenResponse).expires_in).toBe(5);
	});

	it.each([
		[
			'a wrong secret',
			'grant_type=refresh_token&client_id=local.emulator0000000000.00000000&client_secret=no&refresh_token=x',
		],
		['no client', 'grant_type=refresh_token&refresh_token=x'],
	])('answers invalid_client to %s', async (_, form) => {
		const answer = await postForm(tokenUrl(), form);

		expect(answer.status).toBe(401);
		expect(answer.body).toEqual(error('invalid_client', 'The client credentials are invalid'));
	});

	it('answers unknown grant types and missing grant values', async () => {
		const password = await postForm(tokenUrl(), `grant_type=password&${client()}`);
		const noCode = await postForm(tokenUrl(), `grant_type=authorization_code&${client()}`);

		expect(password.status).toBe(400);
		expect(password.body).toEqual(
			error('unsupported_grant_type', 'Invalid grant_type parameter or parameter missing'),
		);
		expect(noCode.status).toBe(400);
		expect(noCode.body).toEqual(error('invalid_request', 'Missing parameter: "code" is required'));
	});
});

describe('faults', () => {
	const deleteImage = () => postJson(url(DELETE), { productId: 101, id: 1003 });

	it('answers an injected Bitrix24 error in the current code style', async () => {
		emu.injectFault({ kind: 'error', status: 400, code: 100, description: 'Something' });
		emu.injectFault({ kind: 'error', status: 400, code: '100', description: 'Something' });

		expect((await deleteImage()).text).toBe('{"error":100,"error_description":"Something"}');
		emu.setCodeStyle('string');
		expect((await deleteImage()).text).toBe('{"error":"100","error_description":"Something"}');
		expect(emu.portal.image(1003)).toBeDefined();
		expect(emu.restCalls(DELETE).map(({ status }) => status)).toEqual([400, 400]);
	});

	it.each([
		['QUERY_LIMIT_EXCEEDED', 503, 'Too many requests'],
		['OPERATION_TIME_LIMIT', 429, 'Method is blocked due to operation time limit'],
		['INTERNAL_SERVER_ERROR', 500, 'Internal server error'],
		[
			'insufficient_scope',
			401,
			'The request requires higher privileges than provided by the webhook token',
		],
	] as const)('answers the system error %s', async (code, status, description) => {
		emu.injectFault({ kind: 'system', code });
		const answer = await deleteImage();

		expect(answer.status).toBe(status);
		expect(answer.body).toEqual(error(code, description));
	});

	it('answers a raw body', async () => {
		emu.injectFault({ kind: 'raw', status: 200, body: '{"result":' });
		emu.injectFault({ kind: 'raw', status: 500, body: 'oops', contentType: 'text/plain' });

		const truncated = await deleteImage();
		expect([truncated.status, truncated.text, truncated.headers.get('content-type')]).toEqual([
			200,
			'{"result":',
			'application/json; charset=utf-8',
		]);
		const plain = await deleteImage();
		expect([plain.status, plain.text, plain.headers.get('content-type')]).toEqual([
			500,
			'oops',
			'text/plain',
		]);
	});

	it('answers a proxy HTML page', async () => {
		emu.injectFault({ kind: 'html', status: 502 });
		const answer = await deleteImage();

		expect(answer.status).toBe(502);
		expect(answer.headers.get('content-type')).toBe('text/html');
		expect(answer.text).toContain('<title>502 Bad Gateway</title>');
		expect(answer.text).toContain('<center>nginx</center>');
	});

	it('redirects a file request, once', async () => {
		const path = emu.portal.image(1001)!.detailUrl;
		emu.injectFault({ kind: 'redirect', method: 'upload', location: '/upload/moved/a.png' });
		emu.injectFault({
			kind: 'redirect',
			method: 'upload',
			location: 'http://cdn.example/b.png',
			status: 301,
		});

		const moved = await fetch(emu.baseUrl + path, { redirect: 'manual' });
		expect([moved.status, moved.headers.get('location')]).toEqual([302, '/upload/moved/a.png']);
		const elsewhere = await fetch(emu.baseUrl + path, { redirect: 'manual' });
		expect([elsewhere.status, elsewhere.headers.get('location')]).toEqual([
			301,
			'http://cdn.example/b.png',
		]);
		expect((await get(emu.baseUrl + path)).status).toBe(200);
		expect(emu.requests.map((request) => request.status)).toEqual([302, 301, 200]);
	});

	it('streams a large file, with or without its length, counting what it wrote', async () => {
		const path = emu.portal.image(1001)!.detailUrl;
		const bytes = 3 * 1024 * 1024 + 5;
		emu.injectFault({ kind: 'streamed', method: 'upload', bytes, contentType: 'image/png' });
		emu.injectFault({
			kind: 'streamed',
			method: 'upload',
			bytes,
			contentType: 'image/png',
			declareLength: true,
		});

		const chunked = await fetch(emu.baseUrl + path);
		expect([chunked.headers.get('content-type'), chunked.headers.get('content-length')]).toEqual([
			'image/png',
			null,
		]);
		expect((await chunked.arrayBuffer()).byteLength).toBe(bytes);
		const declared = await fetch(emu.baseUrl + path);
		expect(declared.headers.get('content-length')).toBe(String(bytes));
		expect((await declared.arrayBuffer()).byteLength).toBe(bytes);
		expect(emu.requests.map((request) => request.bytesSent)).toEqual([bytes, bytes]);
	});

	it('stops streaming when the client leaves', async () => {
		const path = emu.portal.image(1001)!.detailUrl;
		const bytes = 1024 * 1024 * 1024;
		emu.injectFault({ kind: 'streamed', method: 'upload', bytes, contentType: 'image/png' });

		const answer = await fetch(emu.baseUrl + path);
		const reader = answer.body!.getReader();
		await reader.read();
		await reader.cancel();
		await sleep(100);
		expect(emu.requests[0].bytesSent).toBeLessThan(64 * 1024 * 1024);
	});

	it('drops the connection', async () => {
		emu.injectFault({ kind: 'drop' });

		await expect(deleteImage()).rejects.toThrow('fetch failed');
		expect(emu.restCalls(DELETE)).toHaveLength(1);
		expect(emu.restCalls(DELETE)[0].status).toBe(0);
		expect(emu.portal.image(1003)).toBeDefined();
		expect((await deleteImage()).status).toBe(200);
	});

	it('delays, then answers normally', async () => {
		emu.injectFault({ kind: 'delay', ms: 150 });
		const started = Date.now();
		const answer = await deleteImage();

		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(answer.status).toBe(200);
		expect(emu.portal.image(1003)).toBeUndefined();
	});

	it('does nothing for a client that left during the delay', async () => {
		emu.injectFault({ kind: 'delay', ms: 150 });
		const abort = new AbortController();
		const pending = fetch(url(DELETE), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ productId: 101, id: 1003 }),
			signal: abort.signal,
		});
		await sleep(30);
		abort.abort();
		await expect(pending).rejects.toThrow();
		await sleep(200);

		expect(emu.portal.image(1003)).toBeDefined();
		expect(emu.restCalls(DELETE)[0].status).toBe(0);
	});

	it('hits only the targeted method, the given number of times, in order', async () => {
		emu.injectFault({
			kind: 'system',
			code: 'QUERY_LIMIT_EXCEEDED',
			method: 'CATALOG.productImage.delete',
			times: 2,
		});
		emu.injectFault({ kind: 'html', status: 504 });

		expect((await get(url('profile'))).status).toBe(504);
		expect((await get(url('profile'))).status).toBe(200);
		expect((await deleteImage()).status).toBe(503);
		expect((await deleteImage()).status).toBe(503);
		expect((await deleteImage()).status).toBe(200);
	});

	it('keeps an endless fault until cleared', async () => {
		emu.injectFault({ kind: 'system', code: 'OVERLOAD_LIMIT', times: Infinity });

		for (let i = 0; i < 3; i++) expect((await get(url('profile'))).status).toBe(503);
		emu.clearFaults();
		expect((await get(url('profile'))).status).toBe(200);
	});

	it('reaches the token endpoint only when aimed at oauth.token', async () => {
		const { refresh_token } = emu.oauth.issueTokens();
		const refresh = () =>
			postForm(
				`${emu.baseUrl}/oauth/token/`,
				`grant_type=refresh_token&client_id=${emu.oauth.clientId}&client_secret=${emu.oauth.clientSecret}&refresh_token=${refresh_token}`,
			);
		emu.injectFault({ kind: 'html', status: 502 });
		emu.injectFault({ kind: 'raw', status: 500, body: 'down', method: 'oauth.token' });

		expect((await refresh()).text).toBe('down');
		expect(emu.oauth.tokenRequests).toBe(1);
		expect(emu.oauth.refreshCount).toBe(0);
		expect((await refresh()).status).toBe(200);
		expect((await get(url('profile'))).status).toBe(502);
	});

	it('rejects malformed faults', () => {
		expect(() => emu.injectFault({ kind: 'drop', times: 0 })).toThrow('at least 1');
		expect(() =>
			emu.injectFault({ kind: 'system', code: 'NOPE' as 'QUERY_LIMIT_EXCEEDED' }),
		).toThrow('Unknown system error');
	});
});

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
