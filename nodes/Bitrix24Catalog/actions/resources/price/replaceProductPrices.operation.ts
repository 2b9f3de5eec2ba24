import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import type { Bitrix24Call } from '../../../transport';
import { resultShapeError, listResult } from '../../resultShape';
import type { ItemPlan, Operation, RunContext } from '../../operation';
import { itemsOf } from '../../operation';
import { readPriceEntries } from './priceEntries';
import type { PricesInput } from './priceWrites';
import { inRounds } from './priceRounds';

const PRICES = listResult('prices');

/** Modify calls go 50 to a batch: this many items a round. */
const ITEMS_PER_ROUND = 500;

function modifyCall({ productId, prices }: PricesInput): Bitrix24Call {
	return {
		method: 'catalog.price.modify',
		params: { fields: { product: { id: productId, prices } } },
	};
}

/**
 * The product's prices replaced by those given, in one `catalog.price.modify` an item. Bitrix24
 * deletes every price of the product first, then adds the given ones one by one, going past a
 * refused one (modules/catalog/lib/controller/price.php, `modifyAction`): so the currencies are
 * checked against the portal's before anything is sent, and a product's items go one after the
 * other. Its fields are Set Product Prices' (Product, Prices).
 */
export const replaceProductPrices: Operation<PricesInput> = {
	methods: ['catalog.price.modify'],
	build(itemIndex) {
		const productId = readId(this, 'productId', 'Product ID', itemIndex);
		const input = { productId, prices: readPriceEntries(this, itemIndex), removeOthers: true };
		return { call: modifyCall(input), input };
	},
	resultShape: PRICES,
	async sendItems(plans, run) {
		return await inRounds(this, plans, ITEMS_PER_ROUND, async (round, outcomes) => {
			await replaceRound(this, run, round, outcomes);
		});
	},
	toItems: (result, input, { itemIndex }) =>
		itemsOf(
			[{ productId: input.productId, prices: (result as { prices: IDataObject[] }).prices }],
			itemIndex,
		),
};

async function replaceRound(
	context: IExecuteFunctions,
	run: RunContext,
	round: Array<ItemPlan<PricesInput>>,
	outcomes: Map<number, { result: unknown } | { error: Error }>,
): Promise<void> {
	const answers = await run.sendAll(
		round.map(({ input }) => modifyCall(input)),
		round.map(({ itemIndex }) => itemIndex),
	);
	round.forEach(({ itemIndex }, index) => {
		const answer = answers[index];
		const error =
			'error' in answer
				? answer.error
				: resultShapeError(
						context.getNode(),
						itemIndex,
						'catalog.price.modify',
						answer.result,
						PRICES,
					);
		outcomes.set(itemIndex, error ? { error } : answer);
	});
}
