import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { readPortalCurrencies } from '../bitrix24Api/currencies';
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
	const read = await readPortalCurrencies(this, settingsOf(this), 0);
	if ('noCrmScope' in read) return { results: [NO_CRM_SCOPE] };
	const needle = filter?.trim().toLowerCase() ?? '';
	return {
		results: read.currencies
			.filter(({ code, name }) => `${code} ${name}`.toLowerCase().includes(needle))
			.map(({ code, name, base }) => ({
				name: `${code}: ${name}${base ? ' (base)' : ''}`,
				value: code,
			})),
	};
}
