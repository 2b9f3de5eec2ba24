import { randomBytes } from 'node:crypto';

import { Bitrix24Error } from './errors';

/** What `/oauth/token/` answers on success. */
export interface TokenResponse {
	access_token: string;
	expires: number;
	expires_in: number;
	scope: string;
	domain: string;
	server_endpoint: string;
	status: string;
	client_endpoint: string;
	member_id: string;
	user_id: number;
	refresh_token: string;
}

export interface IssueOptions {
	/** Access token lifetime in seconds (default: `accessTokenLifetime`). */
	lifetime?: number;
	scopes?: string[];
	userId?: number;
}

/** Whom a token or code speaks for. */
interface Grant {
	userId: number;
	scopes: string[];
}

export interface AccessToken extends Grant {
	token: string;
	expiresAt: number;
}

interface RefreshToken extends Grant {
	accessToken: string;
}

interface AuthorizationCode extends Grant {
	expiresAt: number;
}

/** A local app's client ID is also its code in app.info. */
export const LOCAL_APP_ID = 'local.emulator0000000000.00000000';
export const DEFAULT_REDIRECT_URI = 'http://localhost:5678/rest/oauth2-credential/callback';
const DEFAULT_SCOPES = ['catalog', 'crm', 'user'];
const DEFAULT_USER_ID = 1;
const DEFAULT_ACCESS_TOKEN_LIFETIME = 3600;
const CODE_LIFETIME_MS = 30_000;

function newToken(): string {
	return randomBytes(32).toString('hex');
}

function invalidGrant(description: string): Bitrix24Error {
	return new Bitrix24Error(400, 'invalid_grant', description);
}

/** The local OAuth application installed on the portal, with the codes and tokens it was given. */
export class OAuthApp {
	readonly clientId = LOCAL_APP_ID;
	readonly clientSecret = randomBytes(25).toString('hex');
	readonly memberId = randomBytes(16).toString('hex');
	/** What OnAppInstall would have handed the app; every event for its handlers carries it. */
	readonly applicationToken = randomBytes(16).toString('hex');
	redirectUri = DEFAULT_REDIRECT_URI;
	accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
	refreshCount = 0;
	tokenRequests = 0;
	private readonly accessTokens = new Map<string, AccessToken>();
	private readonly refreshTokens = new Map<string, RefreshToken>();
	private readonly codes = new Map<string, AuthorizationCode>();

	constructor(private readonly baseUrl: () => string) {}

	get tokenUrl(): string {
		return `${this.baseUrl()}/oauth/token/`;
	}

	get authorizeUrl(): string {
		return `${this.baseUrl()}/oauth/authorize/`;
	}

	/** Hands out a token pair directly, as if the authorization flow had just finished. */
	issueTokens(options: IssueOptions = {}): TokenResponse {
		const grant = {
			userId: options.userId ?? DEFAULT_USER_ID,
			scopes: options.scopes ?? [...DEFAULT_SCOPES],
		};
		return this.issue(grant, options.lifetime ?? this.accessTokenLifetime);
	}

	accessToken(token: string): AccessToken | undefined {
		return this.accessTokens.get(token);
	}

	expireAccessTokens(): void {
		const past = Date.now() - 1000;
		for (const token of this.accessTokens.values()) token.expiresAt = past;
	}

	isClient(clientId: unknown, clientSecret: unknown): boolean {
		return clientId === this.clientId && clientSecret === this.clientSecret;
	}

	/** A code for the authorize redirect: the emulated user approves at once. */
	issueCode(): { code: string; scope: string } {
		const code = newToken();
		const scopes = [...DEFAULT_SCOPES];
		this.codes.set(code, {
			userId: DEFAULT_USER_ID,
			scopes,
			expiresAt: Date.now() + CODE_LIFETIME_MS,
		});
		return { code, scope: scopes.join(',') };
	}

	exchangeCode(code: string): TokenResponse {
		const grant = this.codes.get(code);
		// Codes are single use, even when the exchange fails.
		this.codes.delete(code);
		if (!grant) throw invalidGrant("Code doesn't exist or is invalid for the client");
		if (grant.expiresAt <= Date.now()) throw invalidGrant('The authorization code has expired');
		return this.issue(grant, this.accessTokenLifetime);
	}

	/** Refresh tokens are single use: a refresh retires the old pair. */
	refresh(refreshToken: string): TokenResponse {
		const grant = this.refreshTokens.get(refreshToken);
		if (!grant) throw invalidGrant("Refresh token doesn't exist or is invalid for the client");
		this.refreshTokens.delete(refreshToken);
		this.accessTokens.delete(grant.accessToken);
		this.refreshCount++;
		return this.issue(grant, this.accessTokenLifetime);
	}

	reset(): void {
		this.redirectUri = DEFAULT_REDIRECT_URI;
		this.accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
		this.refreshCount = 0;
		this.tokenRequests = 0;
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.codes.clear();
	}

	private issue({ userId, scopes }: Grant, lifetime: number): TokenResponse {
		const accessToken = newToken();
		const refreshToken = newToken();
		const expiresAt = Date.now() + lifetime * 1000;
		this.accessTokens.set(accessToken, {
			token: accessToken,
			userId,
			scopes: [...scopes],
			expiresAt,
		});
		this.refreshTokens.set(refreshToken, { userId, scopes: [...scopes], accessToken });
		return {
			access_token: accessToken,
			expires: Math.floor(expiresAt / 1000),
			expires_in: lifetime,
			scope: scopes.join(','),
			domain: 'oauth.bitrix.info',
			server_endpoint: `${this.baseUrl()}/oauth/rest/`,
			status: 'L',
			client_endpoint: `${this.baseUrl()}/rest/`,
			member_id: this.memberId,
			user_id: userId,
			refresh_token: refreshToken,
		};
	}
}
