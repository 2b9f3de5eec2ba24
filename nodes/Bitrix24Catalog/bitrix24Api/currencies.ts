import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { TransportSettings } from '../transport';
import { callBitrix24 } from '../transport';
import type { RequestContext } from '../transport/request';
import { detailsOf } from '../transport/nodeApiError';

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
		// The transport's NodeApiError, with the Bitrix24 code, goes as it is (n8n's constructor
		// would hand it back unchanged); a refusal of the credential becomes one, as it always did.
		throw error instanceof NodeApiError
			? error
			: new NodeApiError(context.getNode(), error as JsonObject);
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
