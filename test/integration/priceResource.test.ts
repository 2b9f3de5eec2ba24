import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runListSearch } from '../harness/listSearch';
import { AUTHENTICATIONS, credentialsFor, locator, oauth2Credentials, webhookCredentials } from '../harness/nodeInputs';
import type { Authentication } from '../harness/nodeInputs';
import { runNode } from '../harness/runNode';
import { batchCommands, usePortal } from './fixtures';

/** A price as the Prices field holds it: the type picked from the list, the currency by code. */
const entry = (priceType: number | object, price: number | string, currency = 'USD') =>
	({
		priceType: typeof priceType === 'object' ? priceType : locator(String(priceType), 'list'),
		price,
		currency: locator(currency, 'code'),
	}) as INodeParameters;

describe.each(AUTHENTICATIONS)('Set Product Prices with %s credentials', (authentication) => {
	const portal = usePortal();
	const run = (
		extra: INodeParameters,
		items?: Array<Record<string, unknown>>,
		onError?: 'continueRegularOutput',
	) =>
		runNode({
			parameters: {
				authentication,
				resource: 'price',
				operation: 'setProductPrices',
				...extra,
			} as INodeParameters,
			credentials: credentialsFor(portal.emulator, authentication),
			items,
			onError,
		});
	/** The product's prices as the portal holds them. */
	const stored = (productId: number) =>
		portal.emulator.portal.records
			.of('catalog.price')
			.all()
			.filter((row) => row.productId === productId)
			.map(({ id, catalogGroupId, price, currency }) => ({ id, catalogGroupId, price, currency }));

	it('keeps the price types not given: one price is updated in place, read and written in batches', async () => {
		// Product 101 has a retail (1) and a wholesale (2) price; items set only the wholesale one.
		const { output, error } = await run({ productId: locator('={{ $json.id }}'), prices: { price: [entry(2, '={{ $json.price }}')] } }, [
			{ id: 101, price: 375.5 },
			{ id: 401, price: 99 },
		]);
		expect(error).toBeUndefined();
		expect(stored(101)).toEqual([
			{ id: 1, catalogGroupId: 1, price: 450, currency: 'USD' },
			{ id: 2, catalogGroupId: 2, price: 375.5, currency: 'USD' },
		]);
		// 401 had no wholesale price: added beside its retail one.
		expect(stored(401)).toEqual([
			{ id: 3, catalogGroupId: 1, price: 120, currency: 'USD' },
			{ id: 4, catalogGroupId: 2, price: 99, currency: 'USD' },
		]);
		expect(batchCommands(portal.emulator)).toEqual([
			[
				'catalog.price.list?select[0]=id&select[1]=catalogGroupId&select[2]=price&select[3]=currency&filter[productId]=101&order[catalogGroupId]=ASC',
				'catalog.price.list?select[0]=id&select[1]=catalogGroupId&select[2]=price&select[3]=currency&filter[productId]=401&order[catalogGroupId]=ASC',
			],
			[
				'catalog.price.update?id=2&fields[price]=375.5&fields[currency]=USD',
				'catalog.price.add?fields[productId]=401&fields[catalogGroupId]=2&fields[price]=99&fields[currency]=USD',
			],
		]);
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					productId: 101,
					prices: [
						{ id: 1, catalogGroupId: 1, price: 450, currency: 'USD' },
						expect.objectContaining({ id: 2, catalogGroupId: 2, price: 375.5, currency: 'USD' }),
					],
				},
				{ item: 0 },
			],
			[
				{
					productId: 401,
					prices: [
						{ id: 3, catalogGroupId: 1, price: 120, currency: 'USD' },
						expect.objectContaining({ id: 4, catalogGroupId: 2, price: 99, currency: 'USD' }),
					],
				},
				{ item: 1 },
			],
		]);
	});

	it('writes several price types with modify, sending the others back as they were', async () => {
		portal.emulator.portal.records.of('catalog.priceType').add({ name: 'PARTNER', base: 'N', sort: 300 });
		const { error } = await run({
			productId: locator('101'),
			prices: { price: [entry(1, 460, 'usd'), entry(3, 300, 'EUR')] },
			options: { batching: false },
		});
		expect(error).toBeUndefined();
		expect(portal.emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
			[
				'catalog.price.list',
				{
					select: ['id', 'catalogGroupId', 'price', 'currency'],
					filter: { productId: 101 },
					order: { catalogGroupId: 'ASC' },
				},
			],
			[
				'catalog.price.modify',
				{
					fields: {
						product: {
							id: 101,
							prices: [
								{ catalogGroupId: 1, price: 460, currency: 'USD' },
								{ catalogGroupId: 3, price: 300, currency: 'EUR' },
								// The wholesale price, not given: kept at its value.
								{ catalogGroupId: 2, price: 390, currency: 'USD' },
							],
						},
					},
				},
			],
		]);
		expect(stored(101).map(({ catalogGroupId, price }) => [catalogGroupId, price])).toEqual([
			[1, 460],
			[3, 300],
			[2, 390],
		]);
	});

	it('with Remove Other Prices, sets exactly the prices given in one modify', async () => {
		const { output, error } = await run({
			productId: locator('101'),
			prices: { price: [entry(1, 455)] },
			removeOtherPrices: true,
			options: { batching: false },
		});
		expect(error).toBeUndefined();
		expect(portal.emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
			[
				'catalog.price.modify',
				{ fields: { product: { id: 101, prices: [{ catalogGroupId: 1, price: 455, currency: 'USD' }] } } },
			],
		]);
		expect(stored(101).map(({ catalogGroupId, price }) => [catalogGroupId, price])).toEqual([[1, 455]]);
		expect(output[0].json).toEqual({
			productId: 101,
			prices: [expect.objectContaining({ catalogGroupId: 1, price: 455, productId: 101 })],
		});
	});

	// Each price's fields from the item (expressions), so that only the second item is wrong.
	const fromItem = (n: number) => ({
		priceType: locator(`={{ $json.type${n} }}`, 'id'),
		price: `={{ $json.price${n} }}`,
		currency: locator(`={{ $json.currency${n} }}`, 'code'),
	});
	const GOOD = { type1: 1, price1: 10, currency1: 'USD', type2: 2, price2: 9, currency2: 'EUR' };
	it.each<[string, IDataObject, string]>([
		['a negative price', { price1: -1 }, 'Prices: price 1: Price must be 0 or more, but got -1 [item 1]'],
		['a price that is not a number', { price2: '12,50' }, 'Prices: price 2: Price must be a number, but got "12,50" [item 1]'],
		['no price type', { type1: '' }, 'Prices: price 1 has no price type [item 1]'],
		['a price type that is not an ID', { type1: 'BASE' }, 'Prices: price 1: Price Type must be a number, but got "BASE" [item 1]'],
		['a bad currency', { currency2: 'US$' }, 'Prices: price 2: Currency must be a three-letter code, but got "US$" [item 1]'],
		['no currency', { currency1: '' }, 'Prices: price 1 has no currency [item 1]'],
		['one price type twice', { type2: 1 }, 'Prices: price 2 has the price type of price 1 (ID 1) [item 1]'],
	])('refuses %s in a later item before anything is sent', async (_, bad, message) => {
		const { error, output } = await run(
			{ productId: locator('={{ $json.id }}'), prices: { price: [fromItem(1), fromItem(2)] } },
			[
				{ id: 101, ...GOOD },
				{ id: 401, ...GOOD, ...bad },
			],
		);
		expect(output).toEqual([]);
		expect(error).toMatchObject({ message, context: { itemIndex: 1 } });
		expect(portal.emulator.requests).toEqual([]);
	});

	it('refuses a product in two items that each set several prices, before anything is sent', async () => {
		const { error } = await run({ productId: locator('={{ $json.id }}'), prices: { price: [entry(1, 10), entry(2, 9)] } }, [
			{ id: 101 },
			{ id: 401 },
			{ id: 101 },
		]);
		expect(error).toMatchObject({ message: 'Product 101 is also in item 0 [item 2]', context: { itemIndex: 2 } });
		expect(portal.emulator.requests).toEqual([]);
	});
});

