import type { IDataObject, INode } from 'n8n-workflow';

import type { CallFailure } from '../../../transport/errors';
import { toNodeApiError, withProgress } from '../../../transport/nodeApiError';
import type { ResultShape } from '../../resultShape';
import { TRUE_RESULT } from '../../resultShape';

/** A call's refusal kept as its result, so that the operation can say what it refused. */
export interface Refused {
	refused: CallFailure;
	/** An earlier attempt may have gone through: its answer was lost, and this one refused. */
	uncertain: boolean;
}

/**
 * Bitrix24's refusals (HTTP 400: not enough stock, inventory management off, no such document)
 * come back as `{ refused }` for the operation to name the documents; other failures (limits,
 * network) stay failures, retried as any call's.
 */
export function keepRefusal(failure: CallFailure, uncertain: boolean): Refused | undefined {
	return failure.kind === 'bitrix24' && failure.httpStatus === 400
		? { refused: failure, uncertain }
		: undefined;
}

export function isRefused(result: unknown): result is Refused {
	return typeof result === 'object' && result !== null && 'refused' in result;
}

/** `true`, or a refusal kept by `keepRefusal`. */
export const TRUE_OR_REFUSED: ResultShape = {
	expected: TRUE_RESULT.expected,
	problem: (result) => (isRefused(result) ? undefined : TRUE_RESULT.problem(result)),
};

/** The refusal as the item's error, with Bitrix24's code and text, and what it applies to. */
export function refusalError(
	node: INode,
	refused: Refused,
	itemIndex: number,
	summary: string,
	details: IDataObject,
): Error {
	return withProgress(toNodeApiError(node, refused.refused, itemIndex), summary, details);
}
