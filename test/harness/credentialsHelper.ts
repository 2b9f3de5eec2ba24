import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';
import { Credentials } from 'n8n-core';

import { Bitrix24OAuth2Api } from '../../credentials/Bitrix24OAuth2Api.credentials';
import { Bitrix24WebhookApi } from '../../credentials/Bitrix24WebhookApi.credentials';

export const credentialTypes: Record<string, ICredentialType> = {
	bitrix24WebhookApi: new Bitrix24WebhookApi(),
	bitrix24OAuth2Api: new Bitrix24OAuth2Api(),
};

/**
 * Holds decrypted credentials the way n8n's server would hand them to n8n-core: the type's
 * plain defaults applied (hidden OAuth2 fields included), OAuth2 types reporting `oAuth2Api`
 * as parent so n8n-core's own OAuth2 code signs and refreshes, and refreshed tokens kept.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly stored = new Map<string, ICredentialDataDecryptedObject>();

	/** Every token n8n-core asked to persist, in order. */
	readonly savedTokens: ICredentialDataDecryptedObject[] = [];

	set(type: string, data: ICredentialDataDecryptedObject): void {
		this.stored.set(type, { ...plainDefaults(type), ...data });
	}

	/**
	 * Stores credentials by type. `keepStored` leaves a type this helper already holds as it is,
	 * as n8n keeps a credential's refreshed tokens between executions.
	 */
	setAll(
		credentials: Record<string, ICredentialDataDecryptedObject>,
		{ keepStored = false } = {},
	): void {
		for (const [type, data] of Object.entries(credentials)) {
			if (!(keepStored && this.stored.has(type))) this.set(type, data);
		}
	}

	get(type: string): ICredentialDataDecryptedObject | undefined {
		return this.stored.get(type);
	}

	getParentTypes(name: string): string[] {
		return credentialTypes[name]?.extends ?? [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = credentialTypes[typeName];
		return typeof authenticate === 'function'
			? await authenticate(credentials, requestOptions)
			: requestOptions;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	getCredentialsProperties() {
		return [];
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.stored.get(type);
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return structuredClone(data);
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails): Promise<Credentials> {
		return new Credentials(nodeCredentials, '', '');
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.savedTokens.push(structuredClone(data.oauthTokenData as ICredentialDataDecryptedObject));
		this.stored.set(type, { ...this.stored.get(type), oauthTokenData: data.oauthTokenData });
	}
}

/** The defaults a credential type declares that need no expression to resolve. */
function plainDefaults(type: string): ICredentialDataDecryptedObject {
	const defaults: ICredentialDataDecryptedObject = {};
	for (const property of credentialTypes[type]?.properties ?? []) {
		const value = property.default;
		if (!(typeof value === 'string' && value.startsWith('='))) {
			defaults[property.name] = value as ICredentialDataDecryptedObject[string];
		}
	}
	return defaults;
}
