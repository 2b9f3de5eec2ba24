import { type ErrorSettings, systemError } from './errors';
import type { OAuthApp } from './oauthApp';
import { type Params, textParam } from './params';
import type { Portal, User } from './portal';
import { headerValue, type RequestHeaders } from './routing';

/** Who is calling a REST method, and with which scopes. */
export interface Caller {
	via: 'webhook' | 'oauth';
	user: User;
	scopes: string[];
	/** The webhook secret or the access token the call came with; signed URLs carry it. */
	token: string;
}

/** What a request claims to be, before it is checked. */
export type Credentials =
	| { via: 'webhook'; userId: number; secret: string }
	| { via: 'oauth'; accessToken: string | undefined };

/** Like the portal: an `Authorization: Bearer` header first, then `auth` or `access_token`. */
export function presentedAccessToken(headers: RequestHeaders, params: Params): string | undefined {
	const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headerValue(headers, 'authorization'));
	if (bearer) return bearer[1];
	return textParam(params, 'auth') ?? textParam(params, 'access_token');
}

function webhookCaller(
	userId: number,
	secret: string,
	portal: Portal,
	settings: ErrorSettings,
): Caller {
	const hook = portal.webhookFor(userId, secret);
	const user = hook && !hook.revoked ? portal.user(hook.userId) : undefined;
	if (!hook || !user) throw systemError('INVALID_CREDENTIALS', settings);
	return { via: 'webhook', user, scopes: [...hook.scopes], token: secret };
}

function oauthCaller(
	accessToken: string | undefined,
	portal: Portal,
	oauth: OAuthApp,
	settings: ErrorSettings,
): Caller {
	if (accessToken === undefined) throw systemError('NO_AUTH_FOUND', settings);
	const token = oauth.accessToken(accessToken);
	if (!token) throw systemError('invalid_token', settings);
	if (token.expiresAt <= Date.now()) throw systemError('expired_token', settings);
	const user = portal.user(token.userId);
	if (!user) throw systemError('user_access_error', settings);
	return { via: 'oauth', user, scopes: [...token.scopes], token: accessToken };
}

export function authenticate(
	credentials: Credentials,
	portal: Portal,
	oauth: OAuthApp,
	settings: ErrorSettings,
): Caller {
	return credentials.via === 'webhook'
		? webhookCaller(credentials.userId, credentials.secret, portal, settings)
		: oauthCaller(credentials.accessToken, portal, oauth, settings);
}
