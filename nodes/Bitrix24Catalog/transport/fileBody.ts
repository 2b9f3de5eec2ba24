import type { IDataObject } from 'n8n-workflow';

import type { CallFailure } from './errors';
import { failureOfAnswer, failureOfThrown } from './errors';

/**
 * Files in answers: a portal file's body (an image at its `detailUrl`) or a method's answer that
 * is a file (`catalog.product.download`), read within a size and only of the type expected.
 */

/** A file served by the portal, such as an image at its `detailUrl`. */
export interface PortalFile {
	body: Buffer;
	contentType: string;
	/** The name the portal gave the file (a download's Content-Disposition), if it gave one. */
	fileName?: string;
}

/** What the caller takes: an image (by default) or any file, of at most `maxBytes`. */
export interface ExpectedFile {
	/** The file's name, for errors. */
	name: string;
	maxBytes: number;
	/** The type of content served without one (or as application/octet-stream), if it is one taken. */
	typeOfContent(bytes: Buffer): string | undefined;
	/** 'file': any type but a web page, which is the portal's answer instead of the file. */
	kind?: 'image' | 'file';
}

/** A response body as n8n hands it over with `encoding: 'stream'` (Node's response stream). */
interface BodyStream extends AsyncIterable<Buffer> {
	destroy(): void;
}

export interface StreamedAnswer {
	statusCode: number;
	headers: IDataObject;
	body: BodyStream;
}

export type Refuse = (failure: CallFailure) => Error;

/** Whether a declared type is one the caller takes: an image, or for any file not a web page. */
function accepts(expected: ExpectedFile, declared: string): boolean {
	return expected.kind === 'file' ? declared !== 'text/html' : declared.startsWith('image/');
}

/**
 * Reads the body if the portal serves it as the file expected (an image, unless any file is),
 * and stops reading past `maxBytes`: a huge file is refused without being held. Content served
 * without a type must be of a type the caller recognises.
 */
export async function readFile(
	answer: StreamedAnswer,
	expected: ExpectedFile,
	refuse: Refuse,
): Promise<PortalFile> {
	const declared = mediaType(answer.headers['content-type']);
	const untyped = declared === '' || declared === 'application/octet-stream';
	const tooLarge: CallFailure = {
		kind: 'fileTooLarge',
		file: expected.name,
		maxBytes: expected.maxBytes,
		what: expected.kind,
	};
	const notExpected: CallFailure = {
		kind: 'fileNotImage',
		file: expected.name,
		contentType: declared,
		what: expected.kind,
	};
	if (!untyped && !accepts(expected, declared)) {
		answer.body.destroy();
		throw refuse(notExpected);
	}
	if (Number(answer.headers['content-length']) > expected.maxBytes) {
		answer.body.destroy();
		throw refuse(tooLarge);
	}
	const chunks: Buffer[] = [];
	let total = 0;
	try {
		// Leaving the loop early destroys the stream, which closes the connection.
		for await (const chunk of answer.body) {
			total += chunk.length;
			if (total > expected.maxBytes) break;
			chunks.push(chunk);
		}
	} catch (error) {
		throw refuse(failureOfThrown(error));
	}
	if (total > expected.maxBytes) throw refuse(tooLarge);
	const body = Buffer.concat(chunks, total);
	const contentType = untyped ? expected.typeOfContent(body) : declared;
	if (!contentType) throw refuse(notExpected);
	return { body, contentType };
}

/** An error answer is small; more than this is not one. */
const MAX_ERROR_BYTES = 1024 * 1024;

/**
 * A method's answer that should be a file (`catalog.product.download`): the file, read as
 * `readFile` reads one, or the failure a JSON answer (or a refusal) tells.
 */
export async function methodFile(
	method: string,
	answer: StreamedAnswer,
	expected: ExpectedFile,
	refuse: Refuse,
): Promise<{ file: PortalFile } | { failure: CallFailure }> {
	const declared = mediaType(answer.headers['content-type']);
	const ok = answer.statusCode >= 200 && answer.statusCode <= 299;
	if (ok && declared !== 'application/json' && declared !== 'text/html') {
		const file = await readFile(answer, expected, refuse);
		const fileName = fileNameOf(answer.headers['content-disposition']);
		return { file: fileName ? { ...file, fileName } : file };
	}
	const text = await readText(answer.body, refuse);
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// A page from a proxy: told as not JSON.
	}
	const failure = failureOfAnswer({ statusCode: answer.statusCode, body });
	return {
		failure: failure ?? {
			kind: 'unexpectedAnswer',
			method,
			problem: 'the answer is a JSON result, not a file',
			expected: 'a file',
		},
	};
}

async function readText(body: BodyStream, refuse: Refuse): Promise<string> {
	const chunks: Buffer[] = [];
	let total = 0;
	try {
		for await (const chunk of body) {
			total += chunk.length;
			if (total > MAX_ERROR_BYTES) break;
			chunks.push(chunk);
		}
	} catch (error) {
		throw refuse(failureOfThrown(error));
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** `attachment; filename="a.png"; filename*=utf-8''a.png` → `a.png`; the encoded form first. */
function fileNameOf(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const encoded = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(header)?.[1];
	const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1];
	const raw = (encoded ?? plain)?.trim();
	if (!raw) return undefined;
	let name = raw;
	try {
		name = decodeURIComponent(raw);
	} catch {
		// Kept as it came.
	}
	// A name, never a path.
	return name.split(/[\\/]/).pop() || undefined;
}

/** `image/png; charset=...` → `image/png`; none → ''. */
export function mediaType(header: unknown): string {
	return typeof header === 'string' ? header.split(';')[0].trim().toLowerCase() : '';
}
