import { parseWebhookUrl, WebhookUrlError } from '../../nodes/Bitrix24Catalog/transport/webhookUrl';

describe('parseWebhookUrl', () => {
	const expected = {
		portal: 'https://acme.bitrix24.com',
		userId: 1,
		secret: 'abc123xyz456',
		baseUrl: 'https://acme.bitrix24.com/rest/1/abc123xyz456/',
	};

	it.each([
		['as Bitrix24 shows it', 'https://acme.bitrix24.com/rest/1/abc123xyz456/'],
		['without the trailing slash', 'https://acme.bitrix24.com/rest/1/abc123xyz456'],
		['with a method name pasted on the end', 'https://acme.bitrix24.com/rest/1/abc123xyz456/profile.json'],
		['with a method name without .json', 'https://acme.bitrix24.com/rest/1/abc123xyz456/profile'],
		['with a query string', 'https://acme.bitrix24.com/rest/1/abc123xyz456/profile.json?foo=1'],
		['with surrounding spaces', '  https://acme.bitrix24.com/rest/1/abc123xyz456/ \n'],
		['without a scheme', 'acme.bitrix24.com/rest/1/abc123xyz456/'],
	])('reads a webhook URL %s', (_, input) => {
		expect(parseWebhookUrl(input)).toEqual(expected);
	});

	it.each([
		['https://firma.bitrix24.de/rest/17/q1w2e3r4t5y6u7i8/', 'https://firma.bitrix24.de', 17],
		['https://empresa.bitrix24.com.br/rest/3/q1w2e3r4t5y6u7i8/', 'https://empresa.bitrix24.com.br', 3],
		['https://crm.example.org/rest/5/q1w2e3r4t5y6u7i8/', 'https://crm.example.org', 5],
		['http://127.0.0.1:8024/rest/1/q1w2e3r4t5y6u7i8/', 'http://127.0.0.1:8024', 1],
		['https://intranet.example.org/portal/rest/2/q1w2e3r4t5y6u7i8/', 'https://intranet.example.org/portal', 2],
	])('accepts any portal domain: %s', (input, portal, userId) => {
		const webhook = parseWebhookUrl(input);
		expect(webhook.portal).toBe(portal);
		expect(webhook.userId).toBe(userId);
		expect(webhook.baseUrl).toBe(`${portal}/rest/${userId}/q1w2e3r4t5y6u7i8/`);
	});

	it.each([
		['', 'The webhook URL is empty. Paste the inbound webhook URL from Bitrix24, shaped like https://your-portal.bitrix24.com/rest/1/abc123xyz456/'],
		[undefined, 'The webhook URL is empty. Paste the inbound webhook URL from Bitrix24, shaped like https://your-portal.bitrix24.com/rest/1/abc123xyz456/'],
		['https://acme.bitrix24.com/', 'The webhook URL for acme.bitrix24.com has no /rest/{user ID}/{secret}/ part. Copy the whole inbound webhook URL from Bitrix24; it looks like https://your-portal.bitrix24.com/rest/1/abc123xyz456/'],
		['https://acme.bitrix24.com/rest/abc123xyz456/', 'The webhook URL for acme.bitrix24.com has no /rest/{user ID}/{secret}/ part. Copy the whole inbound webhook URL from Bitrix24; it looks like https://your-portal.bitrix24.com/rest/1/abc123xyz456/'],
		['ftp://acme.bitrix24.com/rest/1/abc123xyz456/', 'The webhook URL must start with https:// and look like https://your-portal.bitrix24.com/rest/1/abc123xyz456/'],
		['https://exa mple.com/rest/1/abc/', 'The webhook URL is not a valid URL. It should look like https://your-portal.bitrix24.com/rest/1/abc123xyz456/'],
	])('explains the right shape for %p', (input, message) => {
		expect(() => parseWebhookUrl(input)).toThrow(new WebhookUrlError(message));
	});

	it('never repeats the secret in its messages', () => {
		const attempts = ['https://acme.bitrix24.com/api/1/s3cr3tv4lu3/', 'https://acme.bitrix24.com/rest/x/s3cr3tv4lu3'];
		for (const input of attempts) {
			expect(() => parseWebhookUrl(input)).toThrow(WebhookUrlError);
			try {
				parseWebhookUrl(input);
			} catch (error) {
				expect((error as Error).message).not.toContain('s3cr3tv4lu3');
			}
		}
	});
});
