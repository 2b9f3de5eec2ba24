/**
 * Reads an inbound webhook URL the way people paste it from Bitrix24:
 * `https://portal/rest/1/abc123/`, without the trailing slash, with a method
 * name left on the end (`.../rest/1/abc123/profile.json`), on any portal domain.
 */
export interface Bitrix24Webhook {
	/** `https://portal.bitrix24.com` (scheme and host, plus any path prefix of a self-hosted portal) */
	portal: string;
	userId: number;
	secret: string;
	/** The URL every method name is appended to, ending in `/` */
	baseUrl: string;
}

export const WEBHOOK_URL_SHAPE = 'https://your-portal.bitrix24.com/rest/1/abc123xyz456/';

const WEBHOOK_PATH = /^(.*?)\/rest\/(\d+)\/([A-Za-z0-9_]+)(?:\/.*)?$/;

export class WebhookUrlError extends Error {}

export function parseWebhookUrl(input: unknown): Bitrix24Webhook {
	const text = typeof input === 'string' ? input.trim() : '';
	if (text === '') {
		throw new WebhookUrlError(
			`The webhook URL is empty. Paste the inbound webhook URL from Bitrix24, shaped like ${WEBHOOK_URL_SHAPE}`,
		);
	}

	const url = toUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
	if (!url) {
		throw new WebhookUrlError(
			`The webhook URL is not a valid URL. It should look like ${WEBHOOK_URL_SHAPE}`,
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new WebhookUrlError(
			`The webhook URL must start with https:// and look like ${WEBHOOK_URL_SHAPE}`,
		);
	}

	// The secret is in the path: never repeat the URL itself in a message.
	const match = WEBHOOK_PATH.exec(url.pathname);
	if (!match) {
		throw new WebhookUrlError(
			`The webhook URL for ${url.host} has no /rest/{user ID}/{secret}/ part. ` +
				`Copy the whole inbound webhook URL from Bitrix24; it looks like ${WEBHOOK_URL_SHAPE}`,
		);
	}

	const [, prefix, userId, secret] = match;
	const portal = `${url.protocol}//${url.host}${prefix}`;
	return {
		portal,
		userId: Number(userId),
		secret,
		baseUrl: `${portal}/rest/${userId}/${secret}/`,
	};
}

function toUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}
