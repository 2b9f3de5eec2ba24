import { runNode } from '../harness/runNode';
import { deleteParameters, webhookCredentials } from '../harness/nodeInputs';
import { deleteBodies, usePortal } from './fixtures';

describe('webhook credentials', () => {
	const portal = usePortal();

	const runWith = (webhookSecretUrl: string) =>
		runNode({
			parameters: deleteParameters('webhook', 101, 1001),
			credentials: { bitrix24WebhookApi: { webhookSecretUrl } },
		});

	it.each([
		['without the trailing slash', (url: string) => url.replace(/\/$/, '')],
		['with a method name pasted on the end', (url: string) => `${url}profile.json`],
		['with spaces around it', (url: string) => `  ${url}  `],
	])('works with the URL %s', async (_, shape) => {
		const emulator = portal.emulator;
		const { error, output } = await runWith(shape(emulator.webhookUrl()));
		expect(error).toBeUndefined();
		expect(output).toEqual([{ json: { result: true }, pairedItem: { item: 0 } }]);
		expect(emulator.restCalls()[0].path).toBe(`/rest/1/${emulator.webhooks.admin.secret}/catalog.productImage.delete`);
	});

	it('explains the right shape of a malformed URL and sends nothing', async () => {
		const emulator = portal.emulator;
		const { error } = await runWith(`${emulator.baseUrl}/rest/${emulator.webhooks.admin.secret}/`);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: `The webhook URL for ${emulator.baseUrl.replace('http://', '')} has no /rest/{user ID}/{secret}/ part. Copy the whole inbound webhook URL from Bitrix24; it looks like https://your-portal.bitrix24.com/rest/1/abc123xyz456/`,
		});
		expect(emulator.requests).toEqual([]);
	});

	it('says a revoked webhook must be replaced', async () => {
		const emulator = portal.emulator;
		emulator.revokeWebhook('admin');
		const { error } = await runWith(emulator.webhookUrl());
		expect(error).toMatchObject({
			message: 'Bitrix24 error INVALID_CREDENTIALS: Invalid request credentials',
			httpCode: '401',
			description:
				'Bitrix24 does not accept this webhook: it was deleted or disabled, or the URL in the credential is not the one Bitrix24 shows. Copy the URL again from Developer resources → Integrations → your inbound webhook, and update the credential.',
			failure: { cause: 'credential-invalid' },
		});
		// Sent once: the 401 is read, not retried.
		expect(emulator.requests).toHaveLength(1);
	});

	it('says which scope a webhook without "catalog" lacks', async () => {
		const emulator = portal.emulator;
		const { error } = await runWith(emulator.webhookUrl('noCatalog'));
		expect(error).toMatchObject({
			message:
				'Bitrix24 error insufficient_scope: The request requires higher privileges than provided by the webhook token',
			httpCode: '401',
			description:
				'The webhook or app lacks the "catalog" scope. In Bitrix24 open Developer resources → Integrations, edit the webhook (or the app), tick "Trade catalog (catalog)", save, and try again.',
		});
		expect(emulator.portal.image(1001)).toBeDefined();
	});

	it('passes on 200040300020 for a user without the right to modify the catalog', async () => {
		const emulator = portal.emulator;
		const { error } = await runNode({
			parameters: deleteParameters('webhook', 101, 1001),
			credentials: webhookCredentials(emulator, 'viewer'),
		});
		expect(error).toMatchObject({
			message: 'Bitrix24 error 200040300020: Access Denied',
			httpCode: '400',
			context: { bitrix24: { code: '200040300020', description: 'Access Denied', httpCode: '400' } },
		});
		expect(deleteBodies(emulator)).toEqual([{ productId: 101, id: 1001 }]);
		expect(emulator.portal.image(1001)).toBeDefined();
	});
});
