import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { detailsOf } from '../transport/errors';
import type { Bitrix24Plan } from '../limits/leakyBucket';
import type {
	Bitrix24Authentication,
	Bitrix24Call,
	CallOutcome,
	TransportSettings,
} from '../transport';
import { callBitrix24, callBitrix24Batch, defaultSettings } from '../transport';
import { batchChunks } from '../transport/batch';
import { fetchPortalFile } from '../transport/portalFile';
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
 * input stops the run before anything is sent; then sends the calls (in batches of up to 50
 * unless turned off) and turns each result into output, in item order. Each item gives its
 * output or, with "Continue On Fail", one error item.
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
	const { batching = true } = this.getNodeParameter('options', 0, {}) as { batching?: boolean };

	const planned = items.map((_, itemIndex): Planned => {
		try {
			return {
				itemIndex,
				call: operation.build.call(this, itemIndex),
				settings: settingsFor.call(this, authentication, itemIndex),
			};
		} catch (error) {
			return { itemIndex, error: error as Error };
		}
	});

	const firstInvalid = planned.find((plan) => 'error' in plan);
	if (firstInvalid && 'error' in firstInvalid && !this.continueOnFail()) throw firstInvalid.error;

	const firstCalls = batching
		? await sendInBatches.call(this, planned)
		: new Map<number, CallOutcome>();
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
				sendAll: async (calls) =>
					await sendAll.call(this, calls, plan.settings, itemIndex, batching),
				fetchFile: async (detailUrl, expected) =>
					await fetchPortalFile.call(this, detailUrl, expected, plan.settings, itemIndex),
			};
			const batched = firstCalls.get(itemIndex);
			if (batched && 'error' in batched) throw batched.error;
			const result = batched ? batched.result : await context.send(plan.call);
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

function settingsFor(
	this: IExecuteFunctions,
	authentication: Bitrix24Authentication,
	itemIndex: number,
): TransportSettings {
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		timeout?: number;
		plan?: Bitrix24Plan;
		maxLimitWait?: number;
	};
	const defaults = defaultSettings(authentication);
	return {
		authentication,
		timeoutMs: options.timeout ?? defaults.timeoutMs,
		plan: options.plan ?? defaults.plan,
		maxLimitWaitMs:
			options.maxLimitWait === undefined ? defaults.maxLimitWaitMs : options.maxLimitWait * 1000,
	};
}

/** An item's follow-up calls (Delete All's deletes): batched like first calls, failing as one item. */
async function sendAll(
	this: IExecuteFunctions,
	calls: Bitrix24Call[],
	settings: TransportSettings,
	itemIndex: number,
	batching: boolean,
): Promise<unknown[]> {
	const outcomes: CallOutcome[] = [];
	if (batching && calls.length > 1) {
		for (const chunk of batchChunks(calls)) {
			outcomes.push(
				...(await callBitrix24Batch.call(
					this,
					chunk,
					settings,
					chunk.map(() => itemIndex),
				)),
			);
		}
	} else {
		for (const call of calls) {
			try {
				outcomes.push({ result: await callBitrix24.call(this, call, settings, itemIndex) });
			} catch (error) {
				outcomes.push({ error: error as Error });
			}
		}
	}
	const failed = outcomes.find((outcome): outcome is { error: Error } => 'error' in outcome);
	if (failed) throw failed.error;
	return outcomes.map((outcome) => (outcome as { result: unknown }).result);
}

/**
 * The first call of every item that can go in a `batch` (no file in it), 50 to a request.
 * A run of one such item is sent on its own: a batch would only add weight.
 */
async function sendInBatches(
	this: IExecuteFunctions,
	planned: Planned[],
): Promise<Map<number, CallOutcome>> {
	const outcomes = new Map<number, CallOutcome>();
	const batchable = planned.filter(
		(plan): plan is Extract<Planned, { call: Bitrix24Call }> => 'call' in plan && !plan.call.load,
	);
	if (batchable.length < 2) return outcomes;
	for (const chunk of batchChunks(batchable)) {
		const results = await callBitrix24Batch.call(
			this,
			chunk.map((plan) => plan.call),
			chunk[0].settings,
			chunk.map((plan) => plan.itemIndex),
		);
		chunk.forEach((plan, index) => outcomes.set(plan.itemIndex, results[index]));
	}
	return outcomes;
}

/** A failed item as "Continue On Fail" passes it on: n8n routes `{ error, details }` to the error output. */
function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const details = detailsOf(error);
	return {
		json: details ? { error: error.message, details: { ...details } } : { error: error.message },
		pairedItem: { item: itemIndex },
	};
}
