import type { IDataObject } from 'n8n-workflow';

import type { CallFailure } from '../../transport/errors';
import type { ResultShape } from '../resultShape';
import { TRUE_RESULT } from '../resultShape';

/**
 * The catalog's "no such record" texts: "Section is not exists", "Store is not exists", "Price
 * type is not exists" (the controllers' `exists` checks), "product does not exist.", "The
 * service does not exist", "Document not found". Only read after a lost answer.
 */
const MISSING = /(is not exists|does not exist|was not found|not found)\.?$/i;

/** What a resent delete that found nothing gives instead of its failure. */
export interface DeletedBefore {
	deletedBefore: true;
}

/**
 * A delete sent again after its answer was lost (`uncertain`) that finds no record: the first
 * attempt deleted it, so the call is done (the way Product Image Delete reads such a retry).
 */
export function deletedBefore(failure: CallFailure, uncertain: boolean): DeletedBefore | undefined {
	return uncertain &&
		failure.kind === 'bitrix24' &&
		failure.httpStatus === 400 &&
		MISSING.test(failure.description.trim())
		? { deletedBefore: true }
		: undefined;
}

export function isDeletedBefore(result: unknown): result is DeletedBefore {
	return typeof result === 'object' && result !== null && 'deletedBefore' in result;
}

/** `true`, or a delete found done by its retry. */
export const TRUE_OR_DELETED_BEFORE: ResultShape = {
	expected: TRUE_RESULT.expected,
	problem: (result) => (isDeletedBefore(result) ? undefined : TRUE_RESULT.problem(result)),
};

/** The output of such a delete: `result: true`, and a `note` saying how it is known. */
export function deletedBeforeOutput(method: string): IDataObject {
	return {
		result: true,
		note: `Bitrix24's answer to ${method} was lost; sent again, it found nothing to delete, so the first attempt deleted it`,
	};
}
