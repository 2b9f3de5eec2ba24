import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { detailsOf } from '../transport/nodeApiError';
import type {
	Bitrix24Authentication,
	Bitrix24Call,
	TransportSettings,
} from '../transport';
import { itemList } from '../helpers/itemList';
import { callBitrix24, callBitrix24File } from '../transport';
import { mayRideInBatch } from '../transport/carriage';
import { fetchPortalFile } from '../transport/portalFile';
import { sendRunCalls } from '../transport/runCalls';
import type { ResultShape } from './resultShape';
import { resultShapeError } from './resultShape';
import type { AnyOperation, ItemContext, Plan } from './operation';
import { resultShapeOf } from './operation';
import { readBatching, readTransportSettings } from './options';
import { operationOf } from './resources';

/** Where an item stands: its call still to send, its result, or its failure. */
type Step =
	| {
			itemIndex: number;
			settings: TransportSettings;
			call: Bitrix24Call;
			input: unknown;
			resultShape: ResultShape;
			result?: unknown;
	  }
	| { itemIndex: number; error: Error };

/** An item whose call waits on checks against what the portal describes (see `CheckedPlan`). */
interface Verifying {
	itemIndex: number;
	settings: TransportSettings;
	verify: () => Promise<Plan<unknown>>;
}

type Pending = Extract<Step, { call: Bitrix24Call }>;

/**
 * Runs the chosen operation for every input item: first builds every item's call, so that bad
 * input (parameters and files) stops the run before anything is sent, then checks the items
 * against what the portal describes (field lists, read once: see `CheckedPlan`); then sends the
 * calls in rounds, each round's calls in batches of up to 50 where they may ride in one (an
 * operation with a second call, such as Create or Update's add or update after its lookup, has a
 * second round; an operation with `sendItems`, such as Set Product Prices, sends its items' calls
 * itself); then turns each result, once it has the form the operation relies on, into output, in
 * item order. Each item gives its output or, with "Continue On Fail", one error item; without
 * it the run stops at the first failing item, and nothing after it is carried out.
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
	const built: Array<Step | Verifying> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const plan = await operation.build.call(this, itemIndex);
			const settings = { ...readTransportSettings(this, authentication, itemIndex), batching };
			built.push(
				'verify' in plan
					? { itemIndex, settings, verify: plan.verify }
					: stepOf(operation, itemIndex, settings, plan),
			);
		} catch (error) {
			built.push({ itemIndex, error: error as Error });
		}
	}
	throwFirstInvalid.call(this, built);
	// Checks against what the portal describes (field lists), once every item's own passed.
	const steps: Step[] = [];
	for (const step of built) {
		if (!('verify' in step)) {
			steps.push(step);
			continue;
		}
		const { itemIndex, settings } = step;
		try {
			steps.push(stepOf(operation, itemIndex, settings, await step.verify()));
		} catch (error) {
			steps.push({ itemIndex, error: error as Error });
		}
	}
	throwFirstInvalid.call(this, steps);

	if (operation.sendItems) {
		await sendItemsItself.call(this, operation, steps);
	} else {
		await sendRound.call(
			this,
			steps.filter(isPending).filter((step) => !('result' in step)),
			steps,
		);
		const second = secondRound.call(this, operation, steps);
		if (second.length > 0) await sendRound.call(this, second, steps);
	}

	const output: INodeExecutionData[] = [];
	for (const step of steps) {
		const { itemIndex } = step;
		try {
			if ('error' in step) throw step.error;
			const context: ItemContext = {
				itemIndex,
				mayBatch: (call) => mayRideInBatch(call, batching),
				send: async (call) => await callBitrix24.call(this, call, step.settings, itemIndex),
				sendAll: async (calls) =>
					await sendRunCalls.call(
						this,
						calls.map((call) => ({ call, settings: step.settings, itemIndex })),
						{ stopAtFailure: false },
					),
				fetchFile: async (detailUrl, expected) =>
					await fetchPortalFile.call(this, detailUrl, expected, step.settings, itemIndex),
				downloadFile: async (call, expected) =>
					await callBitrix24File.call(this, call, expected, step.settings, itemIndex),
			};
			output.push(...(await operation.toItems.call(this, step.result, step.input, context)));
		} catch (failure) {
			if (!this.continueOnFail()) {
				if (steps.length > 1) tellWhatWasDone(failure as Error, itemIndex, steps);
				// n8n's error constructors hand back an error of their own class unchanged
				// (n8n-workflow: errors/node-api.error.js, node-operation.error.js): a NodeApiError
				// goes as it is, anything else as a NodeOperationError.
				throw failure instanceof NodeApiError
					? failure
					: new NodeOperationError(this.getNode(), failure as Error);
			}
			output.push(errorItem(failure as Error, itemIndex));
		}
	}
	return [[...(operation.finish?.call(this) ?? []), ...output]];
}

/** Without Continue On Fail, the first item refused before sending stops the run. */
function throwFirstInvalid(this: IExecuteFunctions, steps: Array<Step | Verifying>): void {
	const firstInvalid = steps.find((step) => 'error' in step);
	if (firstInvalid && 'error' in firstInvalid && !this.continueOnFail()) throw firstInvalid.error;
}

