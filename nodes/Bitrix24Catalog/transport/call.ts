import type { IDataObject } from 'n8n-workflow';

import type { CallFailure } from './errors';
import type { Outcome } from './request';

/** One REST method call, as an operation builds it from the node's parameters. */
export interface Bitrix24Call {
	method: string;
	params: IDataObject;
	/** Large parameters (file contents), read only when the call is about to be sent. */
	load?: () => Promise<IDataObject>;
	/** Sent in a request of its own, never in a batch. */
	alone?: boolean;
	/**
	 * The result to take instead of a failure that is an answer after all (a product gone by the
	 * time it is read), or undefined to keep the failure. `uncertain`: an earlier attempt may have
	 * gone through, so a delete that finds nothing has done its work.
	 */
	resultOfFailure?: (failure: CallFailure, uncertain: boolean) => unknown;
	/** Set on a call that creates something: it is never sent again blindly (see CreateCheck). */
	creates?: CreateCheck;
	/**
	 * The result as the answer holds it beside the list's `total` and `next` (each where the
	 * portal sent it): `{ result, total?, next? }`. For calls that show the whole answer.
	 */
	withPaging?: boolean;
}

/** `{ result, total?, next? }` (see `withPaging`). */
export function withPaging(result: unknown, { total, next }: { total?: unknown; next?: unknown }) {
	return {
		result,
		...(total === undefined ? {} : { total }),
		...(next === undefined ? {} : { next }),
	};
}

/**
 * An add is not idempotent: when its answer is lost, the first attempt may have created the thing.
 * The transport then looks for it (`lookup`) instead of sending again; found, it is the result; not
 * found after a definite answer (a server error, a closed connection), the call goes again; when the
 * call has no lookup, or the portal may still be working on it (a time-out), the item fails saying so.
 */
export interface CreateCheck {
	/** What the call creates, as the error names it: "image". */
	what: string;
	/** The call changes rather than creates (conduct, update): the error says it may have been carried out. */
	carriedOut?: boolean;
	lookup?: {
		call: Bitrix24Call;
		/** The created thing in the lookup's result, made no earlier than `since` (epoch ms, portal clock). */
		pick(result: unknown, since: number): unknown;
	};
}

/** What one `batch` request brought back for each of its calls. */
export type CallOutcome = { result: unknown } | { error: Error };

/** A failure the call reads as its result (see `resultOfFailure`) is a success. */
export function settle(
	call: Bitrix24Call,
	failure: CallFailure,
	uncertain: boolean,
): Outcome<unknown> {
	const result = call.resultOfFailure?.(failure, uncertain);
	return result === undefined ? { failure } : { value: result };
}
