import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** `my.bitrix24.com`, `https://my.bitrix24.com/` or `http://localhost:8024` become one portal origin. */
export function normalizePortal(input: unknown): string {
	const text = typeof input === 'string' ? input.trim().replace(/\/+$/, '') : '';
	if (text === '') return '';
	return /^https?:\/\//i.test(text) ? text : `https://${text}`;
}

/**
 * Where an OAuth2 app sends its calls: Bitrix24 names the portal's REST endpoint
 * in the token answer (`client_endpoint`); before the first token, the portal's `/rest/`.
 */
export function oauthRestEndpoint(credentials: ICredentialDataDecryptedObject): string {
	const tokenData = credentials.oauthTokenData as { client_endpoint?: unknown } | undefined;
	const fromToken = tokenData?.client_endpoint;
	if (typeof fromToken === 'string' && /^https?:\/\//i.test(fromToken)) {
		return fromToken.endsWith('/') ? fromToken : `${fromToken}/`;
	}
	return `${normalizePortal(credentials.portal)}/rest/`;
}
