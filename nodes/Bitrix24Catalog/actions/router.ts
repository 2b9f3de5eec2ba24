import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { detailsOf } from '../transport/errors';
import type {
	Bitrix24Authentication,
	Bitrix24Call,
	CallOutcome,
	TransportSettings,
} from '../transport';
import { callBitrix24, callBitrix24Batches, callBitrix24File, goesAlone } from '../transport';
import { fetchPortalFile } from '../transport/portalFile';
import type { AnswerShape } from './answer';
import { answerError } from './answer';
import type { AnyOperation, ItemContext, Plan } from './operation';
import { answerOf } from './operation';
import { readBatching, readTransportSettings } from './options';
import { operationOf } from './resources';

/** Where an item stands: its call still to send, its result, or its failure. */
type Step =
	| {
			itemIndex: number;
			settings: TransportSettings;
			call: Bitrix24Call;
			input: unknown;
			answer: AnswerShape;
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
 * calls in rounds, each round's calls in batches of up to 50 unless turned off (an operation
 * with a second call, such as Create or Update's add or update after its lookup, has a second
 * round); then turns each result, once it has the form the operation relies on, into output, in
 * item order. Each item gives its output or, with "Continue On Fail", one error item.
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
					: { itemIndex, settings, ...plan, answer: answerOf(operation, plan.input) },
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
			const { call, input } = await step.verify();
			steps.push({ itemIndex, settings, call, input, answer: answerOf(operation, input) });
		} catch (error) {
			steps.push({ itemIndex, error: error as Error });
		}
	}
	throwFirstInvalid.call(this, steps);

	await sendRound.call(this, steps.filter(isPending), batching, steps);
	const second = secondRound.call(this, operation, steps);
	if (second.length > 0) await sendRound.call(this, second, batching, steps);

	const output: INodeExecutionData[] = [];
	for (const step of steps) {
		const { itemIndex } = step;
		try {
			if ('error' in step) throw step.error;
			const context: ItemContext = {
				itemIndex,
				batching,
				send: async (call) => await callBitrix24.call(this, call, step.settings, itemIndex),
				sendAll: async (calls) =>
					await sendAll.call(this, calls, step.settings, itemIndex, batching),
				fetchFile: async (detailUrl, expected) =>
					await fetchPortalFile.call(this, detailUrl, expected, step.settings, itemIndex),
				downloadFile: async (call, expected) =>
					await callBitrix24File.call(this, call, expected, step.settings, itemIndex),
			};
			output.push(...(await operation.toItems.call(this, step.result, step.input, context)));
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

/** Without Continue On Fail, the first item refused before sending stops the run. */
function throwFirstInvalid(this: IExecuteFunctions, steps: Array<Step | Verifying>): void {
	const firstInvalid = steps.find((step) => 'error' in step);
	if (firstInvalid && 'error' in firstInvalid && !this.continueOnFail()) throw firstInvalid.error;
}

function isPending(step: Step): step is Pending {
	return 'call' in step;
}

/**
 * Sends a round's calls and keeps each result (in the form its step relies on) or failure in
 * `steps`. Calls that can go in a `batch` (no file in them) go 50 to a request; the others, or
 * all with batching off, one by one, stopping at a failure unless the run continues on fail.
 */
async function sendRound(
	this: IExecuteFunctions,
	pending: Pending[],
	batching: boolean,
	steps: Step[],
): Promise<void> {
	const settle = (step: Pending, outcome: CallOutcome) => {
		const { itemIndex } = step;
		const error =
			'error' in outcome
				? outcome.error
				: answerError(this.getNode(), itemIndex, step.call.method, outcome.result, step.answer);
		steps[itemIndex] = error
			? { itemIndex, error }
			: { ...step, result: (outcome as { result: unknown }).result };
		return error === undefined;
	};
	const batched = batching && pending.filter((step) => !goesAlone(step.call)).length > 1;
	const together = batched ? pending.filter((step) => !goesAlone(step.call)) : [];
	if (together.length > 0) {
		const outcomes = await callBitrix24Batches.call(
			this,
			together.map((step) => step.call),
			together[0].settings,
			together.map((step) => step.itemIndex),
		);
		together.forEach((step, index) => settle(step, outcomes[index]));
	}
	for (const step of pending.filter((candidate) => !together.includes(candidate))) {
		let outcome: CallOutcome;
		try {
			outcome = { result: await callBitrix24.call(this, step.call, step.settings, step.itemIndex) };
		} catch (error) {
			outcome = { error: error as Error };
		}
		if (!settle(step, outcome) && !this.continueOnFail()) return;
	}
}

/**
 * The second round: each answered item's second call, if its operation has one. Without
 * Continue On Fail, items after the first failure go no further, as the run stops there.
 */
function secondRound(this: IExecuteFunctions, operation: AnyOperation, steps: Step[]): Pending[] {
	if (!operation.then) return [];
	const firstFailure = this.continueOnFail()
		? steps.length
		: steps.findIndex((step) => 'error' in step || !('result' in step));
	const next: Pending[] = [];
	for (const step of steps.slice(0, firstFailure < 0 ? steps.length : firstFailure)) {
		if (!isPending(step)) continue;
		const { itemIndex, settings } = step;
		try {
			const stage = operation.then.call(this, step.result, step.input, itemIndex);
			if (!stage) continue;
			const { call, input, answer } = stage;
			steps[itemIndex] = { itemIndex, settings, call, input, answer };
			next.push(steps[itemIndex] as Pending);
		} catch (error) {
			steps[itemIndex] = { itemIndex, error: error as Error };
		}
	}
	return next;
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
		outcomes.push(
			...(await callBitrix24Batches.call(
				this,
				calls,
				settings,
				calls.map(() => itemIndex),
			)),
		);
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

/** A failed item as "Continue On Fail" passes it on: n8n routes `{ error, details }` to the error output. */
function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const details = detailsOf(error);
	return {
		json: details ? { error: error.message, details: { ...details } } : { error: error.message },
		pairedItem: { item: itemIndex },
	};
}
