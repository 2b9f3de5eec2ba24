import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runListSearch } from '../harness/listSearch';
import { AUTHENTICATIONS, credentialsFor, locator, oauth2Credentials, webhookCredentials } from '../harness/nodeInputs';
import type { Authentication } from '../harness/nodeInputs';
import { runNode } from '../harness/runNode';
import { PRICE_TABLE } from '../emulator/methods/catalogPrice';
import { PRICE_TYPE_TABLE } from '../emulator/methods/catalogPriceType';
import { recordsOf } from '../emulator/methods/recordTable';
import { methodsCalled } from '../harness/batches';
import { until } from '../harness/until';
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
	// The tables as the portal seeds them, whichever the test touches first.
	const prices = () => recordsOf(portal.emulator.portal, PRICE_TABLE);
	const stored = (productId: number) =>
		prices()
			.all()
			.filter((row) => row.productId === productId)
			.map(({ id, catalogGroupId, price, currency }) => ({ id, catalogGroupId, price, currency }));

	/** The product's prices as the portal holds them, with their markup and range. */
	const storedFully = (productId: number) =>
		prices()
			.all()
			.filter((row) => row.productId === productId)
			.map(({ id, catalogGroupId, price, currency, extraId, quantityFrom, quantityTo }) => ({
				id,
				catalogGroupId,
				price,
				currency,
				extraId,
				quantityFrom,
				quantityTo,
			}));
	const addPriceType = (name: string) =>
		recordsOf(portal.emulator.portal, PRICE_TYPE_TABLE).add({ name, base: 'N', sort: 300 }).id;
	const addPrice = (fields: Record<string, unknown>) =>
		prices().add({ extraId: null, quantityFrom: null, quantityTo: null, currency: 'USD', ...fields });
	/** The writes that reached the portal, a batch's commands each on its own. */
	const writesSent = () =>
		methodsCalled(portal.emulator.requests).filter((method) =>
			/^catalog\.price\.(add|update|delete|modify)$/.test(method),
		);

	it('writes only the price types given, each on its own: reads of many products share a call, writes share a batch', async () => {
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
		// The portal's currencies once, both products' prices in one list call, both writes in one batch.
		expect(portal.emulator.requests.map((request) => request.restMethod)).toEqual([
			'crm.currency.list',
			'catalog.price.list',
			'batch',
		]);
		expect(portal.emulator.restCalls('catalog.price.list')[0].params).toEqual({
			select: ['id', 'productId', 'catalogGroupId', 'price', 'currency', 'extraId', 'quantityFrom', 'quantityTo'],
			filter: { productId: [101, 401] },
			order: { id: 'ASC' },
			start: 0,
		});
		expect(batchCommands(portal.emulator)).toEqual([
			[
				'catalog.price.update?id=2&fields[price]=375.5&fields[currency]=USD',
				'catalog.price.add?fields[productId]=401&fields[catalogGroupId]=2&fields[price]=99&fields[currency]=USD',
			],
		]);
		const unchanged = { extraId: null, quantityFrom: null, quantityTo: null };
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					productId: 101,
					prices: [
						{ id: 1, productId: 101, catalogGroupId: 1, price: 450, currency: 'USD', ...unchanged },
						expect.objectContaining({ id: 2, catalogGroupId: 2, price: 375.5, currency: 'USD', ...unchanged }),
					],
				},
				{ item: 0 },
			],
			[
				{
					productId: 401,
					prices: [
						{ id: 3, productId: 401, catalogGroupId: 1, price: 120, currency: 'USD', ...unchanged },
						expect.objectContaining({ id: 4, catalogGroupId: 2, price: 99, currency: 'USD' }),
					],
				},
				{ item: 1 },
			],
		]);
	});

	it('writes several price types each on its own, and leaves a price already at its value alone', async () => {
		addPriceType('PARTNER');
		const { error } = await run({
			productId: locator('101'),
			prices: { price: [entry(1, 460, 'usd'), entry(3, 300, 'EUR'), entry(2, 390)] },
			options: { batching: false },
		});
		expect(error).toBeUndefined();
		expect(portal.emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
			['crm.currency.list', { order: { SORT: 'ASC' } }],
			[
				'catalog.price.list',
				{
					select: ['id', 'productId', 'catalogGroupId', 'price', 'currency', 'extraId', 'quantityFrom', 'quantityTo'],
					filter: { productId: [101] },
					order: { id: 'ASC' },
					start: 0,
				},
			],
			['catalog.price.update', { id: 1, fields: { price: 460, currency: 'USD' } }],
			['catalog.price.add', { fields: { productId: 101, catalogGroupId: 3, price: 300, currency: 'EUR' } }],
			// The wholesale price is 390 USD already: not written.
		]);
		expect(stored(101).map(({ id, catalogGroupId, price }) => [id, catalogGroupId, price])).toEqual([
			[1, 1, 460],
			[2, 2, 390],
			[4, 3, 300],
		]);
	});

	it('with Remove Other Prices, sets the prices given, then deletes the others by ID', async () => {
		const { output, error } = await run({
			productId: locator('101'),
			prices: { price: [entry(1, 455)] },
			removeOtherPrices: true,
			options: { batching: false },
		});
		expect(error).toBeUndefined();
		expect(portal.emulator.restCalls().map((call) => call.restMethod)).toEqual([
			'crm.currency.list',
			'catalog.price.list',
			'catalog.price.update',
			'catalog.price.delete',
		]);
		expect(portal.emulator.restCalls('catalog.price.delete')[0].params).toEqual({ id: 2 });
		expect(stored(101)).toEqual([{ id: 1, catalogGroupId: 1, price: 455, currency: 'USD' }]);
		expect(output[0].json).toEqual({
			productId: 101,
			prices: [expect.objectContaining({ id: 1, catalogGroupId: 1, price: 455, productId: 101 })],
		});
	});

	/** Sets product 101's retail (460) and wholesale (380) prices; checks nothing else of it changed. */
	const setRetailAndWholesaleOnly = async () => {
		const before = storedFully(101);
		const { error } = await run({ productId: locator('101'), prices: { price: [entry(1, 460), entry(2, 380)] } });
		expect(error).toBeUndefined();
		expect(storedFully(101)).toEqual([
			{ ...before[0], price: 460 },
			{ ...before[1], price: 380 },
			...before.slice(2),
		]);
		expect(writesSent()).toEqual(['catalog.price.update', 'catalog.price.update']);
		return storedFully(101).slice(2);
	};

	it('keeps the markup of a price not given (a)', async () => {
		const vip = addPriceType('VIP');
		addPrice({ productId: 101, catalogGroupId: vip, price: 495, extraId: 1 });
		expect(await setRetailAndWholesaleOnly()).toEqual([
			{ id: 4, catalogGroupId: vip, price: 495, currency: 'USD', extraId: 1, quantityFrom: null, quantityTo: null },
		]);
	});

	it('keeps the quantity ranges of a price type not given (a)', async () => {
		const partner = addPriceType('PARTNER');
		addPrice({ productId: 101, catalogGroupId: partner, price: 300, quantityFrom: 1, quantityTo: 9 });
		addPrice({ productId: 101, catalogGroupId: partner, price: 280, quantityFrom: 10, quantityTo: null });
		expect(await setRetailAndWholesaleOnly()).toEqual([
			{ id: 4, catalogGroupId: partner, price: 300, currency: 'USD', extraId: null, quantityFrom: 1, quantityTo: 9 },
			{ id: 5, catalogGroupId: partner, price: 280, currency: 'USD', extraId: null, quantityFrom: 10, quantityTo: null },
		]);
	});

	it('refuses to set one price for a price type with quantity ranges, writing nothing of the item (a)', async () => {
		const partner = addPriceType('PARTNER');
		addPrice({ productId: 101, catalogGroupId: partner, price: 300, quantityFrom: 1, quantityTo: 9 });
		addPrice({ productId: 101, catalogGroupId: partner, price: 280, quantityFrom: 10, quantityTo: null });
		const before = storedFully(101);
		const { error } = await run({ productId: locator('101'), prices: { price: [entry(1, 460), entry(partner, 250)] } });
		expect(error).toMatchObject({
			message: `Prices: price 2: product 101 has 2 quantity ranges of price type ${partner}, so one price cannot be set for it [item 0]`,
			description:
				"Nothing was written for this item. Its ranges: 1 to 9 (price ID 4), 10 and more (price ID 5). Set each range's price with Price → Update and its price ID, or remove the ranges in Bitrix24 first.",
			context: { itemIndex: 0 },
		});
		expect(writesSent()).toEqual([]);
		expect(storedFully(101)).toEqual(before);
	});

	it('with Continue On Fail, a refused item gives its error and the others are written', async () => {
		const partner = addPriceType('PARTNER');
		addPrice({ productId: 401, catalogGroupId: partner, price: 300, quantityFrom: 1, quantityTo: 9 });
		addPrice({ productId: 401, catalogGroupId: partner, price: 280, quantityFrom: 10, quantityTo: null });
		const { output, error } = await run(
			{ productId: locator('={{ $json.id }}'), prices: { price: [entry(partner, '={{ $json.price }}')] } },
			[
				{ id: 401, price: 250 },
				{ id: 101, price: 260 },
			],
			'continueRegularOutput',
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.error ?? item.json.productId, item.pairedItem])).toEqual([
			[
				`Prices: price 1: product 401 has 2 quantity ranges of price type ${partner}, so one price cannot be set for it [item 0]`,
				{ item: 0 },
			],
			[101, { item: 1 }],
		]);
		expect(writesSent()).toEqual(['catalog.price.add']);
	});

	it('without Continue On Fail, stops after the round of 250 items in which one failed', async () => {
		const partner = addPriceType('PARTNER');
		addPrice({ productId: 401, catalogGroupId: partner, price: 300, quantityFrom: 1, quantityTo: 9 });
		addPrice({ productId: 401, catalogGroupId: partner, price: 280, quantityFrom: 10, quantityTo: null });
		const items = [{ id: 401 }, ...Array.from({ length: 250 }, (_, n) => ({ id: 5000 + n }))];
		const { error } = await run({ productId: locator('={{ $json.id }}'), prices: { price: [entry(partner, 10)] } }, items);
		expect(error).toMatchObject({ context: { itemIndex: 0 } });
		// The first round's other 249 items were written; the last item, in the next round, was not.
		expect(writesSent()).toHaveLength(249);
		expect(stored(5248)).toHaveLength(1);
		expect(stored(5249)).toEqual([]);
	});

	it('keeps a change another writer made between the read and the write (b)', async () => {
		const vip = addPriceType('VIP');
		const vipPrice = addPrice({ productId: 101, catalogGroupId: vip, price: 495 });
		// Each request waits a while at the portal: the other writer acts while the node's first write waits.
		portal.emulator.setLatency(300);
		const running = run({
			productId: locator('101'),
			prices: { price: [entry(1, 460), entry(2, 380)] },
			options: { batching: false },
		});
		await until('the first write to arrive', () => writesSent().length > 0, { timeoutMs: 10_000, intervalMs: 5 });
		prices().update(vipPrice.id, { price: 520 });
		const { error } = await running;
		expect(error).toBeUndefined();
		expect(stored(101).map(({ catalogGroupId, price }) => [catalogGroupId, price])).toEqual([
			[1, 460],
			[2, 380],
			[vip, 520],
		]);
	});

	it('reads and keeps every price of a product with more than 50 (c)', async () => {
		for (let n = 0; n < 56; n++) {
			addPrice({ productId: 101, catalogGroupId: addPriceType(`TYPE${n}`), price: 10 + n });
		}
		expect(stored(101)).toHaveLength(58);
		const { error } = await run({ productId: locator('101'), prices: { price: [entry(1, 460), entry(2, 380)] } });
		expect(error).toBeUndefined();
		const after = stored(101);
		expect(after).toHaveLength(58);
		expect(after.slice(0, 2).map(({ price }) => price)).toEqual([460, 380]);
		expect(after.slice(2).map(({ price }) => price)).toEqual(Array.from({ length: 56 }, (_, n) => 10 + n));
		// Two pages of the product's prices, asked for together once the first told how many there are.
		expect(portal.emulator.restCalls('catalog.price.list').map((call) => call.params.start)).toEqual([0, 50]);
	});

	it('applies two items of one product one after the other: Remove Other Prices is not undone by the item before (d)', async () => {
		const vip = addPriceType('VIP');
		const { output, error } = await run(
			{
				productId: locator('101'),
				prices: { price: [fromItem(1), fromItem(2)] },
				removeOtherPrices: '={{ $json.exact }}',
			},
			[
				{ exact: false, type1: 2, price1: 380, currency1: 'USD', type2: vip, price2: 500, currency2: 'USD' },
				{ exact: true, type1: 1, price1: 999, currency1: 'USD', type2: 2, price2: 888, currency2: 'USD' },
			],
		);
		expect(error).toBeUndefined();
		expect(stored(101).map(({ catalogGroupId, price }) => [catalogGroupId, price])).toEqual([
			[1, 999],
			[2, 888],
		]);
		expect(output.map((item) => (item.json.prices as IDataObject[]).map(({ catalogGroupId, price }) => [catalogGroupId, price]))).toEqual([
			[
				[1, 450],
				[2, 380],
				[vip, 500],
			],
			[
				[1, 999],
				[2, 888],
			],
		]);
	});

	it("refuses a currency the portal does not have before anything is written (e)", async () => {
		const before = storedFully(101);
		const { error, output } = await run(
			{ productId: locator('={{ $json.id }}'), prices: { price: [entry(1, 460), entry(2, 380, '={{ $json.currency }}')] } },
			[
				{ id: 401, currency: 'USD' },
				{ id: 101, currency: 'USS' },
			],
		);
		expect(output).toEqual([]);
		expect(error).toMatchObject({
			message: 'Prices: price 2: Currency "USS" is not one of the portal\'s currencies (USD, EUR, GBP, PLN) [item 1]',
			context: { itemIndex: 1 },
		});
		expect(writesSent()).toEqual([]);
		expect(storedFully(101)).toEqual(before);
	});

	it('without the crm scope, lets the portal refuse an unknown currency for that price alone, and loses no price (e)', async () => {
		if (authentication === 'webhook') portal.emulator.webhooks.viewer.canModifyCatalog = true;
		const credentials =
			authentication === 'webhook'
				? webhookCredentials(portal.emulator, 'viewer')
				: oauth2Credentials(portal.emulator, {
						oauthTokenData: portal.emulator.oauth.issueTokens({ scopes: ['catalog'] }) as never,
					});
		const { error } = await runNode({
			parameters: {
				authentication,
				resource: 'price',
				operation: 'setProductPrices',
				productId: locator('101'),
				prices: { price: [entry(1, 460), entry(2, 380, 'USS')] },
			} as INodeParameters,
			credentials,
		});
		expect(error).toMatchObject({
			message: 'Bitrix24 error BX_ERROR: Invalid currency (prices set: price type 1)',
			context: { itemIndex: 0 },
		});
		expect(stored(101)).toEqual([
			{ id: 1, catalogGroupId: 1, price: 460, currency: 'USD' },
			{ id: 2, catalogGroupId: 2, price: 390, currency: 'USD' },
		]);
	});

	it("Replace Product Prices replaces a product's prices in one modify, its currencies checked first", async () => {
		const { output, error } = await run(
			{
				operation: 'replaceProductPrices',
				productId: locator('={{ $json.id }}'),
				prices: { price: [entry(2, '={{ $json.price }}', '={{ $json.currency }}')] },
			},
			[
				{ id: 101, price: 380, currency: 'EUR' },
				{ id: 401, price: 99, currency: 'USS' },
			],
			'continueRegularOutput',
		);
		expect(error).toBeUndefined();
		expect(methodsCalled(portal.emulator.requests)).toEqual(['crm.currency.list', 'catalog.price.modify']);
		expect(portal.emulator.restCalls('catalog.price.modify')[0].params).toEqual({
			fields: { product: { id: 101, prices: [{ catalogGroupId: 2, price: 380, currency: 'EUR' }] } },
		});
		expect(stored(101).map(({ catalogGroupId, price, currency }) => [catalogGroupId, price, currency])).toEqual([
			[2, 380, 'EUR'],
		]);
		// 401's currency is not the portal's: it keeps its price, and says why.
		expect(stored(401)).toEqual([{ id: 3, catalogGroupId: 1, price: 120, currency: 'USD' }]);
		expect(output.map((item) => item.json)).toEqual([
			{ productId: 101, prices: [expect.objectContaining({ catalogGroupId: 2, price: 380, currency: 'EUR' })] },
			{ error: 'Prices: price 1: Currency "USS" is not one of the portal\'s currencies (USD, EUR, GBP, PLN) [item 1]' },
		]);
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
