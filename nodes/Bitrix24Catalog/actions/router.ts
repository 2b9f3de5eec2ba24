import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { detailsOf } from '../transport/errors';
import type { Bitrix24Authentication, Bitrix24Call, TransportSettings } from '../transport';
import { callBitrix24, DEFAULT_TIMEOUT_MS, fetchPortalFile } from '../transport';
import type { ItemContext, Operation } from './operation';
import * as productImage from './productImage';

const resources: Record<string, Record<string, Operation>> = {
	productImage: productImage.operations,
};

type Planned =
	| { itemIndex: number; call: Bitrix24Call; settings: TransportSettings }
	| { itemIndex: number; error: Error };

/**
 * Runs the chosen operation for every input item: first builds every item's call, so that bad
 * input stops the run before anything is sent, then sends them in item order. Each item gives
 * exactly one output (or, with "Continue On Fail", one error item).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}
	const authentication = this.getNodeParameter('authentication', 0) as Bitrix24Authentication;

	const planned = items.map((_, itemIndex): Planned => {
		try {
			const timeoutMs = this.getNodeParameter('options.timeout', itemIndex, DEFAULT_TIMEOUT_MS) as number;
			return {
				itemIndex,
				call: operation.build.call(this, itemIndex),
				settings: { authentication, timeoutMs },
			};
		} catch (error) {
			return { itemIndex, error: error as Error };
		}
	});

	const firstInvalid = planned.find((plan) => 'error' in plan);
	if (firstInvalid && 'error' in firstInvalid && !this.continueOnFail()) throw firstInvalid.error;

	const output: INodeExecutionData[] = [];
	for (const plan of planned) {
		const { itemIndex } = plan;
		if ('error' in plan) {
			output.push(errorItem(plan.error, itemIndex));
			continue;
		}
		try {
			const context: ItemContext = {
				itemIndex,
				send: async (call) => await callBitrix24.call(this, call, plan.settings, itemIndex),
				fetchFile: async (path) => await fetchPortalFile.call(this, path, plan.settings, itemIndex),
			};
			const result = await context.send(plan.call);
			output.push(...(await operation.toItems.call(this, result, context)));
		} catch (failure) {
			if (!this.continueOnFail()) {
				// callBitrix24 throws only these two; "wrapping" hands back the same error.
				if (failure instanceof NodeApiError) {
					throw new NodeApiError(this.getNode(), failure as unknown as JsonObject);
				}
				throw new NodeOperationError(this.getNode(), failure as Error);
			}
			output.push(errorItem(failure as Error, itemIndex));
		}
	}
	return [output];
}

/** A failed item as "Continue On Fail" passes it on: n8n routes `{ error, details }` to the error output. */
function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const details = detailsOf(error);
	return {
		json: details ? { error: error.message, details: { ...details } } : { error: error.message },
		pairedItem: { item: itemIndex },
	};
}
