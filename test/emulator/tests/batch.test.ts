import { resolveReferences } from '../methods/batchReferences';
import { onePixelPng } from '../png';
import { error, postForm, postJson, type Reply, resultOf } from '../testClient';
import { DELETE, sleep, useEmulator } from './emulatorUnderTest';

const del = (productId: number | string, id: number | string) =>
	`${DELETE}?productId=${productId}&id=${id}`;

const TIME_KEYS = ['start', 'finish', 'duration', 'processing', 'date_start', 'date_finish'];
const TIME = expect.objectContaining({
	start: expect.any(Number),
	finish: expect.any(Number),
	duration: expect.any(Number),
	processing: expect.any(Number),
	date_start: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
	date_finish: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
});

const { emu, url } = useEmulator();
const batch = (payload: unknown, webhook = 'admin') => postJson(url('batch', webhook), payload);
const timeOf = (answer: Reply) => (answer.body as { time: Record<string, unknown> }).time;
const imageIds = (productId: number) => emu.portal.imagesOf(productId).map(({ id }) => id);

describe('batch', () => {
	it('runs JSON commands in order and answers each under its key', async () => {
		const answer = await batch({ halt: 0, cmd: { first: del(101, 1003), second: del(101, 1004) } });

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			result: {
				result: { first: true, second: true },
				result_error: [],
				result_total: [],
				result_next: [],
				result_time: { first: TIME, second: TIME },
			},
			time: TIME,
		});
		expect(Object.keys(timeOf(answer))).toEqual([...TIME_KEYS, 'operating_reset_at', 'operating']);
		expect(imageIds(101)).toEqual([1001, 1002]);
		expect(emu.restCalls('batch')).toMatchObject([{ batchSize: 2, status: 200 }]);
		expect(emu.restCalls(DELETE)).toEqual([]);
		expect(emu.stats).toEqual({ restRequests: 1, queryLimitExceeded: 0 });
	});

	it('reads form-encoded commands with PHP-style queries, paging included', async () => {
		const form = new URLSearchParams({
			halt: '0',
			'cmd[gone]': del(101, 1003),
			'cmd[images]': 'catalog.productImage.list?productId=101&select[0]=id&select[1]=type',
			'cmd[variations]': 'catalog.product.list?select[0]=id&select[1]=iblockId&filter[iblockId]=25',
			'cmd[products]': 'catalog.product.list?select[]=id&select[]=iblockId&filter[iblockId]=23',
		});
		const answer = await postForm(url('batch'), form.toString());

		expect(answer.status).toBe(200);
		const { result, result_error, result_total, result_next } = resultOf(answer) as Record<
			string,
			Record<string, unknown>
		>;
		expect(result.gone).toBe(true);
		expect(result.images).toEqual({
			productImages: [
				{ id: 1001, type: 'DETAIL_PICTURE' },
				{ id: 1002, type: 'PREVIEW_PICTURE' },
				{ id: 1004, type: 'MORE_PHOTO' },
			],
		});
		expect(result.variations).toEqual({
			products: [
				{ id: 103, iblockId: 25 },
				{ id: 106, iblockId: 25 },
			],
		});
		expect((result.products as { products: unknown[] }).products).toHaveLength(50);
		expect(result_error).toEqual([]);
		expect(result_total).toEqual({ images: 3, variations: 2, products: 124 });
		expect(result_next).toEqual({ products: 50 });
		expect(emu.requests[0]).toMatchObject({
			batchSize: 4,
			contentType: 'application/x-www-form-urlencoded',
		});
	});

	describe.each(['number', 'string'] as const)('with %s codes', (style) => {
		beforeEach(() => emu.setCodeStyle(style));
		const code = (value: number) => (style === 'number' ? value : String(value));

		it('keys successes and errors by command, errors in the code style', async () => {
			const answer = await batch({
				cmd: {
					ok: del(101, 1003),
					missing: del(101, 9999),
					unbound: `${DELETE}?productId=101`,
					badId: 'catalog.productImage.get?productId=abc&id=1',
					unknown: 'no.such.method?x=1',
				},
			});

			expect(answer.status).toBe(200);
			expect(resultOf(answer)).toEqual({
				result: { ok: true },
				result_error: {
					missing: error(code(0), 'Image does not exist'),
					unbound: error(code(100), 'Could not find value for parameter {id}'),
					badId: error(
						code(100),
						'Invalid value {abc} to match with parameter {productId}. Should be value of type int.',
					),
					unknown: error('ERROR_METHOD_NOT_FOUND', 'Method not found!'),
				},
				result_total: [],
				result_next: [],
				result_time: { ok: TIME },
			});
		});

		it('writes the codes exactly', async () => {
			const answer = await batch({ cmd: { a: del(0, 1) } });

			expect(answer.text).toContain(
				`"result_error":{"a":{"error":${style === 'number' ? '0' : '"0"'},"error_description":"Empty productID"}}`,
			);
		});
	});

	it('answers a list of commands with lists, or maps where keys are missing', async () => {
		const clean = await batch({ cmd: [del(101, 1003), 'scope'] });
		expect(resultOf(clean)).toEqual({
			result: [true, ['catalog', 'crm', 'user']],
			result_error: [],
			result_total: [],
			result_next: [],
			result_time: [TIME, TIME],
		});

		const gap = await batch({ cmd: ['scope', del(101, 1003), 'scope'] });
		expect(resultOf(gap)).toEqual({
			result: { 0: ['catalog', 'crm', 'user'], 2: ['catalog', 'crm', 'user'] },
			result_error: { 1: error(0, 'Image does not exist') },
			result_total: [],
			result_next: [],
			result_time: { 0: TIME, 2: TIME },
		});
		expect(emu.restCalls('batch').map(({ batchSize }) => batchSize)).toEqual([2, 3]);
	});

	it('runs 50 commands and answers each one past them ERROR_BATCH_LENGTH_EXCEEDED', async () => {
		const cmd = Object.fromEntries(
			Array.from({ length: 52 }, (_, index) => [`c${index}`, 'scope']),
		);
		const answer = await batch({ cmd });

		const { result, result_error, result_time } = resultOf(answer) as Record<string, object>;
		expect(Object.keys(result)).toHaveLength(50);
		expect(Object.keys(result_time)).toHaveLength(50);
		expect(result_error).toEqual({
			c50: error('ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded'),
			c51: error('ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded'),
		});
		expect(emu.restCalls('batch')[0].batchSize).toBe(52);
	});

	it('skips commands that are not text, leaving no entry', async () => {
		const answer = await batch({ cmd: { text: 'scope', list: ['scope'], number: 5 } });

		expect(resultOf(answer)).toMatchObject({
			result: { text: expect.any(Array) },
			result_error: [],
		});
		expect(Object.keys(resultOf(answer).result as object)).toEqual(['text']);
		expect(emu.restCalls('batch')[0].batchSize).toBe(3);
	});

	it("refuses nested batches and the portal's file pseudo-methods inside a batch", async () => {
		const answer = await batch({
			cmd: {
				nested: 'batch?cmd[inner]=scope',
				upload: 'upload?fields[productId]=101',
				download: 'download?id=1',
				after: del(101, 1003),
			},
		});

		expect(resultOf(answer)).toMatchObject({
			result: { after: true },
			result_error: {
				nested: error('ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage'),
				upload: error('ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage'),
				download: error('ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage'),
			},
		});
		expect(imageIds(101)).toEqual([1001, 1002, 1004]);
	});

	it('runs an image upload whose file rides in the command as base64', async () => {
		const png = onePixelPng(10, 20, 30).toString('base64');
		const answer = await batch({
			cmd: {
				upload: `catalog.productImage.add?fields[productId]=101&fields[type]=MORE_PHOTO&fileContent[0]=a.png&fileContent[1]=${encodeURIComponent(png)}`,
				bad: 'catalog.productImage.add?fields[productId]=101&fileContent[0]=b.png&fileContent[1]=AAAA',
			},
		});

		const { result, result_error } = resultOf(answer) as Record<string, Record<string, unknown>>;
		expect(result.upload).toMatchObject({ productImage: { productId: 101, name: 'a.png', type: 'MORE_PHOTO' } });
		expect(result_error.bad).toMatchObject({ error: 0 });
		expect(emu.portal.imagesOf(101).at(-1)).toMatchObject({ name: 'a.png' });
		expect(imageIds(101)).toHaveLength(5);
	});

	it('substitutes $result references to earlier answers', async () => {
		const answer = await batch({
			halt: 1,
			cmd: {
				list: 'catalog.productImage.list?productId=101&select[0]=id',
				third: 'catalog.productImage.get?productId=101&id=$result[list][productImages][2][id]',
				gone: `${DELETE}?productId=$result[third][productImage][productId]&id=$result[third][productImage][id]`,
			},
		});

		expect(resultOf(answer)).toMatchObject({
			result: { third: { productImage: { id: 1003 } }, gone: true },
			result_error: [],
		});
		expect(imageIds(101)).toEqual([1001, 1002, 1004]);
	});

	it('stops at the first error with halt, leaving later commands out', async () => {
		const cmd = { first: del(101, 1003), broken: del(101, 9999), last: del(101, 1004) };
		const halted = await postForm(
			url('batch'),
			`halt=1&${Object.entries(cmd)
				.map(([key, command]) => `cmd[${key}]=${encodeURIComponent(command)}`)
				.join('&')}`,
		);

		expect(resultOf(halted)).toEqual({
			result: { first: true },
			result_error: { broken: error(0, 'Image does not exist') },
			result_total: [],
			result_next: [],
			result_time: { first: TIME },
		});
		expect(imageIds(101)).toEqual([1001, 1002, 1004]);

		const carriedOn = await batch({ halt: 0, cmd });
		expect(Object.keys(resultOf(carriedOn).result as object)).toEqual(['last']);
		expect(imageIds(101)).toEqual([1001, 1002]);
	});

	it('writes empty sections as [], like the documented scope failure', async () => {
		const answer = await batch(
			{ cmd: { a: del(101, 1003), b: 'catalog.product.get?id=101' } },
			'noCatalog',
		);

		expect(answer.text).toBe(
			JSON.stringify({
				result: {
					result: [],
					result_error: {
						a: { error: 'insufficient_scope', error_description: '' },
						b: { error: 'insufficient_scope', error_description: '' },
					},
					result_total: [],
					result_next: [],
					result_time: [],
				},
				time: timeOf(answer),
			}),
		);
		expect((await batch({})).text).toMatch(
			/^\{"result":\{"result":\[\],"result_error":\[\],"result_total":\[\],"result_next":\[\],"result_time":\[\]\},"time":\{/,
		);
	});

	it('runs commands for an OAuth caller with its scopes, the token kept from them', async () => {
		const { access_token } = emu.oauth.issueTokens({ scopes: ['catalog'] });
		const answer = await postJson(`${emu.baseUrl}/rest/batch`, {
			auth: access_token,
			cmd: { gone: del(101, 1003), profile: 'profile', scope: 'scope' },
		});

		expect(resultOf(answer)).toMatchObject({
			result: { gone: true, profile: { ID: '1' }, scope: ['catalog'] },
			result_error: [],
		});
		expect(emu.restCalls('batch')[0]).toMatchObject({ via: 'oauth', batchSize: 3 });
	});
});

