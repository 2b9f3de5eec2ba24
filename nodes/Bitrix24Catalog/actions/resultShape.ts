import type { INode } from 'n8n-workflow';

import { isObject } from '../helpers/isObject';
import { redactSecrets } from '../helpers/withoutSecrets';
import { toNodeApiError } from '../transport/nodeApiError';

/** The form of a method's result that an operation relies on, checked before the result is used. */
export interface ResultShape {
	/** What the method documents, as an error names it, e.g. "a productImages list". */
	expected: string;
	/** What is wrong with a result, said without its values; undefined when the result fits. */
	problem(result: unknown): string | undefined;
}

/**
 * `{ [key]: {...} }`, with a numeric `id` (or the record's own ID field, `idField`) in the object
 * when `withId` (add, get, getFields).
 */
export function objectResult(key: string, withId: boolean, idField = 'id'): ResultShape {
	return {
		expected: `a ${key} object${withId ? ` with a numeric ${idField}` : ''}`,
		problem(result) {
			if (!isObject(result) || !(key in result)) return shapeOf('result', result);
			const object = result[key];
			if (!isObject(object)) return shapeOf(`result.${key}`, object);
			if (withId && !isNumericId(object[idField])) {
				return shapeOf(`result.${key}.${idField}`, object[idField]);
			}
			return undefined;
		},
	};
}

/** `{ [key]: [...] }` (list). */
export function listResult(key: string): ResultShape {
	return {
		expected: `a ${key} list`,
		problem(result) {
			if (!isObject(result) || !(key in result)) return shapeOf('result', result);
			return Array.isArray(result[key]) ? undefined : shapeOf(`result.${key}`, result[key]);
		},
	};
}

/** `true` (delete). */
export const TRUE_RESULT: ResultShape = {
	expected: 'true',
	problem: (result) => (result === true ? undefined : shapeOf('result', result)),
};

/**
 * The error for a result of `method` that is not in the form the operation relies on, or
 * undefined when it is: a portal or proxy that answers success with something else must not
 * pass as an empty output, a `{}` image or a delete of nothing.
 */
export function resultShapeError(
	node: INode,
	itemIndex: number,
	method: string,
	result: unknown,
	shape: ResultShape,
): Error | undefined {
	const problem = shape.problem(result);
	if (problem === undefined) return undefined;
	return toNodeApiError(
		node,
		{ kind: 'unexpectedAnswer', method, problem, expected: shape.expected },
		itemIndex,
	);
}

const MAX_KEYS_SHOWN = 10;

/** What a value is, never what it holds: a result may carry signed URLs and tokens. */
export function shapeOf(path: string, value: unknown): string {
	if (value === undefined) return `${path} is missing`;
	if (value === null) return `${path} is null`;
	if (typeof value === 'boolean') return `${path} is ${value}`;
	if (Array.isArray(value)) {
		return value.length === 0 ? `${path} is an empty list` : `${path} is a list of ${value.length}`;
	}
	if (typeof value === 'object') {
		const keys = Object.keys(value).map((key) => redactSecrets(key.slice(0, 40)));
		if (keys.length === 0) return `${path} is an empty object`;
		const more = keys.length > MAX_KEYS_SHOWN ? ` and ${keys.length - MAX_KEYS_SHOWN} more` : '';
		return `${path} has keys: ${keys.slice(0, MAX_KEYS_SHOWN).join(', ')}${more}`;
	}
	return `${path} is a ${typeof value}`;
}

function isNumericId(value: unknown): boolean {
	return (
		(typeof value === 'number' && Number.isInteger(value)) ||
		(typeof value === 'string' && /^\d+$/.test(value))
	);
}
