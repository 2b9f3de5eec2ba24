import type { INodeCredentialTestResult } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Bitrix24WebhookApi } from '../../credentials/Bitrix24WebhookApi.credentials';

import { parseWebhookUrl } from '../../nodes/Bitrix24Catalog/transport/webhookUrl';
import { testCredential } from '../harness/credentialTest';
import { usePortal } from './fixtures';

const OK: INodeCredentialTestResult = { status: 'OK', message: 'Connection successful!' };

describe('Bitrix24 Webhook API credential test, as n8n runs it', () => {
	const portal = usePortal();

	async function test(webhookSecretUrl: string) {
		const result = await testCredential('bitrix24WebhookApi', { webhookSecretUrl });
		// n8n shows the message in the credential dialog: it must not repeat a webhook secret.
		expect(portal.emulator.webhooks.admin.secret.length).toBeGreaterThan(0);
		for (const { secret } of Object.values(portal.emulator.webhooks)) {
			expect(result.message).not.toContain(secret);
		}
		return result;
	}

	it('connects with the webhook URL as Bitrix24 shows it, asking method.get once', async () => {
		expect(await test(portal.emulator.webhookUrl('admin'))).toEqual(OK);

		const calls = portal.emulator.restCalls();
		expect(calls).toHaveLength(1);
		expect(portal.emulator.restCalls('method.get')).toHaveLength(1);
		expect(calls[0].params).toEqual({ name: 'catalog.productimage.delete' });
	});

	it('connects without the trailing slash', async () => {
		expect(await test(portal.emulator.webhookUrl('admin').replace(/\/$/, ''))).toEqual(OK);
	});

	it('connects with a method name left on the end', async () => {
		expect(await test(`${portal.emulator.webhookUrl('admin')}profile.json`)).toEqual(OK);
		expect(portal.emulator.restCalls('method.get')).toHaveLength(1);
		expect(portal.emulator.restCalls('profile')).toHaveLength(0);
	});

	it('says the webhook lacks the catalog scope', async () => {
		expect(await test(portal.emulator.webhookUrl('noCatalog'))).toEqual({
			status: 'Error',
			message:
				'The webhook works, but it lacks the "catalog" scope. Edit the webhook in Bitrix24, tick "Trade catalog (catalog)" and save.',
		});
	});

	it('says a deleted webhook is not accepted', async () => {
		portal.emulator.revokeWebhook('admin');

		expect(await test(portal.emulator.webhookUrl('admin'))).toEqual({
			status: 'Error',
			message:
				'Bitrix24 does not accept this webhook: it was deleted, or the URL is not the one Bitrix24 shows. Copy it again from Developer resources → Integrations.',
		});
		// n8n-core asks once more after any 401 when the credentials helper has preAuthentication,
		// as n8n's own helper does, even for a credential with nothing to refresh.
		expect(portal.emulator.restCalls('method.get').map(({ status }) => status)).toEqual([401, 401]);
	});

	it('explains a URL of the wrong shape without sending anything', async () => {
		const url = `${portal.emulator.baseUrl}/rest/abc/`;
		const expected = captureMessage(() => parseWebhookUrl(url));

		expect(await test(url)).toEqual({ status: 'Error', message: expected });
		expect(expected).toMatch(/has no \/rest\/\{user ID\}\/\{secret\}\/ part/);
		expect(portal.emulator.requests).toHaveLength(0);
	});

	it('says Bitrix24 cloud requires https when the portal refuses an http:// URL', async () => {
		portal.emulator.injectFault({ kind: 'system', code: 'INVALID_REQUEST' });

		expect(await test(portal.emulator.webhookUrl('admin'))).toEqual({
			status: 'Error',
			message:
				'Bitrix24 refused the request, as it does for an http:// URL: Bitrix24 cloud requires https. Use the https:// URL Bitrix24 shows for the webhook.',
		});
	});

	it.each([
		['an http:// URL', true, 'http://portal.lan/rest/1/abc/'],
		['an http:// URL typed with spaces and capitals', true, '  HTTP://portal.lan/rest/1/abc/'],
		['an https:// URL', false, 'https://acme.bitrix24.com/rest/1/abc/'],
		['a URL without a scheme', false, 'acme.bitrix24.com/rest/1/abc/'],
	])('with %s, the credential form shows the https warning (as n8n decides): %p', (_, shown, webhookSecretUrl) => {
		const notice = new Bitrix24WebhookApi().properties.find((property) => property.name === 'httpNotice')!;
		expect(notice.displayName).toContain('Bitrix24 cloud requires https');
		expect(NodeHelpers.displayParameter({ webhookSecretUrl }, notice, null, null)).toBe(shown);
	});

	it('reports the status text of a proxy page instead of JSON', async () => {
		portal.emulator.injectFault({ kind: 'html', status: 502 });

		// n8n's tester shows the response's status text when no rule names the status.
		expect(await test(portal.emulator.webhookUrl('admin'))).toEqual({
			status: 'Error',
			message: 'Bad Gateway',
		});
		expect(portal.emulator.restCalls('method.get')).toHaveLength(1);
	});
});

function captureMessage(action: () => unknown): string {
	try {
		action();
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('Expected an error');
}