describe('batch references', () => {
	it('answers 200 when a command refers to an unknown or failed command, the section standing in', async () => {
		const list = 'catalog.product.list?filter[iblockId]=23&select[]=id&select[]=iblockId';
		const answer = await batch({
			halt: 0,
			cmd: {
				failed: 'catalog.product.get?id=999999',
				unknown: `${list}&start=$result[nope][next]`,
				afterFailure: `${list}&start=$result[failed][product][id]`,
				whole: `${list}&filter[>id]=$result[failed]`,
			},
		});

		expect(answer.status).toBe(200);
		const sections = resultOf(answer) as Record<string, Record<string, unknown>>;
		expect(Object.keys(sections.result)).toEqual(['unknown', 'afterFailure', 'whole']);
		expect(Object.keys(sections.result_error)).toEqual(['failed']);
		// The whole section is an array: intval() of it is 1, the first page.
		expect(sections.result.unknown).toEqual(sections.result.afterFailure);
	});

	const earlier: Record<string, Record<string, unknown>> = {
		result: { list: { items: [{ id: 7, tags: ['a', 'b'] }] }, flag: true, name: 'espresso' },
		total: { list: 12 },
	};
	const lookup = (name: string) => earlier[name];

	it('replaces whole values with the value found, keeping its type', () => {
		expect(
			resolveReferences(
				{
					id: '$result[list][items][0][id]',
					deep: { tags: ['$result[list][items][0][tags]'] },
					all: '$result[flag]',
					total: '$total[list]',
				},
				lookup,
			),
		).toEqual({ id: 7, deep: { tags: [['a', 'b']] }, all: true, total: 12 });
	});

	it('prints references inside text as PHP does, and follows paths only as far as they lead', () => {
		expect(
			resolveReferences(
				{
					text: 'name: $result[name] flag: $result[flag] list: $result[list][items]',
					partial: '$result[list][nothing]',
					missing: '$result[none][id]',
					upper: '$RESULT[name]',
					bare: '$result',
				},
				lookup,
			),
		).toEqual({
			text: 'name: espresso flag: 1 list: Array',
			partial: { items: [{ id: 7, tags: ['a', 'b'] }] },
			missing: earlier.result,
			upper: undefined,
			bare: '$result',
		});
	});
});

