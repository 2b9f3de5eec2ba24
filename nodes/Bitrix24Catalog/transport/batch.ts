import type { IDataObject } from 'n8n-workflow';

import type { CallFailure } from './errors';
import { failureOfAnswer } from './errors';

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

/** `list` in runs of up to 50 (one `batch` request each), or of up to `size`. */
export function batchChunks<T>(list: T[], size = BATCH_LIMIT): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size) {
		chunks.push(list.slice(start, start + size));
	}
	return chunks;
}

/** `fields[productId]=1&select[0]=id`: the PHP-style query string a batch command is written in. */
export function phpQuery(params: IDataObject): string {
	const pairs: string[] = [];
	const add = (key: string, value: unknown): void => {
		if (value === undefined || value === null) return;
		if (Array.isArray(value)) {
			value.forEach((entry, index) => add(`${key}[${index}]`, entry));
		} else if (typeof value === 'object') {
			for (const [name, entry] of Object.entries(value)) add(`${key}[${name}]`, entry);
		} else {
			pairs.push(
				`${encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(String(value))}`,
			);
		}
	};
	for (const [name, value] of Object.entries(params)) add(name, value);
	return pairs.join('&');
}

/** The key of a batch's call at `index`: its answer is `result[key]`. */
function commandKey(index: number): string {
	return `c${index}`;
}

/**
 * A value from the answer of an earlier call of the same batch (`$result[c0][sections][49][id]`):
 * Bitrix24 puts it in before running the call that names it.
 */
export function resultReference(index: number, path: Array<string | number>): string {
	return `$result[${commandKey(index)}]${path.map((step) => `[${step}]`).join('')}`;
}

/** The `batch` parameters for calls keyed by position, so each answer finds its call again. */
export function batchParams(calls: Call[]): IDataObject {
	return sharedBatchParams([calls]);
}

/**
 * The `batch` parameters for several callers' calls in one request, keyed by position in it:
 * each caller's references to its own earlier results (`$result[c0]...`) move with its calls.
 */
export function sharedBatchParams(parts: Call[][]): IDataObject {
	const cmd: IDataObject = {};
	let offset = 0;
	for (const calls of parts) {
		calls.forEach((call, index) => {
			const query = phpQuery(offset === 0 ? call.params : shiftReferences(call.params, offset));
			cmd[commandKey(offset + index)] = query ? `${call.method}?${query}` : call.method;
		});
		offset += calls.length;
	}
	return { halt: 0, cmd };
}

const REFERENCE = /\$result\[c(\d+)\]/g;

function shiftReferences(params: IDataObject, offset: number): IDataObject {
	const shift = (value: unknown): unknown => {
		if (typeof value === 'string') {
			return value.replace(REFERENCE, (_, index: string) => resultReference(Number(index) + offset, []));
		}
		if (Array.isArray(value)) return value.map(shift);
		if (value && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, shift(entry)]));
		}
		return value;
	};
	return shift(params) as IDataObject;
}

/**
 * Each command's outcome from a batch answer: its `result` (with its list's `total` and `next`,
 * where the portal sent them), or its `result_error` read like the error of a single call.
 * Empty sections come as `[]`, which reads as "nothing" here too.
 */
export function readBatch(
	body: unknown,
	count: number,
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
