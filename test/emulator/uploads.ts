import { notFoundAnswer, textAnswer } from './answers';
import type { Portal } from './portal';
import type { Route } from './routing';

/** Faults aimed at file downloads from `/upload/` use this name as their `method`. */
const UPLOAD_FAULT_NAME = 'upload';

const UPLOAD_PREFIX = '/upload/';

/**
 * The portal's public upload folder: an image's `detailUrl` (or a saved file's `url`) answers its bytes to anyone,
 * without authentication; any other path under it is a plain 404.
 */
export function uploadRoute(portal: Portal): Route {
	return (call) => {
		if (!call.pathname.startsWith(UPLOAD_PREFIX)) return undefined;
		return {
			faultName: UPLOAD_FAULT_NAME,
			takesUntargetedFaults: false,
			answer: () => {
				const file = portal.imageAt(call.pathname) ?? portal.fileAt(call.pathname);
				return file ? textAnswer(200, file.bytes, file.mimeType) : notFoundAnswer();
			},
		};
	};
}