describe('rate limit', () => {
	it('lets a burst through, answers 503 above it, and drains over time', async () => {
		emu.setRateLimit({ burst: 2, perSecond: 2 });
		expect(emu.rateLimit).toEqual({ burst: 2, perSecond: 2 });

		const burst = await Promise.all([1, 2, 3].map(() => postJson(url('scope'), {})));
		expect(burst.map(({ status }) => status)).toEqual([200, 200, 200]);
		const refused = await postJson(url(DELETE), { productId: 101, id: 1003 });
		expect(refused.status).toBe(503);
		expect(refused.text).toBe(
			'{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}',
		);
		expect(emu.portal.image(1003)).toBeDefined();
		expect(emu.restCalls(DELETE)).toMatchObject([{ status: 503 }]);
		expect(emu.stats).toEqual({ restRequests: 4, queryLimitExceeded: 1 });

		await sleep(600);
		expect((await postJson(url(DELETE), { productId: 101, id: 1003 })).status).toBe(200);
		expect(emu.portal.image(1003)).toBeUndefined();
	});

	it('counts a batch as one request', async () => {
		emu.setRateLimit({ burst: 1, perSecond: 0.1 });

		const cmd = Array.from({ length: 10 }, () => 'scope');
		expect((await batch({ cmd })).status).toBe(200);
		expect((await batch({ cmd })).status).toBe(200);
		expect((await batch({ cmd })).status).toBe(503);
		expect(emu.stats).toEqual({ restRequests: 3, queryLimitExceeded: 1 });
	});

	it('is off by default and after reset()', async () => {
		emu.setRateLimit({ burst: 0, perSecond: 0 });
		await postJson(url('scope'), {});
		expect((await postJson(url('scope'), {})).status).toBe(503);

		emu.reset();
		expect(emu.rateLimit).toBeNull();
		expect(emu.stats).toEqual({ restRequests: 0, queryLimitExceeded: 0 });
		for (let i = 0; i < 5; i++) expect((await postJson(url('scope'), {})).status).toBe(200);
		expect(() => emu.setRateLimit({ burst: -1, perSecond: 1 })).toThrow('burst');
	});
});

