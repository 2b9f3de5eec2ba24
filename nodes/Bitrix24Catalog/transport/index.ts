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
import { encodeJsonBody } from './jsonBody';
import { findWebhookUrlError, parseWebhookUrl } from './webhookUrl';

export type Bitrix24Authentication = 'webhook' | 'oAuth2';

export function credentialTypeOf(authentication: Bitrix24Authentication): string {
	return authentication === 'oAuth2' ? 'bitrix24OAuth2Api' : 'bitrix24WebhookApi';
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/** One REST method call, as an operation builds it from the node's parameters. */
export interface Bitrix24Call {
	method: string;
	params: IDataObject;
	/** Large parameters (file contents), read only when the call is about to be sent. */
	load?: () => Promise<IDataObject>;
}

/** A file served by the portal, such as an image at its `detailUrl`. */
export interface PortalFile {
	body: Buffer;
	contentType?: string;
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
	const body = encodeJsonBody(call.load ? { ...call.params, ...(await call.load()) } : call.params);
	const options: IHttpRequestOptions = {
		method: 'POST',
		// Webhook: the credential sets the base URL (it holds the secret). OAuth2: the portal's endpoint.
		baseURL: settings.authentication === 'oAuth2' ? await oauthBaseUrl.call(this) : undefined,
		url: call.method,
		body,
		// A prepared JSON body (one holding a file) goes out as it is.
		...(Buffer.isBuffer(body) ? { headers: { 'content-type': 'application/json' } } : {}),
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

/**
 * Fetches a file the portal serves publicly (`/upload/...`), such as an image's `detailUrl`. The
 * signed `downloadUrl` is not used: it carries the caller's secret and a webhook cannot open it.
 */
export async function fetchPortalFile(
	this: RequestContext,
	path: string,
	settings: TransportSettings,
	itemIndex: number,
): Promise<PortalFile> {
	const url = new URL(path, await portalOrigin.call(this, settings.authentication)).toString();
	let answer: { statusCode: number; body: unknown; headers: Record<string, unknown> };
	try {
		answer = await this.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'arraybuffer',
			timeout: settings.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
	} catch (error) {
		throw toNodeApiError(this.getNode(), failureOfThrown(error), itemIndex, settings.timeoutMs);
	}
	if (answer.statusCode < 200 || answer.statusCode > 299) {
		throw toNodeApiError(
			this.getNode(),
			{ kind: 'file', httpStatus: answer.statusCode, path: new URL(url).pathname },
			itemIndex,
			settings.timeoutMs,
		);
	}
	const contentType = answer.headers['content-type'];
	return {
		body: Buffer.from(answer.body as ArrayBuffer),
		contentType: typeof contentType === 'string' ? contentType.split(';')[0].trim() : undefined,
	};
}

async function oauthBaseUrl(this: RequestContext): Promise<string> {
	return oauthRestEndpoint(await this.getCredentials(credentialTypeOf('oAuth2')));
}

/** `https://portal.bitrix24.com`: where the portal's own files are, for either credential. */
async function portalOrigin(this: RequestContext, authentication: Bitrix24Authentication): Promise<string> {
	const credentials = await this.getCredentials(credentialTypeOf(authentication));
	const base =
		authentication === 'oAuth2'
			? oauthRestEndpoint(credentials)
			: parseWebhookUrl(credentials.webhookSecretUrl).portal;
	return new URL(base).origin;
}
