import { createHmac, randomBytes } from 'node:crypto';

import type { Caller } from '../auth';

/**
 * The signed `downloadUrl` of an image, shaped like the portal's (`CRestUtil::getDownloadUrl`):
 * a token `scope|base64(query)|signature`, on the caller's own endpoint, so the URL carries the
 * webhook secret or the access token. Nothing checks the signature: the emulator, like a portal
 * reached through a webhook, does not serve these URLs.
 */

const SIGNING_KEY = randomBytes(32);
const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function nonce(length: number): string {
	return [...randomBytes(length)]
		.map((byte) => NONCE_ALPHABET[byte % NONCE_ALPHABET.length])
		.join('');
}

function signedToken(imageId: number): string {
	const query = Buffer.from(`id=${imageId}&_=${nonce(32)}`).toString('base64');
	const payload = Buffer.from(JSON.stringify(`download|catalog|${query}`)).toString('base64');
	const signature = createHmac('sha256', SIGNING_KEY).update(payload).digest('base64');
	return `catalog|${query}|${payload}.${signature}`;
}

export function downloadUrl(imageId: number, caller: Caller, origin: string): string {
	const token = encodeURIComponent(signedToken(imageId));
	return caller.via === 'webhook'
		? `${origin}/rest/${caller.user.id}/${caller.token}/download/?token=${token}`
		: `${origin}/rest/download.json?auth=${caller.token}&token=${token}`;
}
