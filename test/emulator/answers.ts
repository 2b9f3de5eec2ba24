// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- test server, not node code
import { STATUS_CODES } from 'node:http';

import { Bitrix24Error, errorBody, type ErrorSettings } from './errors';

/** What the server writes back for one request. */
export interface Answer {
	status: number;
	headers: Record<string, string>;
	body: string | Buffer | StreamedBody;
}

/** A body of `streamedBytes` zero bytes, written as the client reads it: a huge file, never held. */
export interface StreamedBody {
	streamedBytes: number;
}

export function isStreamedBody(body: Answer['body']): body is StreamedBody {
	return typeof body === 'object' && !Buffer.isBuffer(body);
}

export function jsonAnswer(status: number, value: unknown): Answer {
	return {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: JSON.stringify(value),
	};
}

export function textAnswer(status: number, body: string | Buffer, contentType: string): Answer {
	return { status, headers: { 'content-type': contentType }, body };
}

export function notFoundAnswer(): Answer {
	return textAnswer(404, 'Not Found', 'text/plain; charset=utf-8');
}

export function redirectAnswer(location: string, status = 302): Answer {
	return { status, headers: { location }, body: '' };
}

/** `bytes` bytes of a file, sent in chunks; `declareLength` announces the size up front. */
export function streamedAnswer(bytes: number, contentType: string, declareLength: boolean): Answer {
	return {
		status: 200,
		headers: {
			'content-type': contentType,
			...(declareLength ? { 'content-length': String(bytes) } : {}),
		},
		body: { streamedBytes: bytes },
	};
}

export function bitrixErrorAnswer(error: Bitrix24Error, settings: ErrorSettings): Answer {
	return jsonAnswer(error.status, errorBody(error, settings.codeStyle));
}

/** Runs `produce`, answering a thrown `Bitrix24Error` as the portal would; other errors are defects. */
export async function answeringBitrixErrors(
	settings: ErrorSettings,
	produce: () => Answer | Promise<Answer>,
): Promise<Answer> {
	try {
		return await produce();
	} catch (error) {
		if (error instanceof Bitrix24Error) return bitrixErrorAnswer(error, settings);
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- not node code: the server answers it with a 500
		throw error;
	}
}

/** The page a reverse proxy (nginx) shows when the portal behind it does not answer. */
export function proxyPageAnswer(status: number): Answer {
	const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
	const page =
		`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
		`<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
	return textAnswer(status, page, 'text/html');
}
