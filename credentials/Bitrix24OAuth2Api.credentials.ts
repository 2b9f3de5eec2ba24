import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

export const BITRIX24_TOKEN_URL = 'https://oauth.bitrix.info/oauth/token/';

export class Bitrix24OAuth2Api implements ICredentialType {
	name = 'bitrix24OAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Bitrix24 OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/Bitrix24Catalog/bitrix24.svg',
		dark: 'file:../nodes/Bitrix24Catalog/bitrix24.dark.svg',
	};

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-bitrix24-catalog#bitrix24-oauth2-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Portal Address',
			name: 'portal',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'your-company.bitrix24.com',
			description:
				'The address of your Bitrix24, as in the browser: a cloud portal (your-company.bitrix24.com, .de, .com.br, ...) or a self-hosted one',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default:
				'={{ ($self["portal"].trim().startsWith("http://") || $self["portal"].trim().startsWith("https://") ? "" : "https://") + $self["portal"].trim().replace(/\\/+$/, "") + "/oauth/authorize/" }}',
		},
		{
			displayName: 'Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: BITRIX24_TOKEN_URL,
			required: true,
			description:
				"Bitrix24's OAuth server. Keep the default unless your self-hosted Bitrix24 uses its own OAuth server.",
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			// Bitrix24 takes the scopes from the application's settings, not from the request.
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
