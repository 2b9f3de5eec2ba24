import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Bitrix24Call } from '../transport';

/**
 * An operation in two halves, so that every item's input is checked before anything is sent:
 * `build` reads one item's parameters into a call, `toItems` turns the call's result into output.
 */
export interface Operation {
	description: INodeProperties[];
	build(this: IExecuteFunctions, itemIndex: number): Bitrix24Call;
	toItems(result: unknown, itemIndex: number): INodeExecutionData[];
}
