import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Bitrix24 keeps IDs in signed 32-bit integer columns. */
export const MAX_BITRIX24_ID = 2147483647;

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

/**
 * Turns a parameter value into a Bitrix24 ID, or explains, naming the parameter and the item,
 * why it cannot be one. Expressions hand over numbers or numeric strings; both are accepted.
 */
export function toBitrix24Id(node: INode, value: unknown, label: string, itemIndex: number): number {
	const read = readBitrix24Id(value);
	if ('id' in read) return read.id;
	throw new NodeOperationError(node, `${label} ${read.problem} [item ${itemIndex}]`, {
		itemIndex,
		description: `${label} must be a whole number from 1 to ${MAX_BITRIX24_ID}, for example 42.`,
	});
}

/** A value as a Bitrix24 ID, or what is wrong with it (`must be a number, but got "abc"`). */
export function readBitrix24Id(value: unknown): { id: number } | { problem: string } {
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
	if (number < 1) return { problem: `must be 1 or greater, but got ${number}` };
	if (number > MAX_BITRIX24_ID) {
		return {
			problem: `must be at most ${MAX_BITRIX24_ID} (the largest ID Bitrix24 stores), but got ${number}`,
		};
	}
	return { id: number };
}

/** Shortened, and escaped so that the text cannot break a message or a log line. */
function quoted(text: string): string {
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

function describeType(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'boolean') return `${value}`;
	return `a value of type ${typeof value}`;
}

/** Reads an ID parameter (any resource locator mode) of one item and checks it. */
export function readId(
	context: { getNode(): INode; getNodeParameter: IExecuteFunctions['getNodeParameter'] },
	name: string,
	label: string,
	itemIndex: number,
): number {
	const value = context.getNodeParameter(name, itemIndex, undefined, { extractValue: true });
	return toBitrix24Id(context.getNode(), value, label, itemIndex);
}
