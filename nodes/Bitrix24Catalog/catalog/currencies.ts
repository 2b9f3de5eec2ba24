import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TransportSettings } from '../transport';
import { callBitrix24 } from '../transport';
import type { RequestContext } from '../transport/request';
import { detailsOf } from '../transport/errors';

/** One of the portal's currencies, as `crm.currency.list` gives it. */
export interface PortalCurrency {
	code: string;
	name: string;
	base: boolean;
}

/**
 * The portal's currencies (`crm.currency.list`, scope `crm`), in the portal's order: the Currency
 * picker offers them and Set Product Prices checks codes against them. `noCrmScope` when the
 * credential may not read them; any other failure is thrown, as the transport raised it.
 */
export async function readPortalCurrencies(
	context: RequestContext,
	settings: TransportSettings,
	itemIndex: number,
): Promise<{ currencies: PortalCurrency[] } | { noCrmScope: true }> {
	let result: unknown;
	try {
		result = await callBitrix24.call(
			context,
			{ method: 'crm.currency.list', params: { order: { SORT: 'ASC' } } },
			settings,
			itemIndex,
		);
	} catch (error) {
		if (detailsOf(error)?.code === 'insufficient_scope') return { noCrmScope: true };
		// Already a NodeApiError with the Bitrix24 code: wrapping hands back the same error.
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
	const entries = (Array.isArray(result) ? result : []) as IDataObject[];
	return {
		currencies: entries.map((entry) => ({
			code: String(entry.CURRENCY),
			name: String(entry.FULL_NAME ?? ''),
			base: entry.BASE === 'Y',
		})),
	};
}
