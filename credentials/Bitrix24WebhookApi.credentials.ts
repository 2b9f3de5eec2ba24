import type {
	IAuthenticate,
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { parseWebhookUrl, WEBHOOK_URL_SHAPE } from '../nodes/Bitrix24Catalog/transport/webhookUrl';
import { PROCESSES_SETTING } from '../nodes/Bitrix24Catalog/limits/processesSetting';

/**
 * "http://" in any mix of capitals, as conditions that show the http notice. n8n checks the
 * credential's display conditions on every read of it, a regex condition in a sandbox of its own
 * (n8n-workflow's safe-regex.ts) that is dear when a trigger gets a burst of events; a text
 * condition costs nothing. A webhook URL holds "://" only after its scheme.
 */
const HTTP_SCHEMES = [...'http']
	.reduce<string[]>(
		(prefixes, letter) =>
			prefixes.flatMap((prefix) => [prefix + letter, prefix + letter.toUpperCase()]),
		[''],
	)
	.map((scheme) => ({ _cnd: { includes: `${scheme}://` } }));

export class Bitrix24WebhookApi implements ICredentialType {
	name = 'bitrix24WebhookApi';

	displayName = 'Bitrix24 Webhook API';

	icon: Icon = {
		light: 'file:../nodes/Bitrix24Catalog/bitrix24.svg',
		dark: 'file:../nodes/Bitrix24Catalog/bitrix24.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-bitrix24-catalog/n8n-nodes-bitrix24-catalog#bitrix24-webhook-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook URL',
			name: 'webhookSecretUrl',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: WEBHOOK_URL_SHAPE,
			description:
				'The inbound webhook URL from Bitrix24 (Developer resources → Other → Inbound webhook), with the "catalog" scope ticked. It contains the webhook secret, so it is stored encrypted.',
		},
		{
			displayName:
				'This URL starts with http://, so the webhook secret would travel unencrypted. Bitrix24 cloud requires https: use the https:// URL Bitrix24 shows. Keep http only for a self-hosted portal on your own network.',
			name: 'httpNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { webhookSecretUrl: HTTP_SCHEMES } },
		},
		{
			displayName: 'Application Token (Outgoing Webhook)',
			name: 'applicationToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for the Bitrix24 Catalog Trigger: the token Bitrix24 shows for the outgoing webhook that calls the trigger. Events must carry it. Each outgoing webhook has its own token, so a trigger fed by another outgoing webhook needs a credential of its own.',
		},
		PROCESSES_SETTING,
	];

	// The URL carries the secret, so it becomes the request's base URL instead of a header.
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		baseURL: parseWebhookUrl(credentials.webhookSecretUrl).baseUrl,
	});

	// method.get answers for any webhook and says whether the catalog scope was granted.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: 'method.get',
			body: { name: 'catalog.productimage.delete' },
			json: true,
		},
		// n8n's credential tester reads both rule kinds from one list, though the type names one kind.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Bitrix24 does not accept this webhook: it was deleted, or the URL is not the one Bitrix24 shows. Copy it again from Developer resources → Integrations.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'Bitrix24 refused the request, as it does for an http:// URL: Bitrix24 cloud requires https. Use the https:// URL Bitrix24 shows for the webhook.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Bitrix24 refused this webhook: the REST API may not be available on this portal plan, or the webhook lacks a scope.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: `This is not a Bitrix24 inbound webhook URL. It should look like ${WEBHOOK_URL_SHAPE}`,
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'result.isExisting',
					value: false,
					message: 'The webhook works, but this portal has no trade catalog (the catalog module is missing).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'result.isAvailable',
					value: false,
					message:
						'The webhook works, but it lacks the "catalog" scope. Edit the webhook in Bitrix24, tick "Trade catalog (catalog)" and save.',
				},
			},
		] as Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> as IAuthenticateRuleResponseCode[],
	};
}
