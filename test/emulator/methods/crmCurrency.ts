import { MethodReply, type MethodTable } from './registry';

/**
 * crm.currency.list (scope `crm`): the portal's currencies, the base one first. The method takes
 * no filter or select; the portal answers the list itself as the result, with its total.
 */
const currency = (code: string, name: string, amount: string, sort: number, format: string) => ({
	CURRENCY: code,
	AMOUNT_CNT: 1,
	AMOUNT: amount,
	SORT: sort,
	BASE: code === 'USD' ? 'Y' : 'N',
	FULL_NAME: name,
	LID: 'en',
	FORMAT_STRING: format,
	DEC_POINT: '.',
	THOUSANDS_SEP: ',',
	DECIMALS: 2,
	DATE_UPDATE: '2024-10-02T09:00:00+00:00',
});

export const PORTAL_CURRENCIES = [
	currency('USD', 'US Dollar', '1.0000', 100, '$#'),
	currency('EUR', 'Euro', '1.0800', 200, '&euro;#'),
	currency('GBP', 'British Pound Sterling', '1.2700', 300, '&pound;#'),
	currency('PLN', 'Polish Zloty', '0.2500', 400, '# zł'),
];

export const crmCurrencyMethods: MethodTable = {
	'crm.currency.list': {
		scope: 'crm',
		handler: () =>
			new MethodReply(
				PORTAL_CURRENCIES.map((entry) => ({ ...entry })),
				{ total: PORTAL_CURRENCIES.length },
			),
	},
};
