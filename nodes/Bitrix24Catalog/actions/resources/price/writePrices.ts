import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import type { CallOutcome } from '../../../transport';
import { withProgress } from '../../../transport/nodeApiError';
import { resultShapeError, objectResult, TRUE_RESULT } from '../../resultShape';
import type { ItemPlan, RunContext } from '../../operation';
import { inRounds } from './priceRounds';
import type { PriceWrite, PricesInput } from './priceWrites';
import { planWrites, pricesAfter } from './priceWrites';
import { readProductPrices } from './productPrices';

/**
 * Items read and written in one go: a product's prices are read at most this many items' writes
 * before its own (about 12 requests at 2 prices an item, a few seconds at the cloud's pace), and
 * the reads of that many products take two requests.
 */
const ITEMS_PER_ROUND = 250;

type Plan = ItemPlan<PricesInput>;

const PRICE = objectResult('price', true);

/**
 * Set Product Prices for every item: round after round, each reading its products' prices and at
 * once writing the prices the items name, each price on its own (see planWrites).
 */
export async function setPricesOfItems(
	context: IExecuteFunctions,
	plans: Plan[],
	run: RunContext,
): Promise<Map<number, CallOutcome>> {
	return await inRounds(context, plans, ITEMS_PER_ROUND, async (round, outcomes) => {
		await writeRound(context.getNode(), run, round, outcomes);
	});
}

/** One round: its products' prices read, then each item's writes, then its removals. */
async function writeRound(
	node: INode,
	run: RunContext,
	round: Plan[],
	outcomes: Map<number, CallOutcome>,
): Promise<void> {
	const read = await readProductPrices(
		node,
		run,
		round.map(({ itemIndex, input }) => ({ productId: input.productId, itemIndex })),
	);
	const planned = round.flatMap((plan) => {
		const { itemIndex, input } = plan;
		const current = read.get(input.productId) as IDataObject[] | Error;
		try {
			if (current instanceof Error) throw current;
			return [{ plan, current, ...planWrites(node, input, current, itemIndex) }];
		} catch (error) {
			outcomes.set(itemIndex, { error: error as Error });
			return [];
		}
	});

	const written = await sendWrites(
		node,
		run,
		planned.map(({ plan, writes }) => ({ plan, writes })),
	);
	const removing = planned.filter(
		(entry, index) => entry.removals.length > 0 && !written[index].some(isFailed),
	);
	const removed = await sendWrites(
		node,
		run,
		removing.map(({ plan, removals }) => ({ plan, writes: removals })),
	);

	planned.forEach(({ plan, current, writes, removals }, index) => {
		const { itemIndex, input } = plan;
		const removal = removed[removing.findIndex((entry) => entry.plan === plan)] ?? [];
		const failure = [...written[index], ...removal].find(isFailed);
		if (failure) {
			outcomes.set(itemIndex, {
				error: withProgress(failure.error, progressOf(writes, written[index], removals, removal), {
					pricesSet: typesDone(writes, written[index]),
					pricesRemoved: typesDone(removals, removal),
				}),
			});
			return;
		}
		const prices = pricesAfter(
			current,
			written[index].map((outcome) => (outcome as { price: IDataObject }).price),
			removals.map(({ call }) => call.params.id),
		);
		outcomes.set(itemIndex, { result: { productId: input.productId, prices } });
	});
}

/** A write's outcome: the price it stored (none for a delete), or its error. */
type WriteOutcome = { price?: IDataObject } | { error: Error };

const isFailed = (outcome: WriteOutcome): outcome is { error: Error } => 'error' in outcome;

/** Every item's writes in shared requests; each item's outcomes, its answers checked. */
async function sendWrites(
	node: INode,
	run: RunContext,
	items: Array<{ plan: Plan; writes: PriceWrite[] }>,
): Promise<WriteOutcome[][]> {
	const calls = items.flatMap(({ plan, writes }) =>
		writes.map(({ call }) => ({ call, itemIndex: plan.itemIndex })),
	);
	if (calls.length === 0) return items.map(() => []);
	const outcomes = await run.sendAll(
		calls.map(({ call }) => call),
		calls.map(({ itemIndex }) => itemIndex),
	);
	let next = 0;
	return items.map(({ writes }) =>
		writes.map(({ call }) => {
			const { itemIndex } = calls[next];
			const outcome = outcomes[next++];
			if ('error' in outcome) return outcome;
			const deletes = call.method === 'catalog.price.delete';
			const error = resultShapeError(
				node,
				itemIndex,
				call.method,
				outcome.result,
				deletes ? TRUE_RESULT : PRICE,
			);
			if (error) return { error };
			return deletes ? {} : { price: (outcome.result as { price: IDataObject }).price };
		}),
	);
}

/** The price types whose writes went through. */
function typesDone(writes: PriceWrite[], outcomes: WriteOutcome[]): number[] {
	return writes
		.filter((_, index) => !isFailed(outcomes[index]))
		.map((write) => write.catalogGroupId);
}

/** What the item did before it failed, in words: prices are not lost silently. */
function progressOf(
	writes: PriceWrite[],
	written: WriteOutcome[],
	removals: PriceWrite[],
	removed: WriteOutcome[],
): string {
	const types = (list: number[]) =>
		list.length === 0 ? 'none' : `price type${list.length > 1 ? 's' : ''} ${list.join(', ')}`;
	const set = typesDone(writes, written);
	const parts = [`prices set: ${types(set)}`];
	if (removals.length > 0) {
		parts.push(
			written.some(isFailed)
				? 'no other price was removed'
				: `prices removed: ${types(typesDone(removals, removed))}`,
		);
	}
	return parts.join('; ');
}
