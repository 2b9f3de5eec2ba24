import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { TestCredentialsHelper } from '../harness/credentialsHelper';
import { deleteParameters, oauth2Credentials } from '../harness/nodeInputs';
import { sourceKeyOf } from '../../nodes/Bitrix24Catalog/transport/sourceKey';
import { deleteBodies, usePortal } from './fixtures';
import { runNode } from '../harness/runNode';

describe('OAuth2 credentials', () => {
	const portal = usePortal();

	const run = (credentials: Record<string, ICredentialDataDecryptedObject>, helper?: TestCredentialsHelper, image = 1001) =>
		runNode({
			parameters: deleteParameters('oAuth2', 101, image),
			credentials,
			credentialsHelper: helper,
		});

	it('refreshes an expired token through n8n, keeps the new one, and the call succeeds', async () => {
		const emulator = portal.emulator;
		const credentials = oauth2Credentials(emulator);
		const first = credentials.bitrix24OAuth2Api.oauthTokenData as ICredentialDataDecryptedObject;
		emulator.oauth.expireAccessTokens();

		const { output, error, credentialsHelper } = await run(credentials);

		expect(error).toBeUndefined();
		expect(output).toEqual([{ json: { result: true }, pairedItem: { item: 0 } }]);
		expect(emulator.oauth.refreshCount).toBe(1);
		const calls = emulator.requests.map((request) => [request.path.split('?')[0], request.status]);
		expect(calls).toEqual([
			['/rest/catalog.productImage.delete', 401],
			['/oauth/token/', 200],
			['/rest/catalog.productImage.delete', 200],
		]);
		const refresh = emulator.requests[1].params;
		expect(refresh).toMatchObject({
			grant_type: 'refresh_token',
			refresh_token: first.refresh_token,
			client_id: emulator.oauth.clientId,
			client_secret: emulator.oauth.clientSecret,
		});
		// The deleted image: sent twice, carried out once (the first answer was a refusal).
		expect(deleteBodies(emulator)).toEqual([
			{ productId: 101, id: 1001 },
			{ productId: 101, id: 1001 },
		]);
		expect(emulator.portal.image(1001)).toBeUndefined();

		const kept = credentialsHelper.get('bitrix24OAuth2Api')!.oauthTokenData as ICredentialDataDecryptedObject;
		expect(credentialsHelper.savedTokens).toHaveLength(1);
		expect(kept.access_token).not.toBe(first.access_token);
		expect(kept.refresh_token).not.toBe(first.refresh_token);
		expect(emulator.oauth.accessToken(kept.access_token as string)).toBeDefined();

		// The next run uses the kept token: no refresh.
		emulator.clearRequests();
		const next = await run(credentials, credentialsHelper, 1002);
		expect(next.error).toBeUndefined();
		expect(emulator.oauth.refreshCount).toBe(1);
		expect(emulator.requests.map((request) => request.status)).toEqual([200]);
		expect(emulator.requests[0].headers.authorization).toBe(`Bearer ${kept.access_token}`);
	});

	it('sends calls to the endpoint Bitrix24 named in the token', async () => {
		const emulator = portal.emulator;
		// A portal address that answers nothing: only client_endpoint leads to the portal.
		const credentials = oauth2Credentials(emulator, { portal: 'http://127.0.0.1:9' });
		const { output, error } = await run(credentials);
		expect(error).toBeUndefined();
		expect(output).toEqual([{ json: { result: true }, pairedItem: { item: 0 } }]);
	});

	it('falls back to the portal address when the token names no endpoint', async () => {
		const emulator = portal.emulator;
		const tokens = emulator.oauth.issueTokens();
		const credentials = oauth2Credentials(emulator, {
			portal: `${emulator.baseUrl}/`,
			oauthTokenData: { access_token: tokens.access_token, refresh_token: tokens.refresh_token },
		});
		const { error } = await run(credentials);
		expect(error).toBeUndefined();
		// Every OAuth2 request names n8n's source key (see transport/sourceKey.ts) in its query.
		const key = sourceKeyOf(credentials.bitrix24OAuth2Api);
		expect(emulator.restCalls()[0].path).toBe(`/rest/catalog.productImage.delete?auth_connector=${key}`);
	});

	it('asks to reconnect when the refresh token is no longer valid', async () => {
		const emulator = portal.emulator;
		const credentials = oauth2Credentials(emulator);
		const tokenData = credentials.bitrix24OAuth2Api.oauthTokenData as ICredentialDataDecryptedObject;
		emulator.oauth.refresh(tokenData.refresh_token as string); // used up elsewhere
		emulator.clearRequests();

		const { error, output } = await run(credentials);

		expect(output).toEqual([]);
		expect(error?.message).toBe(
			'The request to Bitrix24 could not be sent: The credential "bitrix24OAuth2Api" needs to be reconnected.',
		);
		expect(emulator.portal.image(1001)).toBeDefined();
		expect(emulator.requests.map((request) => [request.path.split('?')[0], request.status])).toEqual([
			['/rest/catalog.productImage.delete', 401],
			['/oauth/token/', 400],
		]);
	});

	it('refreshes once when several executions meet the expired token at the same time', async () => {
		const { emulator } = portal;
		const credentials = oauth2Credentials(emulator);
		const shared = new TestCredentialsHelper();
		shared.set('bitrix24OAuth2Api', credentials.bitrix24OAuth2Api);
		emulator.oauth.expireAccessTokens();

		const runs = await Promise.all([1001, 1002, 1003, 1004].map((image) => run(credentials, shared, image)));

		expect(runs.map(({ error }) => error)).toEqual([undefined, undefined, undefined, undefined]);
		expect(emulator.oauth.refreshCount).toBe(1);
		expect(emulator.portal.imagesOf(101)).toEqual([]);
	});
});

