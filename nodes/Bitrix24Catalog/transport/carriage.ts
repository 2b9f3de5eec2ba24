import type { IDataObject } from 'n8n-workflow';

import { BatchReference } from './batch';
import { FileContent } from './jsonBody';

/**
 * Whether a call may ride in a `batch` request or must go alone, as JSON: the one place that
 * decides it. A batch command is a PHP query string that the portal parses with `parse_str` and
 * then searches for references to other commands' results (`CRestUtil::processBatchElement` in
 * Bitrix24's `modules/rest/classes/general/rest_util.php`), so a call goes alone when its
 * parameters would mean something else there than in a JSON body of its own.
 */

/** A call as the carriage sees it. */
export interface Carried {
	params: IDataObject;
	/** A file's contents to come (read only when sent), or a request that is never batched. */
	alone?: boolean;
	load?: unknown;
}

/** Why a call goes alone. */
export type Obstacle =
	/** A file read only when sent, or one larger than a batch takes (see MAX_BATCHED_FILE_BYTES). */
	| 'file'
	| 'batchingOff'
	/** `[]`, `{}` or `null`: a query string has no way to write them, so the key would vanish. */
	| 'emptyOrNull'
	/** `true`/`false` would arrive as the texts "true"/"false". */
	| 'boolean'
	/** A date or another object that JSON writes by its own rules, and a query would lose. */
	| 'object'
	/** Text the portal would replace with another command's result (`$result[...]` and friends). */
	| 'referenceText'
	/** More values than PHP's `max_input_vars` lets `parse_str` read: the rest would be cut. */
	| 'tooManyValues'
	/** Deeper than PHP's `max_input_nesting_level`: the whole parameter would be dropped. */
	| 'tooDeep';

/** PHP's default `max_input_vars`: `parse_str` reads this many values and drops the rest. */
export const MAX_QUERY_VALUES = 1000;
/** PHP's default `max_input_nesting_level`: a deeper key drops its whole top-level parameter. */
export const MAX_QUERY_NESTING = 64;

/**
 * A file up to this size rides in a batch, as `[name, base64]` in its command's query: the portal
 * refuses only its `download` and `upload` pseudo-methods there, not a method that takes a file in
 * its parameters (`CRestProvider::methodsBatch` in Bitrix24's
 * `modules/rest/classes/general/rest_provider.php`). A larger file goes alone, in a JSON body.
 */
export const MAX_BATCHED_FILE_BYTES = 1024 * 1024;

// The names of a batch's result sections, any letter case, then a bracketed step: a reference.
const REFERENCE_TEXT = /\$(?:result|error|total|next|time)\S*\[/i;

/** Why `call` must go in a request of its own, or undefined when it may ride in a batch. */
export function obstacleOf(call: Carried, batching: boolean | undefined): Obstacle | undefined {
	if (call.alone === true || call.load !== undefined) return 'file';
	if (batching === false) return 'batchingOff';
	return paramsObstacle(call.params);
}

/** Whether `call` may ride in a `batch` request. */
export function mayRideInBatch(call: Carried, batching: boolean | undefined): boolean {
	return obstacleOf(call, batching) === undefined;
}

/** What in `params` a batch command cannot carry faithfully, if anything. */
export function paramsObstacle(params: IDataObject): Obstacle | undefined {
	let values = 0;
	const visit = (value: unknown, depth: number): Obstacle | undefined => {
		// Left out alike by JSON and by a query.
		if (value === undefined) return undefined;
		if (value instanceof BatchReference) {
			values++;
			return undefined;
		}
		if (value === null) return 'emptyOrNull';
		if (value instanceof FileContent) {
			values += 2;
			return value.bytes.length > MAX_BATCHED_FILE_BYTES ? 'file' : undefined;
		}
		if (typeof value === 'boolean') return 'boolean';
		if (typeof value === 'string') {
			values++;
			return REFERENCE_TEXT.test(value) ? 'referenceText' : undefined;
		}
		if (typeof value !== 'object') {
			values++;
			return undefined;
		}
		if (!Array.isArray(value) && !isPlainObject(value)) return 'object';
		const entries = Object.entries(value);
		if (entries.length === 0) return 'emptyOrNull';
		if (depth >= MAX_QUERY_NESTING) return 'tooDeep';
		for (const [key, entry] of entries) {
			if (REFERENCE_TEXT.test(key)) return 'referenceText';
			const obstacle = visit(entry, depth + 1);
			if (obstacle) return obstacle;
		}
		return undefined;
	};
	for (const [key, value] of Object.entries(params)) {
		if (REFERENCE_TEXT.test(key)) return 'referenceText';
		const obstacle = visit(value, 0);
		if (obstacle) return obstacle;
	}
	return values > MAX_QUERY_VALUES ? 'tooManyValues' : undefined;
}

/** The bytes of the files in `params` (see FileContent): a batch holds only so many. */
export function fileBytesOf(params: IDataObject): number {
	let bytes = 0;
	const visit = (value: unknown): void => {
		if (value instanceof FileContent) bytes += value.bytes.length;
		else if (value instanceof BatchReference) return;
		else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
	};
	visit(params);
	return bytes;
}

/** A map of values, of this realm or another (an expression's sandbox), not a date or a class. */
function isPlainObject(value: object): boolean {
	const prototype = Object.getPrototypeOf(value) as object | null;
	return prototype === null || Object.getPrototypeOf(prototype) === null;
}
