import { type Answer, answeringBitrixErrors, bitrixErrorAnswer, jsonAnswer } from './answers';
import type { FileBody } from './methods/registry';
import { authenticate, type Credentials, presentedAccessToken } from './auth';
import { type ErrorSettings, systemError } from './errors';
import { type InvocationDependencies, invokeMethod } from './invocation';
import { BATCH_METHOD, batchCommands } from './methods/batch';
import type { OAuthApp } from './oauthApp';
import { decodedPath, type Endpoint, headerValue, type IncomingCall, type Route } from './routing';
import { nowSeconds, timeInfo } from './time';
import type { RestTraffic } from './traffic';

export interface RestDependencies extends InvocationDependencies {
	oauth: OAuthApp;
	traffic: RestTraffic;
	/** Where the emulator listens, for requests that carry no Host header. */
	baseUrl: () => string;
}

const REST_PREFIX = '/rest/';

/** A REST path: `/rest/{userId}/{secret}/{method}` (webhook) or `/rest/{method}` (OAuth). */
type RestPath =
	| { shape: 'webhook'; userId: number; secret: string; method: string }
	| { shape: 'oauth'; method: string }
	| { shape: 'unknown'; method: string };

function methodName(segment: string): string {
	return decodedPath(segment).replace(/\.json$/i, '');
}

function parseRestPath(pathname: string): RestPath {
	const segments = pathname.slice(REST_PREFIX.length).split('/');
	const method = methodName(segments[segments.length - 1]);
	if (segments.length === 1) return { shape: 'oauth', method };
	if (segments.length === 3 && /^\d+$/.test(segments[0])) {
		return {
			shape: 'webhook',
			userId: Number(segments[0]),
			secret: decodedPath(segments[1]),
			method,
		};
	}
	// A webhook URL pasted in the wrong shape: the portal only says the method is unknown.
	return { shape: 'unknown', method };
}

function credentialsOf(path: RestPath, call: IncomingCall): Credentials | undefined {
	if (path.shape === 'webhook') return { via: 'webhook', userId: path.userId, secret: path.secret };
	if (path.shape === 'oauth') {
		return {
			via: 'oauth',
			accessToken: presentedAccessToken(call.headers, call.params),
		};
	}
	// A path of the wrong shape carries no credentials the portal could check.
	return undefined;
}

function noteCaller(
	call: IncomingCall,
	restMethod: string,
	credentials: Credentials | undefined,
): void {
	call.record.restMethod = restMethod;
	call.record.via = credentials?.via;
	if (credentials?.via === 'webhook') call.record.webhookUserId = credentials.userId;
	if (credentials?.via === 'oauth') call.record.accessToken = credentials.accessToken;
	if (restMethod === BATCH_METHOD) call.record.batchSize = batchCommands(call.params).length;
}

// Like the portal, absolute URLs name the host the client asked for.
function requestOrigin(call: IncomingCall, baseUrl: () => string): string {
	const host = headerValue(call.headers, 'host');
	return host === '' ? baseUrl() : `http://${host}`;
}

async function answerRestCall(
	call: IncomingCall,
	path: RestPath,
	credentials: Credentials | undefined,
	dependencies: RestDependencies,
): Promise<Answer> {
	const { portal, oauth, settings, baseUrl } = dependencies;
	const processingFrom = nowSeconds();
	return answeringBitrixErrors(settings, async () => {
		if (!credentials) throw systemError('ERROR_METHOD_NOT_FOUND', settings);
		const caller = authenticate(credentials, portal, oauth, settings);
		const { reply, operating } = await invokeMethod(
			{
				caller,
				method: path.method,
				params: call.params,
				origin: requestOrigin(call, baseUrl),
			},
			dependencies,
		);
		if (reply.file) return fileAnswer(reply.file);
		return jsonAnswer(200, {
			result: reply.result,
			...reply.extra,
			time: { ...timeInfo(call.receivedAt, processingFrom), ...operating },
		});
	});
}

/** A method's file, sent as the portal sends a download: the bytes, named for saving. */
function fileAnswer({ bytes, mimeType, name }: FileBody): Answer {
	return {
		status: 200,
		headers: {
			'content-type': mimeType,
			'content-disposition': `attachment; filename="${encodeURIComponent(name)}"`,
		},
		body: bytes,
	};
}

/** Refused by the rate limit: no fault, no method, only the 503. */
function refusedEndpoint(settings: ErrorSettings, latencyMs: number): Endpoint {
	return {
		takesUntargetedFaults: false,
		latencyMs,
		answer: () => bitrixErrorAnswer(systemError('QUERY_LIMIT_EXCEEDED', settings), settings),
	};
}

/** REST calls: count and rate-limit them, authenticate, run the method, wrap the result. */
export function restRoute(dependencies: RestDependencies): Route {
	return (call) => {
		if (!call.pathname.startsWith(REST_PREFIX)) return undefined;
		const path = parseRestPath(call.pathname);
		const credentials = credentialsOf(path, call);
		const restMethod = dependencies.registry.find(path.method)?.name ?? path.method;
		noteCaller(call, restMethod, credentials);
		const { traffic, settings } = dependencies;
		if (!traffic.admit()) return refusedEndpoint(settings, traffic.latencyMs);
		return {
			faultName: restMethod,
			takesUntargetedFaults: true,
			latencyMs: traffic.latencyMs,
			answer: () => answerRestCall(call, path, credentials, dependencies),
		};
	};
}
