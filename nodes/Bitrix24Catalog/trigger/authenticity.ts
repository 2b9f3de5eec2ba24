import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/** Equal texts, compared in constant time so a forger learns nothing from how long it took. */
export function sameSecret(given: string | undefined, expected: string): boolean {
	if (given === undefined || expected === '') return false;
	const digest = (text: string) => createHash('sha256').update(text).digest();
	return timingSafeEqual(digest(given), digest(expected));
}

/** The key the trigger puts into the handler URL it binds, so only that portal knows the URL. */
export function newHandlerKey(): string {
	return randomBytes(24).toString('hex');
}

/** The URL Bitrix24 is told to call: n8n's webhook URL with the handler key. */
export function handlerUrl(webhookUrl: string, key: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set('key', key);
	return url.toString();
}

/** The credential's application token, or none. */
async function credentialToken(context: IWebhookFunctions | IHookFunctions): Promise<string[]> {
	const { applicationToken } = await context.getCredentials('bitrix24WebhookApi');
	return typeof applicationToken === 'string' && applicationToken !== '' ? [applicationToken] : [];
}

/**
 * The application tokens a webhook-credential trigger accepts: the credential's (stored
 * encrypted), and the trigger's own parameter, which workflows set up before still hold.
 */
export async function applicationTokens(
	context: IWebhookFunctions | IHookFunctions,
): Promise<string[]> {
	const own = context.getNodeParameter('applicationToken', '');
	return [...(await credentialToken(context)), ...(typeof own === 'string' && own ? [own] : [])];
}

/**
 * Whether an event carries a token a webhook-credential trigger accepts. The trigger's own
 * parameter is checked first: when it holds the event's token, the credential is not read (in a
 * webhook, n8n builds an expression sandbox for every credential read).
 */
export async function carriesApplicationToken(
	context: IWebhookFunctions,
	given: string | undefined,
): Promise<boolean> {
	const own = context.getNodeParameter('applicationToken', '');
	if (typeof own === 'string' && sameSecret(given, own)) return true;
	const tokens = await credentialToken(context);
	return tokens.some((token) => sameSecret(given, token));
}
