import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Bitrix24Call } from '../transport';
import type { ExpectedImage, PortalFile } from '../transport/portalFile';

/** What an operation may do for its item after the first call: more calls, or fetch a portal file. */
export interface ItemContext {
	itemIndex: number;
	send(call: Bitrix24Call): Promise<unknown>;
	/** Several calls, in batches of 50 unless batching is off; throws the first failure after all ran. */
	sendAll(calls: Bitrix24Call[]): Promise<unknown[]>;
	/** A file the portal serves at an address its answer gave (`detailUrl`): only from the portal. */
	fetchFile(detailUrl: unknown, expected: ExpectedImage): Promise<PortalFile>;
}

/**
 * An operation in two halves, so that every item's input is checked before anything is sent:
 * `build` reads one item's parameters into its (first) call, `toItems` turns the call's result
 * into output items, sending follow-up calls through the context where the operation needs them.
 */
export interface Operation {
	description: INodeProperties[];
	build(this: IExecuteFunctions, itemIndex: number): Bitrix24Call;
	toItems(
		this: IExecuteFunctions,
		result: unknown,
		context: ItemContext,
	): INodeExecutionData[] | Promise<INodeExecutionData[]>;
}
