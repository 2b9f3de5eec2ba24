import { error, get, postJson, type Reply, resultOf } from '../testClient';
import { useEmulator } from './emulatorUnderTest';

/** catalog.catalog.list, catalog.product.list and .get per kind, and the demo portal's products. */

const CATALOGS = 'catalog.catalog.list';
const PRODUCTS = 'catalog.product.list';
const PRODUCT = 'catalog.product.get';

const { emu, url } = useEmulator();

describe('catalog.catalog.list', () => {
	const products = {
		id: 23,
		iblockId: 23,
		iblockTypeId: 0,
		lid: 's1',
		name: 'Product catalog',
		productIblockId: null,
		skuPropertyId: null,
		subscription: 'N',
		vatId: null,
		yandexExport: 'N',
	};
	const variations = {
		...products,
		id: 25,
		iblockId: 25,
		name: 'Product catalog (variations)',
		productIblockId: 23,
		skuPropertyId: 97,
	};

	it('lists the catalogs with every field', async () => {
		const answer = await postJson(url(CATALOGS, 'viewer'), {});

		expect(answer.body).toEqual({
			result: { catalogs: [products, variations] },
			total: 2,
			time: expect.any(Object),
		});
	});

	it('selects, filters and orders', async () => {
		const ask = async (params: object) => resultOf(await postJson(url(CATALOGS), params)).catalogs;

		expect(await ask({ select: ['id', 'name'], order: { id: 'DESC' } })).toEqual([
			{ id: 25, name: 'Product catalog (variations)' },
			{ id: 23, name: 'Product catalog' },
		]);
		expect(await ask({ select: ['id'], filter: { productIblockId: 23 } })).toEqual([{ id: 25 }]);
		expect(await ask({ select: ['id'], filter: { '<id': 25, '%name': 'CATALOG' } })).toEqual([
			{ id: 23 },
		]);
		expect(await ask({ select: ['id'], filter: { '!@id': [23, 25] } })).toEqual([]);
	});

	it('refuses a user who may not view the catalog', async () => {
		expect((await postJson(url(CATALOGS, 'noAccess'), {})).body).toEqual(
			error(200040300010, 'Access Denied'),
		);
	});
});

describe('catalog.product.list', () => {
	const KEYS = ['id', 'iblockId', 'name'];
	const list = (params: object, webhook = 'admin') => postJson(url(PRODUCTS, webhook), params);
	const ids = (answer: Reply) =>
		(resultOf(answer).products as Array<{ id: number }>).map(({ id }) => id);

	it('pages by 50 with next and total, omitting next on the last page', async () => {
		const page = (start?: number) =>
			list({ select: KEYS, filter: { iblockId: 23 }, ...(start === undefined ? {} : { start }) });
		const [first, second, last] = [await page(), await page(50), await page(100)];

		expect(Object.keys(first.body as object)).toEqual(['result', 'next', 'total', 'time']);
		expect(first.body).toMatchObject({ next: 50, total: 124 });
		expect(ids(first).slice(0, 6)).toEqual([101, 102, 104, 105, 201, 202]);
		expect(resultOf(first).products).toHaveLength(50);
		expect(second.body).toMatchObject({ next: 100, total: 124 });
		expect(ids(second)[0]).toBe(247);
		expect(Object.keys(last.body as object)).toEqual(['result', 'total', 'time']);
		expect(ids(last)).toHaveLength(24);
		expect(ids(last).at(-1)).toBe(320);
	});

	it('answers the selected fields of each product', async () => {
		const answer = await list({
			select: ['iblockId', 'id', 'name', 'active', 'bogus'],
			filter: { iblockId: 25 },
		});

		expect(answer.body).toEqual({
			result: {
				products: [
					{ iblockId: 25, id: 103, name: 'T-shirt, red, M', active: 'Y' },
					{ iblockId: 25, id: 106, name: 'Spare filter', active: 'Y' },
				],
			},
			total: 2,
			time: expect.any(Object),
		});
	});

	it.each([
		['%name, any case', { '%name': 'SHIRT' }, [102]],
		[
			'%name over the bulk products',
			{ '%name': 'demo product 11' },
			[211, 310, 311, 312, 313, 314, 315, 316, 317, 318, 319],
		],
		['name, exactly', { name: 'Gift card' }, [105]],
		['name, any case', { name: 'gift CARD' }, [105]],
		['id', { id: 104 }, [104]],
		['a list of ids', { id: ['101', 105] }, [101, 105]],
		['an id range', { '>=id': 318 }, [318, 319, 320]],
		['not these ids', { '!id': [101, 102], '<id': 200 }, [104, 105]],
		['a LIKE pattern', { '=%name': 'Demo product 12_' }, [320]],
	])('filters by %s', async (_, filter, expected) => {
		expect(ids(await list({ select: KEYS, filter: { iblockId: 23, ...filter } }))).toEqual(
			expected,
		);
	});

	it('orders by any field, then pages', async () => {
		const answer = await list({
			select: KEYS,
			filter: { iblockId: 23, '<id': 200 },
			order: { name: 'desc' },
		});

		expect(resultOf(answer).products).toEqual([
			{ id: 102, iblockId: 23, name: 'T-shirt' },
			{ id: 104, iblockId: 23, name: 'Installation' },
			{ id: 105, iblockId: 23, name: 'Gift card' },
			{ id: 101, iblockId: 23, name: 'Espresso machine' },
		]);
	});

	it('takes PHP-style keys', async () => {
		const answer = await get(
			`${url(PRODUCTS)}?select[]=id&select[]=iblockId&filter[iblockId]=25&filter[%25name]=filter&start=0`,
		);

		expect(ids(answer)).toEqual([106]);
	});

	it.each([
		['no select', { filter: { iblockId: 23 } }, 'admin', 0, 'Required select fields: id, iblockId'],
		[
			'select without iblockId',
			{ select: ['id', 'name'], filter: { iblockId: 23 } },
			'admin',
			0,
			'Required select fields: iblockId',
		],
		[
			'select not an array',
			{ select: 'id', filter: { iblockId: 23 } },
			'admin',
			100,
			'Invalid value {id} to match with parameter {select}. Should be value of type array.',
		],
		['no filter', { select: KEYS }, 'admin', 0, 'Required filter fields: iblockId'],
		[
			'iblockId with a prefix',
			{ select: KEYS, filter: { '=iblockId': 23 } },
			'admin',
			0,
			'Required filter fields: iblockId',
		],
		[
			'filter not an object',
			{ select: KEYS, filter: 'iblockId' },
			'admin',
			0,
			'Incorrect filter format',
		],
		[
			'unknown catalog',
			{ select: KEYS, filter: { iblockId: 99 } },
			'admin',
			200040300000,
			'Iblock Not Found',
		],
		[
			'noAccess',
			{ select: KEYS, filter: { iblockId: 23 } },
			'noAccess',
			200040300010,
			'Access Denied',
		],
	])('refuses %s', async (_, payload, webhook, code, description) => {
		const answer = await list(payload, webhook);

		expect(answer.status).toBe(400);
		expect(answer.body).toEqual(error(code, description));
	});
});