describe('operating time', () => {
	const OPERATING_KEYS = [...TIME_KEYS, 'operating_reset_at', 'operating'];

	it('blocks a method per caller past the limit until the window releases it', async () => {
		emu.setProcessingTime('PROFILE', 2);
		emu.setOperatingLimit({ limitSeconds: 3, windowSeconds: 0.5 });

		const first = await postJson(url('profile'), {});
		const time = timeOf(first);
		expect(Object.keys(time)).toEqual(OPERATING_KEYS);
		expect(time.operating).toBe(2);
		expect(Number.isInteger(time.operating_reset_at)).toBe(true);
		// The oldest use ends between the request's start and finish; it leaves 0.5 s later.
		expect(time.operating_reset_at).toBeGreaterThanOrEqual(Math.ceil((time.start as number) + 0.5));
		expect(time.operating_reset_at).toBeLessThanOrEqual(Math.ceil((time.finish as number) + 0.5));
		expect(timeOf(await postJson(url('profile'), {})).operating).toBe(4);

		const blocked = await postJson(url('profile'), {});
		expect(blocked.status).toBe(429);
		expect(blocked.body).toEqual(
			error('OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit'),
		);
		const other = await postJson(url('scope'), {});
		expect(other.status).toBe(200);
		expect(timeOf(other)).toMatchObject({ operating: 0 });
		// Unused, it still names a reset a window ahead, as the 2025-2026 examples do.
		expect(Object.keys(timeOf(other))).toEqual(OPERATING_KEYS);
		expect(timeOf(other).operating_reset_at).toBe(
			Math.ceil((timeOf(other).finish as number) + 0.5),
		);
		expect((await postJson(url('profile', 'viewer'), {})).status).toBe(200);

		await sleep(600);
		const released = await postJson(url('profile'), {});
		expect(released.status).toBe(200);
		expect(timeOf(released).operating).toBe(2);
	});

	it("counts batch commands one by one, each to its method, and not to the batch (the docs' limits page)", async () => {
		emu.setProcessingTime('*', 1);
		emu.setProcessingTime('batch', 0);
		emu.setOperatingLimit({ limitSeconds: 2, windowSeconds: 600 });

		const answer = await batch({ cmd: ['profile', 'profile', 'profile', 'profile', 'scope'] });

		expect(answer.status).toBe(200);
		const { result_error, result_time } = resultOf(answer) as Record<
			string,
			Record<string, unknown>
		>;
		expect(result_error).toEqual({
			3: error('OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit'),
		});
		expect(
			Object.values(result_time).map((time) => (time as { operating: number }).operating),
		).toEqual([1, 2, 3, 1]);
		expect(timeOf(answer).operating).toBe(0);
	});

	it('reports the time used in every answer, as cloud portals do, and blocks nothing while off', async () => {
		expect(timeOf(await postJson(url('scope'), {}))).toMatchObject({ operating: 0 });
		expect(Object.keys(timeOf(await postJson(url('scope'), {})))).toEqual(OPERATING_KEYS);
		emu.setProcessingTime('*', 1000);
		for (let i = 1; i <= 3; i++) {
			const answer = await postJson(url('profile'), {});
			expect(answer.status).toBe(200);
			expect(Object.keys(timeOf(answer))).toEqual(OPERATING_KEYS);
			expect(timeOf(answer).operating).toBe(1000 * i);
		}
		// Uses count over the cloud's ten minutes while no limit is set.
		const time = timeOf(await postJson(url('profile', 'viewer'), {}));
		expect(time.operating_reset_at).toBeGreaterThanOrEqual(Math.ceil((time.start as number) + 600));
		expect(time.operating_reset_at).toBeLessThanOrEqual(Math.ceil((time.finish as number) + 600));
	});
});

