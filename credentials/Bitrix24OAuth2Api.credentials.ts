import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';
import { PROCESSES_SETTING } from '../nodes/Bitrix24Catalog/limits/processesSetting';

export const BITRIX24_TOKEN_URL = 'https://oauth.bitrix.info/oauth/token/';

export class Bitrix24OAuth2Api implements ICredentialType {
	name = 'bitrix24OAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Bitrix24 OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/Bitrix24Catalog/bitrix24.svg',
		dark: 'file:../nodes/Bitrix24Catalog/bitrix24.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-bitrix24-catalog/n8n-nodes-bitrix24-catalog#bitrix24-oauth2-api';

	// n8n shows a credential's fields in the order of oAuth2Api's, then the new ones: its Token
	// URL, Client ID and Client Secret would come before the portal. They stay hidden and take
	// the values of fields declared here, in the order a user fills them in.
	properties: INodeProperties[] = [
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
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{ $self["tokenUrl"] }}',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'hidden',
			default: '={{ $self["applicationId"] }}',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'hidden',
			typeOptions: { password: true },
			default: '={{ $self["applicationSecret"] }}',
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
			displayName: 'Client ID',
			name: 'applicationId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'local.0123456789abcd.12345678',
			description: "The local application's Application ID (client_id), as Bitrix24 shows it",
		},
		{
			displayName: 'Client Secret',
			name: 'applicationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The local application's Application key (client_secret), as Bitrix24 shows it",
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: BITRIX24_TOKEN_URL,
			required: true,
			description:
				"Bitrix24's OAuth server. Keep the default unless your self-hosted Bitrix24 uses its own OAuth server.",
		},
		PROCESSES_SETTING,
	];
}