/** An item's step from its plan: its call to send, or its result where that is known already. */
function stepOf(
	operation: AnyOperation,
	itemIndex: number,
	settings: TransportSettings,
	{ call, input, known }: Plan<unknown>,
): Pending {
	const resultShape = resultShapeOf(operation, input);
	return {
		itemIndex,
		settings,
		call,
		input,
		resultShape,
		...(known === undefined ? {} : { result: known }),
	};
}

function isPending(step: Step): step is Pending {
	return 'call' in step;
}

/**
 * Sends a round's calls (see `sendRunCalls`) and keeps each result (in the form its step relies
 * on) or failure in `steps`. Without "Continue On Fail", the calls after a failing one are not run.
 */
async function sendRound(this: IExecuteFunctions, pending: Pending[], steps: Step[]): Promise<void> {
	const outcomes = await sendRunCalls.call(
		this,
		pending.map(({ call, settings, itemIndex }) => ({ call, settings, itemIndex })),
		{ stopAtFailure: !this.continueOnFail() },
	);
	pending.forEach((step, index) => {
		const { itemIndex } = step;
		const outcome = outcomes[index];
		if ('error' in outcome) {
			steps[itemIndex] = { itemIndex, error: outcome.error };
			return;
		}
		const { result } = outcome;
		const error = resultShapeError(this.getNode(), itemIndex, step.call.method, result, step.resultShape);
		steps[itemIndex] = error ? { itemIndex, error } : { ...step, result };
	});
}

/**
 * The second round: each answered item's second call, if its operation has one. Without
 * Continue On Fail, items after the first failure go no further, as the run stops there.
 */
function secondRound(this: IExecuteFunctions, operation: AnyOperation, steps: Step[]): Pending[] {
	if (!operation.followUp) return [];
	const firstFailure = this.continueOnFail()
		? steps.length
		: steps.findIndex((step) => 'error' in step || !('result' in step));
	const next: Pending[] = [];
	for (const step of steps.slice(0, firstFailure < 0 ? steps.length : firstFailure)) {
		if (!isPending(step)) continue;
		const { itemIndex, settings } = step;
		try {
			const stage = operation.followUp.call(this, step.result, step.input, itemIndex);
			if (!stage) continue;
			const { call, input, resultShape } = stage;
			steps[itemIndex] = { itemIndex, settings, call, input, resultShape };
			next.push(steps[itemIndex] as Pending);
		} catch (error) {
			steps[itemIndex] = { itemIndex, error: error as Error };
		}
	}
	return next;
}

/**
 * The error that stops the run says which other items were carried out and which were not, so
 * that the user knows what to run again.
 */
function tellWhatWasDone(error: Error, failedItem: number, steps: Step[]): void {
	const others = steps.filter((step) => step.itemIndex !== failedItem);
	const done = others.filter((step) => 'result' in step).map((step) => step.itemIndex);
	const notDone = others.filter((step) => !('result' in step)).map((step) => step.itemIndex);
	const said = [
		done.length > 0 ? `Carried out: ${itemList(done)}.` : 'No other item was carried out.',
		notDone.length > 0 ? `Not carried out: ${itemList(notDone)}.` : '',
	].join(' ');
	const withDescription = error as Error & { description?: string | null };
	withDescription.description = [withDescription.description, said.trim()].filter(Boolean).join(' ');
}

/**
 * An operation that sends its items' calls itself (see `sendItems`): every valid item's plan goes
 * to it, and each item keeps the result or the error it answers. Each call goes with the settings
 * of the item it is sent for.
 */
async function sendItemsItself(
	this: IExecuteFunctions,
	operation: AnyOperation,
	steps: Step[],
): Promise<void> {
	const pending = steps.filter(isPending);
	// An operation that reports on the whole run (`finish`) hears of a run with no valid item too.
	if (!operation.sendItems || (pending.length === 0 && !operation.finish)) return;
	const settingsOf = (itemIndex: number) => (steps[itemIndex] as Pending).settings;
	const outcomes = await operation.sendItems.call(
		this,
		pending.map(({ itemIndex, input, settings }) => ({ itemIndex, input, settings })),
		{
			sendAll: async (calls, itemIndexes) =>
				await sendRunCalls.call(
					this,
					calls.map((call, index) => ({
						call,
						settings: settingsOf(itemIndexes[index]),
						itemIndex: itemIndexes[index],
					})),
					{ stopAtFailure: false },
				),
			send: async (call, itemIndex) =>
				await callBitrix24.call(this, call, settingsOf(itemIndex), itemIndex),
		},
	);
	for (const step of pending) {
		const { itemIndex } = step;
		const outcome = outcomes.get(itemIndex);
		steps[itemIndex] =
			outcome && 'result' in outcome
				? { ...step, result: outcome.result }
				: {
						itemIndex,
						error:
							outcome?.error ??
							new NodeOperationError(this.getNode(), `Item ${itemIndex} was not sent`, {
								itemIndex,
							}),
					};
	}
}

/** A failed item as "Continue On Fail" passes it on: n8n routes `{ error, details }` to the error output. */
function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const details = detailsOf(error);
	return {
		json: details ? { error: error.message, details: { ...details } } : { error: error.message },
		pairedItem: { item: itemIndex },
	};
}
