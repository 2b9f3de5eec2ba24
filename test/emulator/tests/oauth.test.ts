import type { TokenResponse } from '../index';
import { error, get, postForm, postJson } from '../testClient';
import { DELETE, useEmulator } from './emulatorUnderTest';

/** OAuth: REST calls with an access token and the OAuth server's endpoints. */

const { emu } = useEmulator();

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
