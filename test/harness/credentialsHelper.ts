import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeParameters,
	INodeCredentialsDetails,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';
import { Credentials } from 'n8n-core';

import { Bitrix24OAuth2Api } from '../../credentials/Bitrix24OAuth2Api.credentials';
import { Bitrix24WebhookApi } from '../../credentials/Bitrix24WebhookApi.credentials';
import { nodeTypes } from './nodeTypes';
import { NODE_TYPE } from './typeNames';

export const credentialTypes: Record<string, ICredentialType> = {
	bitrix24WebhookApi: new Bitrix24WebhookApi(),
	bitrix24OAuth2Api: new Bitrix24OAuth2Api(),
};

/**
 * Holds credentials as n8n stores them and hands them to n8n-core as its server does: defaults
 * applied and expressions resolved (hidden OAuth2 fields included), OAuth2 types reporting `oAuth2Api`
 * as parent so n8n-core's own OAuth2 code signs and refreshes, and refreshed tokens kept.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly stored = new Map<string, ICredentialDataDecryptedObject>();

	/** Every token n8n-core asked to persist, in order. */
	readonly savedTokens: ICredentialDataDecryptedObject[] = [];

	set(type: string, data: ICredentialDataDecryptedObject): void {
		this.stored.set(type, { ...data });
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
		return resolved(type, structuredClone(data));
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

/**
 * Stored data as n8n's server hands it to n8n-core: the type's defaults under the stored values,
 * then every expression resolved with `$self` as that data (the OAuth2 type's hidden fields, such
 * as `clientId: '={{ $self["applicationId"] }}'`).
 */
function resolved(type: string, stored: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const data: ICredentialDataDecryptedObject = {};
	for (const property of credentialTypes[type]?.properties ?? []) {
		data[property.name] = property.default as ICredentialDataDecryptedObject[string];
	}
	Object.assign(data, stored);
	// The expressions are resolved outside any node, as n8n's server does with a stand-in node.
	const node: INode = {
		id: 'credential',
		name: 'credential',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getComplexParameterValue(
		node,
		data as INodeParameters,
		'internal',
		{},
		undefined,
		undefined,
		data,
	) as ICredentialDataDecryptedObject;
}
