import type { IExecuteFunctions } from 'n8n-workflow';

import { failureOfThrown } from './errors';
import { toNodeApiError } from './nodeApiError';
import type { ExpectedFile, PortalFile, Refuse, StreamedAnswer } from './fileBody';
import { readFile } from './fileBody';
import type { TransportSettings } from './request';
import { endpointOf } from './request';

/** A portal moves a file once or twice at most; more is a loop. */
const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a file the portal serves publicly (`/upload/...`), such as an image's `detailUrl`. The
 * signed `downloadUrl` is not used: it carries the caller's secret and a webhook cannot open it.
 *
 * The address comes from the portal's answer, so it is not trusted: only the portal's own origin
 * (the credential's) is fetched, redirects are followed only within it, and the body is read
 * only while it is an image within `maxBytes`. No credential goes with the request.
 */
export async function fetchPortalFile(
	this: IExecuteFunctions,
	detailUrl: unknown,
	expected: ExpectedFile,
	settings: TransportSettings,
	itemIndex: number,
): Promise<PortalFile> {
	const refuse: Refuse = (failure) =>
		toNodeApiError(this.getNode(), failure, itemIndex, settings.timeoutMs);
	if (typeof detailUrl !== 'string' || detailUrl.trim() === '') {
		throw refuse({ kind: 'noFileUrl', file: expected.name });
	}
	const { portal } = await endpointOf.call(this, settings.authentication, itemIndex);
	const toPortal = (address: string, base: string, redirected: boolean): URL => {
		const place = placeOf(address, base, portal);
		if ('url' in place) return place.url;
		throw refuse({ kind: 'fileElsewhere', file: expected.name, ...place, portal, redirected });
	};
	let url = toPortal(detailUrl, portal, false);
	for (let redirects = 0; ; redirects++) {
		const answer = await get.call(this, url, settings, refuse);
		const location = answer.headers.location;
		if (
			REDIRECT_STATUSES.has(answer.statusCode) &&
			typeof location === 'string' &&
			redirects < MAX_REDIRECTS
		) {
			answer.body.destroy();
			url = toPortal(location, url.href, true);
			continue;
		}
		if (answer.statusCode < 200 || answer.statusCode > 299) {
			answer.body.destroy();
			throw refuse({ kind: 'file', httpStatus: answer.statusCode, path: url.pathname });
		}
		return await readFile(answer, expected, refuse);
	}
}

/**
 * The address, resolved as a browser would (`//host`, `/\host` and `user@host` included), if it is
 * on the portal's origin and names no user; otherwise where it points, told by its origin only.
 */
function placeOf(address: string, base: string, portal: string): { url: URL } | { target: string } {
	let url: URL;
	try {
		url = new URL(address.trim(), base);
	} catch {
		return { target: 'an address that is not valid' };
	}
	if (url.username !== '' || url.password !== '') {
		return { target: 'an address with a user name in it' };
	}
	if (url.origin !== new URL(portal).origin) {
		return { target: url.origin === 'null' ? `a ${url.protocol} address` : url.origin };
	}
	return { url };
}

/** One GET, redirects left to the caller, the body left unread. */
async function get(
	this: IExecuteFunctions,
	url: URL,
	settings: TransportSettings,
	refuse: Refuse,
): Promise<StreamedAnswer> {
	try {
		return (await this.helpers.httpRequest({
			method: 'GET',
			url: url.href,
			encoding: 'stream',
			disableFollowRedirect: true,
			timeout: settings.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as StreamedAnswer;
	} catch (error) {
		throw refuse(failureOfThrown(error));
	}
}
