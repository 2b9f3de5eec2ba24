import { expectErrorReply, type Reply, resultOf } from '../testClient';
import { useEmulator } from './emulatorUnderTest';

/** Prices, price types, rounding rules, markups and the portal's currencies, as their pages say. */

const { call } = useEmulator();

const expectError = (answer: Promise<Reply>, status: number, code: number | string, text: string) =>
	expectErrorReply(answer, code, text, status);

/** catalog.price.modify for one product with these entries. */
const modify = (id: number, prices: object[]) =>
	call('catalog.price.modify', { fields: { product: { id, prices } } });

const pricesOf = async (productId: number) =>
	(
		resultOf(
			await call('catalog.price.list', {
				select: ['catalogGroupId', 'price', 'currency'],
				filter: { productId },
			}),
		) as { prices: unknown[] }
	).prices;

describe('catalog.price', () => {
	it('adds one price per product and price type, and refuses a second or an unknown type', async () => {
		const added = resultOf(
			await call('catalog.price.add', {
				fields: { productId: 102, catalogGroupId: 2, price: '19.90', currency: 'EUR' },
			}),
		).price;
		expect(added).toEqual({
			catalogGroupId: 2,
			currency: 'EUR',
			extraId: null,
			id: 4,
			price: 19.9,
			productId: 102,
			quantityFrom: null,
			quantityTo: null,
			timestampX: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
		await expectError(
			call('catalog.price.add', {
				fields: { productId: 102, catalogGroupId: 2, price: 1, currency: 'EUR' },
			}),
			400,
			0,
			'Validate price error. Catalog product is allowed has only single price without ranges in price group',
		);
		await expectError(
			call('catalog.price.add', {
				fields: { productId: 102, catalogGroupId: 9, price: 1, currency: 'EUR' },
			}),
			400,
			0,
			'Validate price error. Catalog price group is wrong',
		);
		await expectError(
			call('catalog.price.update', { id: 4, fields: { price: 5 } }),
			400,
			0,
			'Required fields: currency',
		);
		await expectError(call('catalog.price.get', { id: 99 }), 400, '', 'Price does not exist');
	});

	it("modify sets the product's whole collection: prices left out are deleted", async () => {
		const answer = resultOf(
			await modify(101, [{ catalogGroupId: 2, price: 380, currency: 'USD' }]),
		);
		expect(answer).toEqual({
			prices: [
				expect.objectContaining({ catalogGroupId: 2, price: 380, priceScale: 380, productId: 101 }),
			],
		});
		expect(await pricesOf(101)).toEqual([{ catalogGroupId: 2, price: 380, currency: 'USD' }]);
		// Other products keep theirs.
		expect(await pricesOf(401)).toEqual([{ catalogGroupId: 1, price: 120, currency: 'USD' }]);
	});

	it('modify refuses an entry carrying its id, or two of one type, and changes nothing', async () => {
		const before = await pricesOf(101);
		await expectError(
			modify(101, [
				{ catalogGroupId: 1, price: 1, currency: 'USD' },
				{ id: 2, catalogGroupId: 2, price: 2, currency: 'USD' },
			]),
			400,
			0,
			'Validate price error. Catalog price group is wrong',
		);
		await expectError(
			modify(101, [
				{ catalogGroupId: 1, price: 1, currency: 'USD' },
				{ catalogGroupId: 1, price: 2, currency: 'USD' },
			]),
			400,
			0,
			'Validate price error. Catalog product is allowed has only single price without ranges in price group',
		);
		await expectError(
			call('catalog.price.modify', {}),
			400,
			100,
			'Could not find value for parameter {fields}',
		);
		expect(await pricesOf(101)).toEqual(before);
	});

	it('modify deletes first, then adds each entry past a refused currency, and answers the refusal last', async () => {
		// modules/catalog/lib/controller/price.php: modifyBefore deletes, then modify adds one by one.
		await expectError(
			modify(101, [
				{ catalogGroupId: 2, price: 380, currency: 'USS' },
				{ catalogGroupId: 1, price: 460, currency: 'USD' },
			]),
			400,
			'BX_ERROR',
			'Invalid currency',
		);
		// The wholesale price is gone: deleted before its entry was refused.
		expect(await pricesOf(101)).toEqual([{ catalogGroupId: 1, price: 460, currency: 'USD' }]);
	});

	it('add and update refuse a currency the portal does not have, changing nothing', async () => {
		await expectError(
			call('catalog.price.add', {
				fields: { productId: 102, catalogGroupId: 1, price: 5, currency: 'USS' },
			}),
			400,
			'BX_ERROR',
			'Invalid currency',
		);
		await expectError(
			call('catalog.price.update', { id: 2, fields: { price: 5, currency: 'usd' } }),
			400,
			'BX_ERROR',
			'Invalid currency',
		);
		expect(await pricesOf(102)).toEqual([]);
		expect(await pricesOf(101)).toEqual([
			{ catalogGroupId: 1, price: 450, currency: 'USD' },
			{ catalogGroupId: 2, price: 390, currency: 'USD' },
		]);
	});

	it('lists the prices of several products at once, an array in the filter meaning "in"', async () => {
		const listed = resultOf(
			await call('catalog.price.list', {
				select: ['productId', 'catalogGroupId'],
				filter: { productId: [401, 101, 401] },
				order: { id: 'ASC' },
			}),
		) as { prices: unknown[] };
		expect(listed.prices).toEqual([
			{ productId: 101, catalogGroupId: 1 },
			{ productId: 101, catalogGroupId: 2 },
			{ productId: 401, catalogGroupId: 1 },
		]);
	});

	it('modify works inside a batch, its prices sent as PHP-style keys', async () => {
		const reply = await call('batch', {
			halt: 0,
			cmd: {
				a: 'catalog.price.modify?fields[product][id]=402&fields[product][prices][0][catalogGroupId]=1&fields[product][prices][0][price]=30.5&fields[product][prices][0][currency]=EUR',
			},
		});
		expect(resultOf(reply).result_error).toEqual([]);
		expect(await pricesOf(402)).toEqual([{ catalogGroupId: 1, price: 30.5, currency: 'EUR' }]);
	});
});

describe('price types, names, groups, rounding rules, markups', () => {
	it('keeps one base price type and refuses to delete it', async () => {
		const added = resultOf(
			await call('catalog.priceType.add', { fields: { name: 'PARTNER', base: 'Y' } }),
		).priceType;
		expect(added).toMatchObject({ id: 3, name: 'PARTNER', base: 'Y', sort: 100, createdBy: 1 });
		expect(resultOf(await call('catalog.priceType.get', { id: 1 })).priceType).toMatchObject({
			base: 'N',
		});
		await expectError(
			call('catalog.priceType.delete', { id: 3 }),
			400,
			'BASE',
			'Deleting the base type of price is not allowed',
		);
		await expectError(
			call('catalog.priceType.update', { id: 2, fields: { sort: 5 } }),
			400,
			0,
			'Required fields: name',
		);
	});

	it('names a price type once per language, from the languages the portal has', async () => {
		await expectError(
			call('catalog.priceTypeLang.add', {
				fields: { catalogGroupId: 1, lang: 'en', name: 'Retail' },
			}),
			400,
			400,
			'A translation of the price type name into this language already exists',
		);
		await expectError(
			call('catalog.priceTypeLang.add', {
				fields: { catalogGroupId: 1, lang: 'xx', name: 'Retail' },
			}),
			400,
			201200000010,
			'Language with this id does not exist',
		);
		expect(resultOf(await call('catalog.priceTypeLang.getLanguages', {})).languages).toContainEqual(
			{
				active: 'Y',
				lid: 'de',
				name: 'German',
			},
		);
	});

	it('binds price types to customer groups once per access type, and has no get', async () => {
		await expectError(
			call('catalog.priceTypeGroup.add', {
				fields: { catalogGroupId: 1, groupId: 2, access: 'Y' },
			}),
			400,
			0,
			'The specified access type for this group already exists',
		);
		await expectError(
			call('catalog.priceTypeGroup.add', {
				fields: { catalogGroupId: 1, groupId: 2, access: 'X' },
			}),
			400,
			0,
			'Invalid access type provided. The available values are: Y, N',
		);
		expect((await call('catalog.priceTypeGroup.get', { id: 1 })).status).toBe(404);
	});

	it('needs every field of a rounding rule on update; markups are read-only', async () => {
		await expectError(
			call('catalog.roundingRule.update', { id: 1, fields: { price: 5 } }),
			400,
			0,
			'Required fields: catalogGroupId, roundType, roundPrecision',
		);
		expect(resultOf(await call('catalog.extra.get', { id: 2 })).extra).toEqual({
			id: 2,
			name: 'Seasonal markup',
			percentage: 5.1,
		});
		expect((await call('catalog.extra.add', { fields: { name: 'x', percentage: 1 } })).status).toBe(
			404,
		);
	});
});

describe('crm.currency.list', () => {
	it("lists the portal's currencies with the crm scope, and refuses a webhook without it", async () => {
		const reply = await call('crm.currency.list', {});
		expect(
			(resultOf(reply) as unknown as Array<{ CURRENCY: string }>).map((entry) => entry.CURRENCY),
		).toEqual(['USD', 'EUR', 'GBP', 'PLN']);
		await expectError(
			call('crm.currency.list', {}, 'viewer'),
			401,
			'insufficient_scope',
			'The request requires higher privileges than provided by the webhook token',
		);
	});
});
