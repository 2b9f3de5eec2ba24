import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isObject } from '../../../helpers/isObject';
import { itemError } from '../../../helpers/itemError';

/**
 * The item's Parameters: a JSON object as text, or an object an expression made. Anything else
 * is refused before anything is sent, naming the item.
 */
export function readParameters(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const raw = context.getNodeParameter('parameters', itemIndex, '{}') as unknown;
	const refuse = (problem: string) =>
		itemError(
			context.getNode(),
			`Parameters must be a JSON object, but ${problem}`,
			itemIndex,
			'Write the method\'s parameters as one JSON object, as its page in the Bitrix24 REST reference shows them, for example {"filter": {"%name": "chair"}, "order": {"name": "ASC"}}. Nothing was sent.',
		);
	let value = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw refuse(`it is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (isObject(value)) return value as IDataObject;
	const shape = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
	throw refuse(`got ${shape}`);
}