describe('latency', () => {
	it('waits before answering each REST request, until reset()', async () => {
		emu.setLatency(150);
		const started = Date.now();
		expect((await postJson(url('scope'), {})).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);

		emu.reset();
		const again = Date.now();
		await postJson(url('scope'), {});
		expect(Date.now() - again).toBeLessThan(140);
	});
});

describe('faults around batches', () => {
	it('answers a batch command with an injected error instead of running it', async () => {
		emu.injectFault({
			kind: 'error',
			method: DELETE,
			inBatch: true,
			times: 2,
			status: 400,
			code: 'ERROR_CORE',
			description: 'Simulated',
		});
		emu.injectFault({ kind: 'system', inBatch: true, code: 'QUERY_LIMIT_EXCEEDED' });

		expect((await postJson(url(DELETE), { productId: 101, id: 1001 })).status).toBe(200);
		const answer = await batch({
			cmd: { scope: 'scope', a: del(101, 1002), b: del(101, 1003), c: del(101, 1004) },
		});

		expect(resultOf(answer)).toMatchObject({
			result: { c: true },
			result_error: {
				scope: error('QUERY_LIMIT_EXCEEDED', 'Too many requests'),
				a: error('ERROR_CORE', 'Simulated'),
				b: error('ERROR_CORE', 'Simulated'),
			},
		});
		expect(imageIds(101)).toEqual([1002, 1003]);
		expect(() => emu.injectFault({ kind: 'drop', inBatch: true })).toThrow('batch');
	});

	it('commits, then drops the connection', async () => {
		emu.injectFault({ kind: 'commitThenDrop', method: 'batch' });

		await expect(batch({ cmd: [del(101, 1003), del(101, 1004)] })).rejects.toThrow('fetch failed');
		expect(imageIds(101)).toEqual([1001, 1002]);
		expect(emu.restCalls('batch')).toMatchObject([{ status: 0, batchSize: 2 }]);
	});

	it('commits, then answers an error', async () => {
		emu.injectFault({
			kind: 'commitThenError',
			status: 504,
			code: 'GATEWAY_TIMEOUT',
			description: 'The portal did not answer in time',
		});

		const answer = await postJson(url(DELETE), { productId: 101, id: 1003 });
		expect(answer.status).toBe(504);
		expect(answer.body).toEqual(error('GATEWAY_TIMEOUT', 'The portal did not answer in time'));
		expect(emu.portal.image(1003)).toBeUndefined();
	});
});
