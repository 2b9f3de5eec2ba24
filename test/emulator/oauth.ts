import {
	type Answer,
	answeringBitrixErrors,
	jsonAnswer,
	redirectAnswer,
	textAnswer,
} from './answers';
import { Bitrix24Error, type ErrorSettings } from './errors';
import type { OAuthApp } from './oauthApp';
import { type Params, textParam, urlDecode } from './params';
import { headerValue, type IncomingCall, type RequestHeaders, type Route } from './routing';

/** Faults aimed at the token endpoint use this name as their `method`. */
export const TOKEN_ENDPOINT_FAULT_NAME = 'oauth.token';

const TOKEN_PATH = /^\/oauth\/token\/?$/;
const AUTHORIZE_PATH = /^\/oauth\/authorize\/?$/;

/** OAuth clients send their id and secret either as parameters or as HTTP Basic auth (form-encoded). */
function clientCredentials(params: Params, headers: RequestHeaders): [unknown, unknown] {
	if (textParam(params, 'client_id') !== undefined) return [params.client_id, params.client_secret];
	const basic = /^Basic\s+(\S+)\s*$/i.exec(headerValue(headers, 'authorization'));
	if (!basic) return [undefined, undefined];
	const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1) return [decoded, undefined];
	return [urlDecode(decoded.slice(0, colon)), urlDecode(decoded.slice(colon + 1))];
}

function requiredGrantParam(params: Params, name: string): string {
	const value = textParam(params, name);
	if (value === undefined) {
		throw new Bitrix24Error(400, 'invalid_request', `Missing parameter: "${name}" is required`);
	}
	return value;
}

function answerToken(call: IncomingCall, app: OAuthApp, settings: ErrorSettings): Promise<Answer> {
	return answeringBitrixErrors(settings, () => {
		const [clientId, clientSecret] = clientCredentials(call.params, call.headers);
		if (!app.isClient(clientId, clientSecret)) {
			throw new Bitrix24Error(401, 'invalid_client', 'The client credentials are invalid');
		}
		switch (call.params.grant_type) {
			case 'authorization_code':
				return jsonAnswer(200, app.exchangeCode(requiredGrantParam(call.params, 'code')));
			case 'refresh_token':
				return jsonAnswer(200, app.refresh(requiredGrantParam(call.params, 'refresh_token')));
			default:
				throw new Bitrix24Error(
					400,
					'unsupported_grant_type',
					'Invalid grant_type parameter or parameter missing',
				);
		}
	});
}

function hostOf(baseUrl: string): string {
	return new URL(baseUrl).host;
}

/** The emulated user is always logged in and approves at once: straight back to the app. */
function answerAuthorize(call: IncomingCall, app: OAuthApp, baseUrl: string): Answer {
	if (call.params.client_id !== app.clientId) {
		return textAnswer(
			400,
			'<html><body><h1>Application not found</h1><p>Check the client_id.</p></body></html>',
			'text/html; charset=utf-8',
		);
	}
	const { code, scope } = app.issueCode();
	const target = new URL(app.redirectUri);
	const state = textParam(call.params, 'state');
	target.searchParams.set('code', code);
	if (state !== undefined) target.searchParams.set('state', state);
	target.searchParams.set('domain', hostOf(baseUrl));
	target.searchParams.set('member_id', app.memberId);
	target.searchParams.set('scope', scope);
	target.searchParams.set('server_domain', 'oauth.bitrix.info');
	return redirectAnswer(target.toString());
}

/** `/oauth/token/` and `/oauth/authorize/`, served by the portal itself for local testing. */
export function oauthRoute(app: OAuthApp, settings: ErrorSettings, baseUrl: () => string): Route {
	return (call) => {
		if (TOKEN_PATH.test(call.pathname)) {
			// Every call counts, including those a fault answers instead.
			app.tokenRequests++;
			return {
				faultName: TOKEN_ENDPOINT_FAULT_NAME,
				takesUntargetedFaults: false,
				answer: () => answerToken(call, app, settings),
			};
		}
		if (AUTHORIZE_PATH.test(call.pathname)) {
			return { takesUntargetedFaults: false, answer: () => answerAuthorize(call, app, baseUrl()) };
		}
		return undefined;
	};
}
