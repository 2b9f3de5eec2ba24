import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { detailsOf } from '../transport/errors';
import { callBitrix24 } from '../transport';
import { settingsOf } from './settings';

/** What the list shows when the credential may not read currencies (they are CRM's). */
const NO_CRM_SCOPE = {
	// A message in the list, not a label: a sentence.
	// eslint-disable-next-line n8n-nodes-base/node-param-display-name-miscased
	name: 'Currencies need the "crm" scope: switch to "By Code" and type one (e.g. USD)',
	value: '',
	description:
		'The webhook or app lacks the CRM scope, which lists the portal\'s currencies. Type the code instead, or tick "CRM (crm)" on the webhook or app in Bitrix24 to pick from the list.',
};

/**
 * The portal's currencies (`crm.currency.list`), the base one marked. Without the `crm` scope the
 * panel does not fail: its one entry says how to go on.
 */
export async function searchCurrencies(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	let currencies: IDataObject[];
	try {
		currencies = (await callBitrix24.call(
			this,
			{ method: 'crm.currency.list', params: { order: { SORT: 'ASC' } } },
			settingsOf(this),
			0,
		)) as IDataObject[];
	} catch (error) {
		if (detailsOf(error)?.code === 'insufficient_scope') return { results: [NO_CRM_SCOPE] };
		// Already a NodeApiError with the Bitrix24 code: wrapping hands back the same error.
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	const needle = filter?.trim().toLowerCase() ?? '';
	return {
		results: (Array.isArray(currencies) ? currencies : [])
			.filter((entry) =>
				`${entry.CURRENCY} ${entry.FULL_NAME}`.toLowerCase().includes(needle),
			)
			.map((entry) => ({
				name: `${entry.CURRENCY}: ${entry.FULL_NAME}${entry.BASE === 'Y' ? ' (base)' : ''}`,
				value: String(entry.CURRENCY),
			})),
	};
}
