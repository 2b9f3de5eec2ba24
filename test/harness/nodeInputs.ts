import type {
	FieldType,
	ICredentialDataDecryptedObject,
	INode,
	INodeParameters,
	ResourceMapperValue,
} from 'n8n-workflow';

import type { Bitrix24Emulator } from '../emulator';
import { CHANGES_TRIGGER_TYPE } from './typeNames';

/** What the node is given to work on an emulated portal: credentials and parameters. */

export type Authentication = 'webhook' | 'oAuth2';

export const AUTHENTICATIONS: Authentication[] = ['webhook', 'oAuth2'];

export function webhookCredentials(emulator: Bitrix24Emulator, name = 'admin') {
	return { bitrix24WebhookApi: { webhookSecretUrl: emulator.webhookUrl(name) } };
}

/** An OAuth2 credential as n8n stores it after the user connected it. */
export function oauth2Credentials(
	emulator: Bitrix24Emulator,
	overrides: ICredentialDataDecryptedObject = {},
) {
	return {
		bitrix24OAuth2Api: {
			portal: emulator.baseUrl,
			applicationId: emulator.oauth.clientId,
			applicationSecret: emulator.oauth.clientSecret,
			tokenUrl: `${emulator.baseUrl}/oauth/token/`,
			oauthTokenData: emulator.oauth.issueTokens() as unknown as ICredentialDataDecryptedObject,
			...overrides,
		},
	};
}

export function credentialsFor(
	emulator: Bitrix24Emulator,
	authentication: Authentication,
): Record<string, ICredentialDataDecryptedObject> {
	return authentication === 'webhook' ? webhookCredentials(emulator) : oauth2Credentials(emulator);
}

/** A resource locator's value, in mode 'id', 'list' or 'url'. */
export const locator = <T>(value: T, mode = 'id') => ({ __rl: true as const, mode, value });

/** A mapping form's value (the `fields` parameter) as n8n stores it: the mapped fields and their schema. */
export function mapped(
	value: Record<string, unknown>,
	types: Record<string, FieldType> = {},
	matchingColumns: string[] = [],
): ResourceMapperValue {
	return {
		mappingMode: 'defineBelow',
		value: value as ResourceMapperValue['value'],
		matchingColumns,
		attemptToConvertTypes: false,
		convertFieldsToString: false,
		schema: Object.keys(value).map((id) => ({
			id,
			displayName: id,
			required: false,
			defaultMatch: false,
			display: true,
			type: types[id] ?? 'string',
		})),
	};
}

/** Parameters of a Product Image operation. */
export function productImageParameters(
	authentication: Authentication,
	operation: string,
	extra: INodeParameters = {},
): INodeParameters {
	return { authentication, resource: 'productImage', operation, ...extra } as INodeParameters;
}

/** Parameters of Product Image → Delete; IDs may be values or expressions. */
export function deleteParameters(
	authentication: Authentication,
	productId: unknown,
	imageId: unknown,
	extra: INodeParameters = {},
): INodeParameters {
	return productImageParameters(authentication, 'delete', {
		productId: locator(productId),
		imageId: locator(imageId),
		...extra,
	} as INodeParameters);
}

/** Adds `count` images to product 105, named `<prefix>-0.png`, `<prefix>-1.png`, …; returns their IDs. */
export function addImages(emulator: Bitrix24Emulator, count: number, prefix: string): number[] {
	return Array.from(
		{ length: count },
		(_, index) => emulator.portal.addImage(105, { name: `${prefix}-${index}.png` }).id,
	);
}

/** A node of `type` with no parameters, for what n8n reads of its type alone. */
export const bareNode = (name: string, type: string): INode => ({
	id: name,
	name,
	type,
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

/** The Changes Trigger with `parameters`, on a credential of the kind named. */
export function changesNode(authentication: Authentication, parameters: INodeParameters): INode {
	return {
		id: '5a1c2e3f-4b5d-4c6e-8f70-91a2b3c4d5e6',
		name: 'Bitrix24 Catalog Changes Trigger',
		type: CHANGES_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { authentication, ...parameters },
		credentials:
			authentication === 'webhook'
				? { bitrix24WebhookApi: { id: 'webhook-id', name: 'Bitrix24 Webhook' } }
				: { bitrix24OAuth2Api: { id: 'oauth2-id', name: 'Bitrix24 OAuth2' } },
	};
}
