import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { detailsOf } from '../transport/errors';
import type {
	Bitrix24Authentication,
	Bitrix24Call,
	CallOutcome,
	TransportSettings,
} from '../transport';
import { callBitrix24, callBitrix24Batch, callBitrix24File } from '../transport';
import { batchChunks } from '../transport/batch';
import { fetchPortalFile } from '../transport/portalFile';
import { answerError } from './answer';
import type { ItemContext } from './operation';
import { answerOf } from './operation';
import { readBatching, readTransportSettings } from './options';
import { operationOf } from './resources';

type Planned =
	| { itemIndex: number; call: Bitrix24Call; input: unknown; settings: TransportSettings }
	| { itemIndex: number; error: Error };

/**
 * Runs the chosen operation for every input item: first builds every item's call, so that bad
 * input (parameters and files) stops the run before anything is sent; then sends the calls (in
 * batches of up to 50 unless turned off) and turns each result, once it has the form the
 * operation relies on, into output, in item order. Each item gives its output or, with
 * "Continue On Fail", one error item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationOf(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}
	const authentication = this.getNodeParameter('authentication', 0) as Bitrix24Authentication;
	const batching = readBatching(this);

	// One item after the other: checking an item's file reads it, and a run holds one file at a time.
	const planned: Planned[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { call, input } = await operation.build.call(this, itemIndex);
			planned.push({
				itemIndex,
				call,
				input,
				settings: readTransportSettings(this, authentication, itemIndex),
			});
		} catch (error) {
			planned.push({ itemIndex, error: error as Error });
		}
	}

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
				batching,
				send: async (call) => await callBitrix24.call(this, call, plan.settings, itemIndex),
				sendAll: async (calls) =>
					await sendAll.call(this, calls, plan.settings, itemIndex, batching),
				fetchFile: async (detailUrl, expected) =>
					await fetchPortalFile.call(this, detailUrl, expected, plan.settings, itemIndex),
				downloadFile: async (call, expected) =>
					await callBitrix24File.call(this, call, expected, plan.settings, itemIndex),
			};
			const batched = firstCalls.get(itemIndex);
			if (batched && 'error' in batched) throw batched.error;
			const result = batched ? batched.result : await context.send(plan.call);
			const unexpected = answerError(
				this.getNode(),
				itemIndex,
				plan.call.method,
				result,
				answerOf(operation, plan.input),
			);
			if (unexpected) throw unexpected;
			output.push(...(await operation.toItems.call(this, result, plan.input, context)));
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

/** An item's follow-up calls (Delete All's deletes), batched like first calls; all run, whatever fails. */
async function sendAll(
	this: IExecuteFunctions,
	calls: Bitrix24Call[],
	settings: TransportSettings,
	itemIndex: number,
	batching: boolean,
): Promise<CallOutcome[]> {
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
	return outcomes;
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
