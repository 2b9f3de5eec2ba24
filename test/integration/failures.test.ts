import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { SYSTEM_ERRORS } from '../emulator';
import { runNode } from '../harness/runNode';
import { AUTHENTICATIONS, credentialsFor, deleteParameters } from '../harness/nodeInputs';
import { NO_RETRIES, runDelete, usePortal } from './fixtures';

describe.each(AUTHENTICATIONS)('failures with %s credentials', (authentication) => {
	const portal = usePortal();

	// expired_token is the OAuth2 refresh trigger; it has its own tests. QUERY_LIMIT_EXCEEDED comes
	// last: the node then takes the portal as full, and calls allowed no wait are not sent for a while.
	const systemCodes = Object.keys(SYSTEM_ERRORS).filter(
		(code) => code !== 'expired_token' && code !== 'QUERY_LIMIT_EXCEEDED',
	);

	const expectSystemError = async (code: string) => {
		const { status, description } = SYSTEM_ERRORS[code as keyof typeof SYSTEM_ERRORS];
		// A 401 with OAuth2 makes n8n refresh the token and ask once more: answer both alike.
		portal.emulator.injectFault({ kind: 'system', code: code as keyof typeof SYSTEM_ERRORS, times: 2 });

		const { error, output } = await runDelete(portal.emulator, authentication, 101, 1001, {}, NO_RETRIES);

		// The server answers 401 for some codes the docs list as 403: the node reports what came.
		const answered = portal.emulator.restCalls().at(-1)!.status;
		expect([status, 401]).toContain(answered);
		expect(output).toEqual([]);
		expect(error?.message).toBe(`Bitrix24 error ${code}: ${description}`);
		expect(error).toMatchObject({
			name: 'NodeApiError',
			httpCode: String(answered),
			context: { itemIndex: 0, bitrix24: { code, description, httpCode: String(answered) } },
		});
		expect(portal.emulator.portal.image(1001)).toBeDefined();
	};

	it.each(systemCodes)('turns system error %s into its code, text and HTTP status', expectSystemError);

	it('names the page a proxy sends instead of JSON', async () => {
		portal.emulator.injectFault({ kind: 'html', status: 502 });
		const { error } = await runDelete(portal.emulator, authentication, 101, 1001, {}, NO_RETRIES);
		expect(error).toMatchObject({
			message: 'Bitrix24 answered HTTP 502 with a page that is not JSON ("502 Bad Gateway")',
			httpCode: '502',
			context: { bitrix24: { code: 'NOT_JSON', description: '502 Bad Gateway', httpCode: '502' } },
		});
	});

	it('says the connection closed when the portal drops it', async () => {
		portal.emulator.injectFault({ kind: 'drop' });
		const { error } = await runDelete(portal.emulator, authentication, 101, 1001, {}, NO_RETRIES);
		expect(error).toMatchObject({
			message: 'The connection to Bitrix24 closed before an answer arrived',
			description:
				'The request may or may not have been carried out. Check the result in Bitrix24, then run again.',
			context: { bitrix24: { code: 'ECONNRESET' } },
		});
	});

	it('gives up after the timeout set in the options', async () => {
		portal.emulator.injectFault({ kind: 'delay', ms: 3000 });
		const oneSecondTimeout = { options: { timeout: 1000, maxLimitWait: 0 } };
		const { error } = await runDelete(portal.emulator, authentication, 101, 1001, {}, oneSecondTimeout);
		expect(error).toMatchObject({
			message: 'Bitrix24 did not answer within 1 second',
			description: 'The portal is slow or unreachable. Run again, or raise Options → Timeout.',
			context: { bitrix24: { code: 'ETIMEDOUT', httpCode: null } },
		});
	});

	it('says where it could not connect when the portal refuses connections', async () => {
		const emulator = portal.emulator;
		const closed = 'http://127.0.0.1:9';
		const credentials: Record<string, ICredentialDataDecryptedObject> =
			authentication === 'webhook'
				? { bitrix24WebhookApi: { webhookSecretUrl: `${closed}/rest/1/abc123/` } }
				: {
						bitrix24OAuth2Api: {
							...credentialsFor(emulator, 'oAuth2').bitrix24OAuth2Api,
							portal: closed,
							oauthTokenData: { access_token: 'a1', refresh_token: 'r1' },
						},
					};
		const { error } = await runNode({ parameters: deleteParameters(authentication, 101, 1001, NO_RETRIES), credentials });
		expect(error).toMatchObject({
			message: 'Could not connect to the Bitrix24 portal at 127.0.0.1:9: the connection was refused',
			description: 'Check the portal address in the credential and that the portal is online.',
			context: { bitrix24: { code: 'ECONNREFUSED', httpCode: null } },
		});
	});

	it('turns system error QUERY_LIMIT_EXCEEDED into its code, text and HTTP status', async () => {
		await expectSystemError('QUERY_LIMIT_EXCEEDED');
	});
});
