/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { inspect } from 'node:util';

import type { Fault } from '../emulator';
import type { RunResult } from '../harness/runNode';
import { runNode } from '../harness/runNode';
import type { Authentication } from '../harness/nodeInputs';
import { AUTHENTICATIONS, credentialsFor, deleteParameters } from '../harness/nodeInputs';
import { usePortal } from './fixtures';

/** Everything a user or a log could see of a run: items, the recorded error with hidden fields, its JSON. */
function visible(result: RunResult): string {
	const { error } = result;
	return [
		JSON.stringify(result.run.data),
		JSON.stringify(result.output),
		JSON.stringify(result.errorOutput),
		inspect(error, { depth: 10, showHidden: true }),
		JSON.stringify(error),
		String((error as { description?: unknown } | undefined)?.description),
	].join('\n');
}

const faults: Array<[string, Fault | undefined]> = [
	['a Bitrix24 error', { kind: 'error', status: 400, code: 0, description: 'Image does not exist' }],
	['a system error', { kind: 'system', code: 'QUERY_LIMIT_EXCEEDED' }],
	['an HTML page', { kind: 'html', status: 502 }],
	['a dropped connection', { kind: 'drop' }],
	['a time-out', { kind: 'delay', ms: 3000 }],
	['success', undefined],
];

describe.each(AUTHENTICATIONS)('no secret leaks with %s credentials', (authentication: Authentication) => {
	const portal = usePortal();

	function secretsOf(credentials: Record<string, Record<string, unknown>>): string[] {
		if (authentication === 'webhook') return [portal.emulator.webhooks.admin.secret];
		const { oauthTokenData, applicationSecret } = credentials.bitrix24OAuth2Api as {
			oauthTokenData: { access_token: string; refresh_token: string };
			applicationSecret: string;
		};
		return [oauthTokenData.access_token, oauthTokenData.refresh_token, applicationSecret];
	}

	it.each(faults)('after %s, in outputs, errors and "Continue" items', async (_, fault) => {
		for (const onError of ['stopWorkflow', 'continueErrorOutput'] as const) {
			portal.emulator.reset();
			if (fault) portal.emulator.injectFault({ ...fault, times: 2 });
			const credentials = credentialsFor(portal.emulator, authentication);
			const result = await runNode({
				parameters: deleteParameters(authentication, 101, 1001, { options: { timeout: 1000, maxLimitWait: 0 } }),
				credentials,
				onError,
			});
			const seen = visible(result);
			for (const secret of secretsOf(credentials)) {
				expect(secret.length).toBeGreaterThan(8);
				expect(seen).not.toContain(secret);
			}
		}
	});
});

describe('no secret leaks from a malformed webhook URL', () => {
	const portal = usePortal();

	it('keeps the secret out of the message that explains the shape', async () => {
		const secret = portal.emulator.webhooks.admin.secret;
		for (const url of [`${portal.emulator.baseUrl}/rest/${secret}/`, `${portal.emulator.baseUrl}/api/1/${secret}/`]) {
			const result = await runNode({
				parameters: deleteParameters('webhook', 101, 1001),
				credentials: { bitrix24WebhookApi: { webhookSecretUrl: url } },
			});
			expect(result.error?.message).toMatch(/^The webhook URL for .* has no \/rest\/\{user ID\}\/\{secret\}\/ part/);
			expect(visible(result)).not.toContain(secret);
		}
	});
});
