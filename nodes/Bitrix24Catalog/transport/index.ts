import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { oauthRestEndpoint } from './endpoint';
import type { HttpAnswer } from './errors';
import { failureOfAnswer, failureOfThrown, toNodeApiError } from './errors';
import { findWebhookUrlError } from './webhookUrl';

export type Bitrix24Authentication = 'webhook' | 'oAuth2';

export function credentialTypeOf(authentication: Bitrix24Authentication): string {
	return authentication === 'oAuth2' ? 'bitrix24OAuth2Api' : 'bitrix24WebhookApi';
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/** One REST method call, as an operation builds it from the node's parameters. */
export interface Bitrix24Call {
	method: string;
	params: IDataObject;
}

export interface TransportSettings {
	authentication: Bitrix24Authentication;
	timeoutMs: number;
}

type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

/**
 * Sends one call and returns the method's `result`, or throws a NodeApiError that carries
 * the Bitrix24 code. Every request of the node goes through here.
 */
export async function callBitrix24(
	this: RequestContext,
	call: Bitrix24Call,
	settings: TransportSettings,
	itemIndex: number,
): Promise<unknown> {
	const credentialType = credentialTypeOf(settings.authentication);
	const options: IHttpRequestOptions = {
		method: 'POST',
		// Webhook: the credential sets the base URL (it holds the secret). OAuth2: the portal's endpoint.
		baseURL: settings.authentication === 'oAuth2' ? await oauthBaseUrl.call(this) : undefined,
		url: call.method,
		body: call.params,
		json: true,
		timeout: settings.timeoutMs,
		returnFullResponse: true,
		// Read every answer ourselves, except OAuth2's 401: n8n refreshes the token on it and retries.
		ignoreHttpStatusErrors:
			settings.authentication === 'oAuth2' ? { ignore: true, except: [401] } : true,
	};

	let answer: HttpAnswer;
	try {
		answer = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			credentialType,
			options,
		)) as HttpAnswer;
	} catch (error) {
		const badUrl = findWebhookUrlError(error);
		if (badUrl) {
			throw new NodeOperationError(this.getNode(), badUrl.message, { itemIndex, level: 'warning' });
		}
		throw toNodeApiError(this.getNode(), failureOfThrown(error), itemIndex, settings.timeoutMs);
	}

	const failure = failureOfAnswer(answer);
	if (failure) throw toNodeApiError(this.getNode(), failure, itemIndex, settings.timeoutMs);
	return (answer.body as IDataObject).result;
}

async function oauthBaseUrl(this: RequestContext): Promise<string> {
	return oauthRestEndpoint(await this.getCredentials(credentialTypeOf('oAuth2')));
}