describe('catalog.product.get', () => {
	const picture = (field: string, id: number) => {
		const link = `/rest/catalog.product.download?fields%5BfieldName%5D=${field}&fields%5BfileId%5D=${id}&fields%5BproductId%5D=101`;
		return { id: String(id), url: link, urlMachine: link };
	};

	// barcodeMulti, recurScheme*, trialPriceId and withoutOrder only come when a list selects them.
	it('answers the product with every documented field', async () => {
		const answer = await get(`${url(PRODUCT, 'viewer')}?id=101`);

		expect(answer.body).toEqual({
			result: {
				product: {
					id: 101,
					iblockId: 23,
					name: 'Espresso machine',
					active: 'Y',
					available: 'Y',
					bundle: 'N',
					canBuyZero: 'N',
					code: 'espresso-machine',
					createdBy: 1,
					dateActiveFrom: null,
					dateActiveTo: null,
					dateCreate: '2024-10-01T08:00:00+00:00',
					detailPicture: picture('detailPicture', 1001),
					detailText: null,
					detailTextType: 'text',
					height: null,
					iblockSectionId: null,
					length: null,
					measure: 5,
					modifiedBy: 1,
					previewPicture: picture('previewPicture', 1002),
					previewText: null,
					previewTextType: 'text',
					purchasingCurrency: null,
					purchasingPrice: null,
					quantity: 0,
					quantityReserved: 0,
					quantityTrace: 'N',
					sort: 500,
					subscribe: 'N',
					timestampX: '2024-10-01T08:00:00+00:00',
					type: 1,
					vatId: null,
					vatIncluded: 'N',
					weight: null,
					width: null,
					xmlId: '101',
				},
			},
			time: expect.any(Object),
		});
	});

	it('shows no picture where the product has none', async () => {
		const answer = await postJson(url(PRODUCT), { id: '105' });

		expect(resultOf(answer).product).toMatchObject({
			id: 105,
			type: 6,
			detailPicture: null,
			previewPicture: null,
		});
	});

	it.each([
		['no id', {}, 'admin', 100, 'Could not find value for parameter {id}'],
		['an unknown id', { id: 999 }, 'admin', 0, 'product does not exist.'],
		['id abc', { id: 'abc' }, 'admin', 0, 'product does not exist.'],
		['noAccess', { id: 101 }, 'noAccess', 200040300010, 'Access Denied'],
	])('refuses %s', async (_, payload, webhook, code, description) => {
		const answer = await postJson(url(PRODUCT, webhook), payload);

		expect(answer.status).toBe(400);
		expect(answer.body).toEqual(error(code, description));
	});
});

describe('catalog.product.sku.get, .offer.get, .service.get', () => {
	it.each([
		['catalog.product.sku.get', 102, 'sku', 3],
		['catalog.product.sku.get', 105, 'sku', 6],
		['catalog.product.offer.get', 103, 'offer', 4],
		['catalog.product.offer.get', 106, 'offer', 5],
		['catalog.product.service.get', 104, 'service', 7],
	])('%s answers product %i under "%s"', async (method, id, key, type) => {
		const answer = await postJson(url(method), { id });

		expect(answer.status).toBe(200);
		expect(resultOf(answer)[key]).toMatchObject({ id, type });
	});

	it.each([
		['catalog.product.sku.get', 'The parent product does not exist'],
		['catalog.product.offer.get', 'The product variation does not exist'],
		['catalog.product.service.get', 'The service does not exist'],
	])('%s refuses a simple product and an unknown one', async (method, description) => {
		for (const id of [101, 999]) {
			const answer = await postJson(url(method), { id });
			expect(answer.status).toBe(400);
			expect(answer.body).toEqual(error(0, description));
		}
	});
});

describe('demo portal', () => {
	it('keeps the hand-made products and adds 120 to page through', () => {
		expect(emu.portal.productsIn(23)).toHaveLength(124);
		expect(emu.portal.product(201)).toEqual({
			id: 201,
			iblockId: 23,
			name: 'Demo product 1',
			type: 1,
			active: 'Y',
		});
		expect(emu.portal.product(320)?.name).toBe('Demo product 120');
		expect(emu.portal.addProduct({ name: 'Grinder' }).id).toBe(107);
	});
});
