import type { IExecuteFunctions } from 'n8n-workflow';

import { readPortalCurrencies } from '../../../bitrix24Api/currencies';
import { itemError } from '../../../helpers/itemError';
import type { ItemPlan } from '../../operation';
import type { PriceEntry } from './priceEntries';

/**
 * The items whose prices name a currency the portal does not have, each with its error, from one
 * read of the portal's currencies for the whole run (the one the Currency picker makes). Bitrix24
 * refuses such a currency only when it stores the price; checked here, nothing of the item is
 * written. Without the `crm` scope the list cannot be read: then none is refused here, and the
 * portal refuses the price alone ("Invalid currency"). Other failures of the read are thrown.
 */
export async function unknownCurrencies(
	context: IExecuteFunctions,
	plans: Array<ItemPlan<{ prices: PriceEntry[] }>>,
): Promise<Map<number, Error>> {
	const refused = new Map<number, Error>();
	if (plans.length === 0) return refused;
	const [first] = plans;
	const read = await readPortalCurrencies(context, first.settings, first.itemIndex);
	if ('noCrmScope' in read) return refused;
	const codes = read.currencies.map((currency) => currency.code);
	for (const { itemIndex, input } of plans) {
		const index = input.prices.findIndex((entry) => !codes.includes(entry.currency));
		if (index < 0) continue;
		refused.set(
			itemIndex,
			itemError(
				context.getNode(),
				`Prices: price ${index + 1}: Currency "${input.prices[index].currency}" is not one of the portal's currencies (${codes.join(', ')})`,
				itemIndex,
				"Nothing was written for this item. Choose the currency from the list, or add it to the portal's currencies in Bitrix24 first.",
			),
		);
	}
	return refused;
}
