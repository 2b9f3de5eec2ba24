import { type Answer, answeringBitrixErrors, jsonAnswer } from './answers';
import { authenticate, type Credentials, presentedAccessToken } from './auth';
import { type ErrorSettings, systemError } from './errors';
import { isAvailableTo, MethodReply, type MethodRegistry } from './methods';
import type { OAuthApp } from './oauthApp';
import type { Params } from './params';
import type { Portal } from './portal';
import { headerValue, type IncomingCall, type Route } from './routing';
import { nowSeconds, timeInfo } from './time';

export interface RestDependencies {
	portal: Portal;
	oauth: OAuthApp;
	registry: MethodRegistry;
	settings: ErrorSettings;
	/** Where the emulator listens, for requests that carry no Host header. */
	baseUrl: () => string;
}

const REST_PREFIX = '/rest/';

/** A REST path: `/rest/{userId}/{secret}/{method}` (webhook) or `/rest/{method}` (OAuth). */
type RestPath =
	| { shape: 'webhook'; userId: number; secret: string; method: string }
	| { shape: 'oauth'; method: string }
	| { shape: 'unknown'; method: string };

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function methodName(segment: string): string {
	return decodeSegment(segment).replace(/\.json$/i, '');
}

function parseRestPath(pathname: string): RestPath {
	const segments = pathname.slice(REST_PREFIX.length).split('/');
	const method = methodName(segments[segments.length - 1]);
	if (segments.length === 1) return { shape: 'oauth', method };
	if (segments.length === 3 && /^\d+$/.test(segments[0])) {
		return {
			shape: 'webhook',
			userId: Number(segments[0]),
			secret: decodeSegment(segments[1]),
			method,
		};
	}
	// A webhook URL pasted in the wrong shape: the portal only says the method is unknown.
	return { shape: 'unknown', method };
}

function credentialsOf(path: RestPath, call: IncomingCall): Credentials | undefined {
	if (path.shape === 'webhook') return { via: 'webhook', userId: path.userId, secret: path.secret };
	if (path.shape === 'oauth') {
		return { via: 'oauth', accessToken: presentedAccessToken(call.headers, call.params) };
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
}

// Like the portal, absolute URLs name the host the client asked for.
function requestOrigin(call: IncomingCall, baseUrl: () => string): string {
	const host = headerValue(call.headers, 'host');
	return host === '' ? baseUrl() : `http://${host}`;
}

// The token travels beside the method's parameters; the method never sees it.
function withoutAuth(params: Params): Params {
	const rest = { ...params };
	delete rest.auth;
	return rest;
}

async function answerRestCall(
	call: IncomingCall,
	path: RestPath,
	credentials: Credentials | undefined,
	{ portal, oauth, registry, settings, baseUrl }: RestDependencies,
): Promise<Answer> {
	const processingFrom = nowSeconds();
	return answeringBitrixErrors(settings, async () => {
		if (!credentials) throw systemError('ERROR_METHOD_NOT_FOUND', settings);
		const caller = authenticate(credentials, portal, oauth, settings);
		const method = registry.find(path.method);
		if (!method) throw systemError('ERROR_METHOD_NOT_FOUND', settings);
		if (!isAvailableTo(method, caller.scopes)) throw systemError('insufficient_scope', settings);
		const params = credentials.via === 'oauth' ? withoutAuth(call.params) : call.params;
		const origin = requestOrigin(call, baseUrl);
		const outcome: unknown = await method.handler({ params, caller, portal, registry, origin });
		const reply = outcome instanceof MethodReply ? outcome : new MethodReply(outcome);
		return jsonAnswer(200, {
			result: reply.result,
			...reply.extra,
			time: timeInfo(call.receivedAt, processingFrom),
		});
	});
}

/** REST calls: authenticate, find the method, check its scope, run it, wrap the result. */
export function restRoute(dependencies: RestDependencies): Route {
	return (call) => {
		if (!call.pathname.startsWith(REST_PREFIX)) return undefined;
		const path = parseRestPath(call.pathname);
		const credentials = credentialsOf(path, call);
		const restMethod = dependencies.registry.find(path.method)?.name ?? path.method;
		noteCaller(call, restMethod, credentials);
		return {
			faultName: restMethod,
			takesUntargetedFaults: true,
			answer: () => answerRestCall(call, path, credentials, dependencies),
		};
	};
}
