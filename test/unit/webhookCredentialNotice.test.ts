import { NodeHelpers, safeRegex } from 'n8n-workflow';

import { Bitrix24WebhookApi } from '../../credentials/Bitrix24WebhookApi.credentials';

/**
 * n8n checks a credential's display conditions each time a node reads it, in a trigger once per
 * event. A regex condition runs in a sandbox of its own (n8n-workflow's safe-regex), which a
 * burst of events pays for per event; the http notice decides without one.
 */
describe('the webhook credential', () => {
	afterEach(() => jest.restoreAllMocks());

	it.each([
		['http://portal.lan/rest/1/abc/', true],
		['hTtP://portal.lan/rest/1/abc/', true],
		['https://acme.bitrix24.com/rest/1/abc/', false],
	])('decides whether to show the http notice for %s without a sandboxed regex', (url, shown) => {
		const test = jest.spyOn(safeRegex, 'test');
		const credential = new Bitrix24WebhookApi();
		const notice = credential.properties.find((property) => property.name === 'httpNotice')!;
		expect(NodeHelpers.displayParameter({ webhookSecretUrl: url }, notice, null, null)).toBe(shown);
		expect(
			NodeHelpers.getNodeParameters(
				credential.properties,
				{ webhookSecretUrl: url },
				true,
				false,
				null,
				null,
			),
		).toMatchObject({ webhookSecretUrl: url });
		expect(test).not.toHaveBeenCalled();
	});
});
