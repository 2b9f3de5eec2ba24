import type { Answer } from './answers';
import type { Params } from './params';
import type { RecordedRequest } from './recording';

/** Request headers, names in lower case (as Node delivers them). */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** A header's single value; a repeated header counts as absent. */
export function headerValue(headers: RequestHeaders, name: string): string {
	const value = headers[name];
	return typeof value === 'string' ? value : '';
}

/** `path?query` split at the first `?`; the query keeps its encoding. */
export function splitUrl(url: string): { pathname: string; query: string } {
	const mark = url.indexOf('?');
	return mark === -1
		? { pathname: url, query: '' }
		: { pathname: url.slice(0, mark), query: url.slice(mark + 1) };
}

/** A percent-encoded path (or one segment) decoded; malformed encoding is kept as it came. */
export function decodedPath(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}

/** A request after its body was read and its parameters parsed. */
export interface IncomingCall {
	httpMethod: string;
	/** Path without the query, still percent-encoded. */
	pathname: string;
	headers: RequestHeaders;
	/** Query and body parameters, merged (body wins). */
	params: Params;
	/** Seconds since the epoch, when the request arrived. */
	receivedAt: number;
	/** Routes note what they learn (REST method, caller) here. */
	record: RecordedRequest;
}

/** Where a request goes, decided before any fault is applied. */
export interface Endpoint {
	/** Name that targeted faults (`method`) are matched against. */
	faultName?: string;
	/** Whether faults without a `method` apply here (REST calls: yes). */
	takesUntargetedFaults: boolean;
	/** A real wait before the request is handled, as a distant portal would take (default none). */
	latencyMs?: number;
	answer(): Answer | Promise<Answer>;
}

/** Claims a request by returning its endpoint, or passes with `undefined`. */
export type Route = (call: IncomingCall) => Endpoint | undefined;