describe.each(AUTHENTICATIONS)('price pickers with %s credentials', (authentication: Authentication) => {
	const portal = usePortal();
	const parameters = { authentication, resource: 'price', operation: 'setProductPrices' } as INodeParameters;

	it('lists price types by name', async () => {
		const { results } = await runListSearch('searchPriceTypes', 'prices', {
			parameters,
			credentials: credentialsFor(portal.emulator, authentication),
			filter: 'whole',
		});
		expect(results).toEqual([{ name: 'WHOLESALE (#2)', value: '2' }]);
		expect(portal.emulator.restCalls('catalog.priceType.list').map((call) => call.params.filter)).toEqual([
			{ '%name': 'whole' },
		]);
	});

	it("lists the portal's currencies, the base one marked", async () => {
		const { results } = await runListSearch('searchCurrencies', 'prices', {
			parameters,
			credentials: credentialsFor(portal.emulator, authentication),
		});
		expect(results).toEqual([
			{ name: 'USD: US Dollar (base)', value: 'USD' },
			{ name: 'EUR: Euro', value: 'EUR' },
			{ name: 'GBP: British Pound Sterling', value: 'GBP' },
			{ name: 'PLN: Polish Zloty', value: 'PLN' },
		]);
	});

	it('says what to do, instead of failing, when the credential lacks the crm scope', async () => {
		const credentials =
			authentication === 'webhook'
				? webhookCredentials(portal.emulator, 'viewer')
				: oauth2Credentials(portal.emulator, {
						oauthTokenData: portal.emulator.oauth.issueTokens({ scopes: ['catalog'] }) as never,
					});
		const { results } = await runListSearch('searchCurrencies', 'prices', { parameters, credentials });
		expect(results).toEqual([
			{
				name: 'Currencies need the "crm" scope: switch to "By Code" and type one (e.g. USD)',
				value: '',
				description: expect.stringContaining('tick "CRM (crm)"'),
			},
		]);
		// OAuth2 may refresh the token and ask once more on a 401; nothing else is called.
		expect(new Set(portal.emulator.restCalls().map((call) => call.restMethod))).toEqual(
			new Set(['crm.currency.list']),
		);
	});
});
