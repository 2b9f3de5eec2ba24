import { parsePhpQuery } from '../emulator/params';
import {
	BATCH_FILE_BYTES,
	batchChunks,
	phpQuery,
	readBatch,
	resultReference,
	sharedBatchParams,
} from '../../nodes/Bitrix24Catalog/transport/batch';
import {
	MAX_BATCHED_FILE_BYTES,
	MAX_QUERY_NESTING,
	MAX_QUERY_VALUES,
	obstacleOf,
} from '../../nodes/Bitrix24Catalog/transport/carriage';
import { FileContent } from '../../nodes/Bitrix24Catalog/transport/jsonBody';

describe('batch commands', () => {
	it('writes arrays of objects and nested filters as PHP reads them back', () => {
		const params = {
			fields: { product: { id: 7, prices: [{ catalogGroupId: 1, price: 9.5 }, { catalogGroupId: 2, price: 12 }] } },
			filter: { iblockId: 23, '>=sort': 100, '%name': 'a & b = c', id: [1, 2] },
			select: ['id', 'name'],
		};
		const query = phpQuery(params);
		expect(query).toBe(
			'fields[product][id]=7&fields[product][prices][0][catalogGroupId]=1&fields[product][prices][0][price]=9.5' +
				'&fields[product][prices][1][catalogGroupId]=2&fields[product][prices][1][price]=12' +
				'&filter[iblockId]=23&filter[%3E%3Dsort]=100&filter[%25name]=a%20%26%20b%20%3D%20c&filter[id][0]=1&filter[id][1]=2' +
				'&select[0]=id&select[1]=name',
		);
		expect(parsePhpQuery(query)).toEqual({
			fields: { product: { id: '7', prices: [{ catalogGroupId: '1', price: '9.5' }, { catalogGroupId: '2', price: '12' }] } },
			filter: { iblockId: '23', '>=sort': '100', '%name': 'a & b = c', id: ['1', '2'] },
			select: ['id', 'name'],
		});
	});

	it("moves the node's own references with their caller's calls, and leaves user text alone", () => {
		const page = (after: unknown) => ({ method: 'catalog.section.list', params: { filter: { '>id': after, name: '$result[c0][x]' } } });
		const params = sharedBatchParams([
			[{ method: 'catalog.product.get', params: { id: 1 } }],
			[page(0), page(resultReference(0, ['sections', 49, 'id']))],
		]);
		expect(params).toEqual({
			halt: 0,
			cmd: {
				c0: 'catalog.product.get?id=1',
				c1: 'catalog.section.list?filter[%3Eid]=0&filter[name]=%24result%5Bc0%5D%5Bx%5D',
				c2: 'catalog.section.list?filter[%3Eid]=%24result%5Bc1%5D%5Bsections%5D%5B49%5D%5Bid%5D&filter[name]=%24result%5Bc0%5D%5Bx%5D',
			},
		});
		expect(sharedBatchParams([[page(1)]], true).halt).toBe(1);
	});

	it('reads a halted batch: the commands after the failing one did not run', () => {
		const body = { result: { result: { c0: true }, result_error: { c1: { error: 0, error_description: 'Image does not exist' } } } };
		expect(readBatch(body, 3, true)).toEqual([
			{ value: true, total: undefined, next: undefined },
			{ failure: { kind: 'bitrix24', code: '0', description: 'Image does not exist', httpStatus: 400 } },
			{ failure: { kind: 'notRun' } },
		]);
		expect(readBatch(body, 3)[2]).toMatchObject({ failure: { code: 'BATCH_NO_ANSWER' } });
	});
});

describe('what may ride in a batch', () => {
	const call = (params: Record<string, unknown>) => ({ params: params as never });

	it.each<[string, Record<string, unknown>, ReturnType<typeof obstacleOf>]>([
		['plain values', { id: 5, fields: { name: 'Mug', sort: 10 }, select: ['id'] }, undefined],
		["the node's own reference", { filter: { '>id': resultReference(0, ['x']) } }, undefined],
		['an empty list', { filter: { id: [] } }, 'emptyOrNull'],
		['an empty object', { fields: {} }, 'emptyOrNull'],
		['null', { fields: { previewText: null } }, 'emptyOrNull'],
		['a boolean', { fields: { active: true } }, 'boolean'],
		['a date', { fields: { dateCreate: new Date(0) } }, 'object'],
		['text that looks like a reference', { fields: { name: 'Mug $Result[c0][x] edition' } }, 'referenceText'],
		['a key that looks like a reference', { filter: { '$error[c1]': 1 } }, 'referenceText'],
		['more values than PHP reads', { filter: { id: Array.from({ length: MAX_QUERY_VALUES + 1 }, (_, index) => index + 1) } }, 'tooManyValues'],
	])('%s', (_, params, obstacle) => {
		expect(obstacleOf(call(params), true)).toBe(obstacle);
	});

	it('takes as many values and as deep a nesting as PHP reads, and no more', () => {
		const values = { filter: { id: Array.from({ length: MAX_QUERY_VALUES }, (_, index) => index + 1) } };
		expect(obstacleOf(call(values), true)).toBeUndefined();
		const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });
		expect(obstacleOf(call({ deep: nested(MAX_QUERY_NESTING) }), true)).toBeUndefined();
		expect(obstacleOf(call({ deep: nested(MAX_QUERY_NESTING + 1) }), true)).toBe('tooDeep');
	});

	it('sends a file read only when sent, a large file, or anything with Batch Requests off, alone', () => {
		expect(obstacleOf({ params: {}, load: () => undefined }, true)).toBe('file');
		const file = (bytes: number) => ({ params: { fileContent: new FileContent('a.png', Buffer.alloc(bytes)) as never } });
		expect(obstacleOf(file(MAX_BATCHED_FILE_BYTES), true)).toBeUndefined();
		expect(obstacleOf(file(MAX_BATCHED_FILE_BYTES + 1), true)).toBe('file');
		expect(obstacleOf({ params: { id: 1 } }, false)).toBe('batchingOff');
	});

	it('writes a file as `[name, base64]`, as PHP reads it back', () => {
		const bytes = Buffer.from([0xfb, 0xff, 0xfe, 0x00, 0x3e]);
		const query = phpQuery({ fields: { productId: 7 }, fileContent: new FileContent('Фото 1.png', bytes) as never });
		expect(query).toBe('fields[productId]=7&fileContent[0]=%D0%A4%D0%BE%D1%82%D0%BE%201.png&fileContent[1]=%2B%2F%2F%2BAD4%3D');
		expect(parsePhpQuery(query)).toEqual({ fields: { productId: '7' }, fileContent: ['Фото 1.png', bytes.toString('base64')] });
	});

	it('puts at most 50 calls, and files of at most 4 MB together, in one batch', () => {
		const sizes = [3, 1, 1, 2, 0].map((megabytes) => megabytes * 1024 * 1024);
		expect(BATCH_FILE_BYTES).toBe(4 * 1024 * 1024);
		expect(batchChunks(sizes, 50, (size) => size)).toEqual([[sizes[0], sizes[1]], [sizes[2], sizes[3], sizes[4]]]);
		expect(batchChunks(Array.from({ length: 120 }, () => 0), 50, (size) => size).map((chunk) => chunk.length)).toEqual([50, 50, 20]);
	});
});
