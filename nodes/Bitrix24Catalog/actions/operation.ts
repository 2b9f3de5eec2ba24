import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Bitrix24Call, CallOutcome } from '../transport';
import type { ExpectedImage, PortalFile } from '../transport/portalFile';
import type { AnswerShape } from './answer';

/** What an operation may do for its item after the first call: more calls, or fetch a portal file. */
export interface ItemContext {
	itemIndex: number;
	send(call: Bitrix24Call): Promise<unknown>;
	/** Several calls, in batches of 50 unless batching is off: each call's result or error, in order. */
	sendAll(calls: Bitrix24Call[]): Promise<CallOutcome[]>;
	/** A file the portal serves at an address its answer gave (`detailUrl`): only from the portal. */
	fetchFile(detailUrl: unknown, expected: ExpectedImage): Promise<PortalFile>;
}

/**
 * An operation in two halves, so that every item's input is checked before anything is sent:
 * `build` reads one item's parameters (and checks its file) into its (first) call, `toItems`
 * turns the call's result, once it has the form `answer` describes, into output items, sending
 * follow-up calls through the context where the operation needs them.
 */
export interface Operation {
	description: INodeProperties[];
	build(this: IExecuteFunctions, itemIndex: number): Bitrix24Call | Promise<Bitrix24Call>;
	/** The form of the first call's result that `toItems` relies on. */
	answer: AnswerShape;
	toItems(
		this: IExecuteFunctions,
		result: unknown,
		context: ItemContext,
	): INodeExecutionData[] | Promise<INodeExecutionData[]>;
}
