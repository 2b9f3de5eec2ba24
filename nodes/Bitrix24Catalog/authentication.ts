import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** The two ways to reach a portal; both nodes offer the same choice. */
export const credentials: INodeCredentialDescription[] = [
	{
		name: 'bitrix24WebhookApi',
		required: true,
		displayOptions: { show: { authentication: ['webhook'] } },
	},
	{
		name: 'bitrix24OAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
];

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Webhook', value: 'webhook' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'webhook',
};
