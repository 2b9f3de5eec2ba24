import type { IExecuteFunctions } from 'n8n-workflow';

import type { CallOutcome } from '../../../transport';
import { batchChunks } from '../../../transport/batch';
import type { ItemPlan } from '../../operation';
import { unknownCurrencies } from './currencyCheck';
import type { PriceEntry } from './priceEntries';

type Plan<Input> = ItemPlan<Input & { productId: number; prices: PriceEntry[] }>;

/**
 * Items in waves: each product once a wave, the items of a wave in their order; a product's next
 * item goes in the next wave, so that it reads what the item before wrote and no item of a run
 * writes over another (or brings back a price another removed).
 */
function wavesByProduct<T extends { input: { productId: number } }>(plans: T[]): T[][] {
	const waves: T[][] = [];
	const seen = new Map<number, number>();
	for (const plan of plans) {
		const wave = seen.get(plan.input.productId) ?? 0;
		seen.set(plan.input.productId, wave + 1);
		(waves[wave] ??= []).push(plan);
	}
	return waves;
}

/**
 * The price operations' items, their currencies checked against the portal's first (one read for
 * the run), then wave by wave (see wavesByProduct) in rounds of up to `roundSize` items, each
 * round settling its items in `outcomes`. Without Continue On Fail, the run stops before any
 * write when a currency is unknown, or after the round where an item failed; the items not
 * written then get that error.
 */
export async function inRounds<Input>(
	context: IExecuteFunctions,
	plans: Array<Plan<Input>>,
	roundSize: number,
	settleRound: (round: Array<Plan<Input>>, outcomes: Map<number, CallOutcome>) => Promise<void>,
): Promise<Map<number, CallOutcome>> {
	const outcomes = new Map<number, CallOutcome>();
	const stopsAtFailure = !context.continueOnFail();
	const firstError = () =>
		plans
			.map((plan) => outcomes.get(plan.itemIndex))
			.find((outcome): outcome is { error: Error } => outcome !== undefined && 'error' in outcome)
			?.error;
	const stop = (error: Error) => {
		for (const { itemIndex } of plans)
			if (!outcomes.has(itemIndex)) outcomes.set(itemIndex, { error });
		return outcomes;
	};

	try {
		for (const [itemIndex, error] of await unknownCurrencies(context, plans)) {
			outcomes.set(itemIndex, { error });
		}
	} catch (error) {
		return stop(error as Error);
	}
	const refusal = firstError();
	if (stopsAtFailure && refusal) return stop(refusal);

	const valid = plans.filter((plan) => !outcomes.has(plan.itemIndex));
	for (const wave of wavesByProduct(valid)) {
		for (const round of batchChunks(wave, roundSize)) {
			await settleRound(round, outcomes);
			const failure = firstError();
			if (stopsAtFailure && failure) return stop(failure);
		}
	}
	return outcomes;
}
