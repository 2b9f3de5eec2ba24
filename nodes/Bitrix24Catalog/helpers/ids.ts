import type { IExecuteFunctions, INode } from 'n8n-workflow';

import type { WholeNumberRange } from './wholeNumber';
import { readWholeNumber, toWholeNumber, wholeNumberOf } from './wholeNumber';

/** Bitrix24 keeps IDs in signed 32-bit integer columns. */
export const MAX_BITRIX24_ID = 2147483647;

function idRange(label: string): WholeNumberRange {
	return {
		min: 1,
		max: MAX_BITRIX24_ID,
		maxNote: ' (the largest ID Bitrix24 stores)',
		description: `${label} must be a whole number from 1 to ${MAX_BITRIX24_ID}, for example 42.`,
	};
}

/**
 * Turns a parameter value into a Bitrix24 ID, or explains, naming the parameter and the item,
 * why it cannot be one. Expressions hand over numbers or numeric strings; both are accepted.
 */
export function toBitrix24Id(node: INode, value: unknown, label: string, itemIndex: number): number {
	return toWholeNumber(node, value, label, itemIndex, idRange(label));
}

/** A value as a Bitrix24 ID, or what is wrong with it (`must be a number, but got "abc"`). */
export function readBitrix24Id(value: unknown): { id: number } | { problem: string } {
	const read = wholeNumberOf(value, idRange(''));
	return 'value' in read ? { id: read.value } : read;
}

/** Reads an ID parameter (any resource locator mode) of one item and checks it. */
export function readId(
	context: { getNode(): INode; getNodeParameter: IExecuteFunctions['getNodeParameter'] },
	name: string,
	label: string,
	itemIndex: number,
): number {
	return readWholeNumber(context, name, label, itemIndex, idRange(label));
}
