import type { IDataObject } from 'n8n-workflow';

import type { CallFailure } from './errors';
import { failureOfAnswer } from './errors';
import { FileContent } from './jsonBody';

/** Bitrix24 runs at most this many commands in one `batch` request. */
export const BATCH_LIMIT = 50;

interface Call {
	method: string;
	params: IDataObject;
}

/** Statuses Bitrix24 gives these codes when they answer a single call; in a batch they come bare. */
const STATUS_OF_CODE: Record<string, number> = {
	QUERY_LIMIT_EXCEEDED: 503,
	OVERLOAD_LIMIT: 503,
	OPERATION_TIME_LIMIT: 429,
	INTERNAL_SERVER_ERROR: 500,
	ERROR_UNEXPECTED_ANSWER: 500,
	PORTAL_DELETED: 500,
	ERROR_METHOD_NOT_FOUND: 404,
	ERROR_BATCH_METHOD_NOT_ALLOWED: 405,
	NO_AUTH_FOUND: 401,
	expired_token: 401,
	invalid_token: 401,
	INVALID_CREDENTIALS: 401,
	insufficient_scope: 401,
	ACCESS_DENIED: 403,
	WRONG_AUTH_TYPE: 403,
	user_access_error: 403,
};

/**
 * The bytes of files one `batch` request carries at most: their base64, escaped in the commands'
 * queries, stays well inside PHP's default `post_max_size` of 8 MB.
 */
export const BATCH_FILE_BYTES = 4 * 1024 * 1024;

/**
 * `list` in runs of up to 50 (one `batch` request each), or of up to `size`; with `bytesOf`, each
 * run also holds files of at most BATCH_FILE_BYTES together.
 */
export function batchChunks<T>(list: T[], size = BATCH_LIMIT, bytesOf?: (entry: T) => number): T[][] {
	const chunks: T[][] = [];
	let chunk: T[] = [];
	let bytes = 0;
	for (const entry of list) {
		const entryBytes = bytesOf?.(entry) ?? 0;
		if (chunk.length === size || (chunk.length > 0 && bytes + entryBytes > BATCH_FILE_BYTES)) {
			chunks.push(chunk);
			chunk = [];
			bytes = 0;
		}
		chunk.push(entry);
		bytes += entryBytes;
	}
	if (chunk.length > 0) chunks.push(chunk);
	return chunks;
}

/**
 * A value from the answer of an earlier call of the same batch (`$result[c0][sections][49][id]`),
 * written by the node itself: Bitrix24 puts the value in before running the call that names it.
 * An object, never a text, so that only the node's own references are renumbered when calls
 * share a request; a text that merely looks like one is user data (see `batchObstacle`).
 */
export class BatchReference {
	constructor(
		/** The position of the referenced call among its caller's own calls. */
		readonly command: number,
		readonly path: ReadonlyArray<string | number>,
	) {}

	/** The reference as Bitrix24 reads it, for a caller whose calls start at `offset` in the request. */
	text(offset: number): string {
		return `$result[${commandKey(this.command + offset)}]${this.path.map((step) => `[${step}]`).join('')}`;
	}
}

/** A reference to `path` in the result of the caller's call at `index`. */
export function resultReference(index: number, path: Array<string | number>): BatchReference {
	return new BatchReference(index, path);
}

/**
 * `fields[productId]=1&select[0]=id`: the PHP-style query string a batch command is written in.
 * `offset`: where the caller's calls start in the request, for its references.
 */
export function phpQuery(params: IDataObject, offset = 0): string {
	const pairs: string[] = [];
	const add = (key: string, value: unknown): void => {
		if (value instanceof BatchReference) {
			pairs.push(`${encodeKey(key)}=${encodeURIComponent(value.text(offset))}`);
		} else if (value instanceof FileContent) {
			// `["name.png", "<base64>"]`, as a JSON body writes it.
			add(`${key}[0]`, value.fileName);
			pairs.push(`${encodeKey(`${key}[1]`)}=${encodeURIComponent(value.bytes.toString('base64'))}`);
		} else if (Array.isArray(value)) {
			value.forEach((entry, index) => add(`${key}[${index}]`, entry));
		} else if (typeof value === 'object' && value !== null) {
			for (const [name, entry] of Object.entries(value)) add(`${key}[${name}]`, entry);
		} else if (value !== undefined) {
			pairs.push(`${encodeKey(key)}=${encodeURIComponent(String(value))}`);
		}
	};
	for (const [name, value] of Object.entries(params)) add(name, value);
	return pairs.join('&');
}

function encodeKey(key: string): string {
	return encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

/** The key of a batch's call at `index`: its answer is `result[key]`. */
function commandKey(index: number): string {
	return `c${index}`;
}

/**
 * The `batch` parameters for several callers' calls in one request, keyed by position in it:
 * each caller's references to its own earlier results move with its calls. `halt`: the portal
 * stops at the first failing command (the request's last caller is then the one it stops).
 */
export function sharedBatchParams(parts: Call[][], halt = false): IDataObject {
	const cmd: IDataObject = {};
	let offset = 0;
	for (const calls of parts) {
		calls.forEach((call, index) => {
			const query = phpQuery(call.params, offset);
			cmd[commandKey(offset + index)] = query ? `${call.method}?${query}` : call.method;
		});
		offset += calls.length;
	}
	return { halt: halt ? 1 : 0, cmd };
}

/**
 * Each command's outcome from a batch answer: its `result` (with its list's `total` and `next`,
 * where the portal sent them), or its `result_error` read like the error of a single call.
 * Empty sections come as `[]`, which reads as "nothing" here too. `halt`: the portal stopped at
 * the first failing command, and the commands after it, which have neither, did not run.
 */
export function readBatch(
	body: unknown,
	count: number,
	halt = false,
): Array<{ value: unknown; total?: unknown; next?: unknown } | { failure: CallFailure }> {
	const sections = ((body as IDataObject | undefined)?.result ?? {}) as IDataObject;
	const results = asRecord(sections.result);
	const errors = asRecord(sections.result_error);
	const totals = asRecord(sections.result_total);
	const nexts = asRecord(sections.result_next);
	return Array.from({ length: count }, (_, index) => {
		const key = commandKey(index);
		const error = errors[key] as IDataObject | undefined;
		if (error && typeof error === 'object') {
			const code = String(error.error);
			const failure = failureOfAnswer({ statusCode: STATUS_OF_CODE[code] ?? 400, body: error });
			if (failure) return { failure };
		}
		if (key in results) return { value: results[key], total: totals[key], next: nexts[key] };
		if (halt) return { failure: { kind: 'notRun' } };
		return {
			failure: {
				kind: 'bitrix24',
				code: 'BATCH_NO_ANSWER',
				description: 'The batch answer has neither a result nor an error for this call',
				httpStatus: 200,
			},
		};
	});
}

/** Each command's `time` from a batch answer's `result_time` (its `operating` above all), if given. */
export function batchTimes(body: unknown, count: number): Array<IDataObject | undefined> {
	const sections = ((body as IDataObject | undefined)?.result ?? {}) as IDataObject;
	const times = asRecord(sections.result_time);
	return Array.from({ length: count }, (_, index) => {
		const time = times[commandKey(index)];
		return time && typeof time === 'object' ? (time as IDataObject) : undefined;
	});
}

function asRecord(section: unknown): IDataObject {
	return section && typeof section === 'object' && !Array.isArray(section)
		? (section as IDataObject)
		: {};
}
