import { expectErrorReply as expectError, type Reply, resultOf } from '../testClient';
import { useEmulator } from './emulatorUnderTest';

/** Paging product lists, on the catalog demo. */

const { emu, call } = useEmulator({ catalogDemo: true });

describe('paging', () => {
	const KEYS = ['id', 'iblockId'];
	let ids: { firstId: number; lastId: number };
	beforeEach(() => {
		// 1,000 plain products after the demo's: catalog 23 holds 129 + 1,000.
		ids = emu.portal.seedProducts({ count: 1000, name: (n) => `Bulk ${n}` });
	});
	const page = (params: object) =>
		call('catalog.product.list', { select: KEYS, filter: { iblockId: 23 }, ...params });
	const idsOf = (answer: Reply) =>
		(resultOf(answer).products as Array<{ id: number }>).map(({ id }) => id);
	const catalog23 = () => emu.portal.productsIn(23).map(({ id }) => id);

	it('seeds products in bulk after every id, and reset() removes them', () => {
		expect(ids).toEqual({ firstId: 409, lastId: 1408 });
		expect(emu.portal.product(1408)).toEqual({
			id: 1408,
			iblockId: 23,
			name: 'Bulk 1000',
			type: 1,
			active: 'Y',
		});
		emu.reset();
		expect(emu.portal.product(409)).toBeUndefined();
		expect(emu.portal.productsIn(23)).toHaveLength(129);
	});

	it('answers start -1 with the first 50 rows and neither total nor next', async () => {
		const answer = await page({ start: -1 });
		expect(Object.keys(answer.body as object)).toEqual(['result', 'time']);
		expect(idsOf(answer)).toEqual(catalog23().slice(0, 50));
	});

	it.each([
		[70, 50, 100],
		['149', 100, 150],
		[49, 0, 50],
		[-5, 0, 50],
		['abc', 0, 50],
	])(
		'rounds start %j down to its page (%i), with next %i and the total',
		async (start, offset, next) => {
			const answer = await page({ start });
			expect(answer.body).toMatchObject({ next, total: 1129 });
			expect(idsOf(answer)).toEqual(catalog23().slice(offset, offset + 50));
		},
	);

	it('answers the first page again, with the total and no next, for a start past the end', async () => {
		const answer = await page({ start: 1150 });
		expect(Object.keys(answer.body as object)).toEqual(['result', 'total', 'time']);
		expect(answer.body).toMatchObject({ total: 1129 });
		expect(idsOf(answer)).toEqual(catalog23().slice(0, 50));
		const last = await page({ start: 1100 });
		expect(idsOf(last)).toEqual(catalog23().slice(1100));
		expect(Object.keys(last.body as object)).toEqual(['result', 'total', 'time']);
	});

	it('reads all rows 50 at a time with >id, order by id and start -1', async () => {
		const read: number[] = [];
		let requests = 0;
		for (let last = 0, size = 50; size === 50; requests++) {
			const answer = await page({
				filter: { iblockId: 23, '>id': last },
				order: { id: 'asc' },
				start: -1,
			});
			const got = idsOf(answer);
			expect(answer.body).not.toHaveProperty('total');
			read.push(...got);
			size = got.length;
			last = got.at(-1) ?? last;
		}
		expect(read).toEqual(catalog23());
		expect(requests).toBe(23);
	});

	it('chains pages in one batch through $result references', async () => {
		const command = (after: string) =>
			`catalog.product.list?select[]=id&select[]=iblockId&filter[iblockId]=23&filter[%3Eid]=${after}&order[id]=asc&start=-1`;
		const answer = await call('batch', {
			halt: 1,
			cmd: {
				p0: command('0'),
				p1: command('$result[p0][products][49][id]'),
				p2: command('$result[p1][products][49][id]'),
			},
		});
		const { result, result_error, result_total, result_next } = resultOf(answer) as Record<
			string,
			Record<string, { products: Array<{ id: number }> }>
		>;
		expect(result_error).toEqual([]);
		expect(result_total).toEqual([]);
		expect(result_next).toEqual([]);
		const chained = ['p0', 'p1', 'p2'].flatMap((key) => result[key].products.map(({ id }) => id));
		expect(chained).toEqual(catalog23().slice(0, 150));
	});

	it('pages a large catalog cheaply by id: 100,000 products seed and read fast', async () => {
		const { lastId } = emu.portal.seedProducts({ count: 100_000 });
		const started = Date.now();
		const answer = await page({ filter: { iblockId: 23, '>=id': lastId - 9 }, start: -1 });
		expect(idsOf(answer)).toHaveLength(10);
		const counted = await page({ start: 0 });
		expect(counted.body).toMatchObject({ next: 50, total: 101_129 });
		// Generous: the read by id skips the rows before it; counting reads them all once.
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it.each([
		['@id: not an operator of the catalog filter, so ignored', { '@id': [101, 102] }, 1129],
		['!@id: ignored too', { '!@id': [101] }, 1129],
		['an array after = is "in"', { '=id': [101, 102] }, 2],
		['an array without a prefix is "in"', { id: ['101', 102] }, 2],
		['an array after ! is "not in"', { '!id': [101, 102], '<id': 200 }, 2],
		['!= is "not in" as well', { '!=id': [101], '<id': 200 }, 3],
	])('filters by %s', async (_, filter, total) => {
		const answer = await page({ filter: { iblockId: 23, '<id': 2000, ...filter } });
		expect(answer.body).toMatchObject({ total });
	});

	it('filters and orders by property values; any value of a multiple property matches', async () => {
		const found = await page({ filter: { iblockId: 23, property111: 'WHITE' } });
		expect(idsOf(found)).toEqual([401]);
		const brands = await page({
			select: ['id', 'iblockId', 'property110'],
			filter: { iblockId: 23, '%property110': 'a' },
			order: { property110: 'desc' },
		});
		expect(resultOf(brands).products).toEqual([
			{ id: 403, iblockId: 23, property110: { value: 'North Wear', valueId: '607' } },
			{ id: 401, iblockId: 23, property110: { value: 'Baratza', valueId: '601' } },
			{ id: 402, iblockId: 23, property110: { value: 'Aeroccino', valueId: '606' } },
		]);
	});

	it('lets the typed groups read only their types, narrowed by a type they read', async () => {
		const services = await call('catalog.product.service.list', {
			select: KEYS,
			filter: { iblockId: 23 },
		});
		expect(resultOf(services).services).toEqual([
			{ id: 104, iblockId: 23 },
			{ id: 407, iblockId: 23 },
		]);
		const empty = await call('catalog.product.sku.list', {
			select: KEYS,
			filter: { iblockId: 23, type: 6 },
		});
		expect(resultOf(empty).units).toEqual([
			{ id: 105, iblockId: 23 },
			{ id: 408, iblockId: 23 },
		]);
		const other = await call('catalog.product.sku.list', {
			select: KEYS,
			filter: { iblockId: 23, type: 1 },
		});
		expect((resultOf(other).units as unknown[]).length).toBe(4);
		await expectError(
			call('catalog.product.offer.list', { select: KEYS, filter: { iblockId: 23 } }),
			0,
			'productType is not allowed for this catalog',
		);
	});

	it('pages the sections and the catalogs the same way', async () => {
		const sections = await call('catalog.section.list', { filter: { iblockId: 23 }, start: -1 });
		expect(Object.keys(sections.body as object)).toEqual(['result', 'time']);
		const catalogs = await call('catalog.catalog.list', { select: ['id'], start: 60 });
		expect(catalogs.body).toMatchObject({
			result: { catalogs: [{ id: 23 }, { id: 25 }] },
			total: 2,
		});
		expect(catalogs.body).not.toHaveProperty('next');
	});
});
