import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { itemError } from './itemError';

/** The whole numbers a parameter takes, and how an error explains them. */
export interface WholeNumberRange {
	min: number;
	max?: number;
	/** Said after the maximum when a value is above it, e.g. why that is the maximum. */
	maxNote?: string;
	/** The error's description: what the parameter takes. */
	description: string;
}

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

/**
 * Turns a parameter value into a whole number within `range`, or explains, naming the parameter
 * and the item, why it cannot be one. Expressions hand over numbers or numeric strings; both are
 * accepted.
 */
export function toWholeNumber(
	node: INode,
	value: unknown,
	label: string,
	itemIndex: number,
	range: WholeNumberRange,
): number {
	const read = wholeNumberOf(value, range);
	if ('value' in read) return read.value;
	throw itemError(node, `${label} ${read.problem}`, itemIndex, range.description);
}

/** A value as a whole number within `range`, or what is wrong with it (`must be a number, but got "abc"`). */
export function wholeNumberOf(
	value: unknown,
	range: Omit<WholeNumberRange, 'description'>,
): { value: number } | { problem: string } {
	let number: number;
	if (typeof value === 'number') {
		number = value;
	} else if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return { problem: 'is empty' };
		if (!NUMERIC.test(text)) return { problem: `must be a number, but got ${quoted(text)}` };
		number = Number(text);
	} else if (value === undefined || value === null) {
		return { problem: 'is empty' };
	} else {
		return { problem: `must be a number, but got ${describeType(value)}` };
	}

	if (!Number.isFinite(number)) return { problem: `must be a number, but got ${String(number)}` };
	if (!Number.isInteger(number)) return { problem: `must be a whole number, but got ${number}` };
	if (number < range.min) return { problem: `must be ${range.min} or greater, but got ${number}` };
	if (range.max !== undefined && number > range.max) {
		return { problem: `must be at most ${range.max}${range.maxNote ?? ''}, but got ${number}` };
	}
	return { value: number };
}

/** Reads a whole-number parameter (any resource locator mode) of one item and checks it. */
export function readWholeNumber(
	context: { getNode(): INode; getNodeParameter: IExecuteFunctions['getNodeParameter'] },
	name: string,
	label: string,
	itemIndex: number,
	range: WholeNumberRange,
): number {
	const value = context.getNodeParameter(name, itemIndex, undefined, { extractValue: true });
	return toWholeNumber(context.getNode(), value, label, itemIndex, range);
}

/** Shortened, and escaped so that the text cannot break a message or a log line. */
function quoted(text: string): string {
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

/** A value as an error shows it: text quoted and shortened, a number as it is, anything else by its type. */
export function shownValue(value: unknown): string {
	if (typeof value === 'string') return quoted(value);
	if (typeof value === 'number') return String(value);
	if (value === null || value === undefined) return String(value);
	if (typeof value === 'object' && !Array.isArray(value)) return 'an object';
	return describeType(value);
}

function describeType(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'boolean') return `${value}`;
	return `a value of type ${typeof value}`;
}
