import { error, get, postForm, postJson } from '../testClient';
import { DELETE, sleep, useEmulator } from './emulatorUnderTest';

/** Faults a test can order: Bitrix24 errors, raw bodies, HTML pages, redirects, streams, drops and delays. */

const { emu, url } = useEmulator();

describe('faults', () => {
	const deleteImage = () => postJson(url(DELETE), { productId: 101, id: 1003 });

	it('answers an injected Bitrix24 error in the current code style', async () => {
		emu.injectFault({ kind: 'error', status: 400, code: 100, description: 'Something' });
		emu.injectFault({ kind: 'error', status: 400, code: '100', description: 'Something' });

		expect((await deleteImage()).text).toBe('{"error":100,"error_description":"Something"}');
		emu.setCodeStyle('string');
		expect((await deleteImage()).text).toBe('{"error":"100","error_description":"Something"}');
		expect(emu.portal.image(1003)).toBeDefined();
		expect(emu.restCalls(DELETE).map(({ status }) => status)).toEqual([400, 400]);
	});

	it.each([
		['QUERY_LIMIT_EXCEEDED', 503, 'Too many requests'],
		['OPERATION_TIME_LIMIT', 429, 'Method is blocked due to operation time limit'],
		['INTERNAL_SERVER_ERROR', 500, 'Internal server error'],
		[
			'insufficient_scope',
			401,
			'The request requires higher privileges than provided by the webhook token',
		],
	] as const)('answers the system error %s', async (code, status, description) => {
		emu.injectFault({ kind: 'system', code });
		const answer = await deleteImage();

		expect(answer.status).toBe(status);
		expect(answer.body).toEqual(error(code, description));
	});

	it('answers a raw body', async () => {
		emu.injectFault({ kind: 'raw', status: 200, body: '{"result":' });
		emu.injectFault({ kind: 'raw', status: 500, body: 'oops', contentType: 'text/plain' });

		const truncated = await deleteImage();
		expect([truncated.status, truncated.text, truncated.headers.get('content-type')]).toEqual([
			200,
			'{"result":',
			'application/json; charset=utf-8',
		]);
		const plain = await deleteImage();
		expect([plain.status, plain.text, plain.headers.get('content-type')]).toEqual([
			500,
			'oops',
			'text/plain',
		]);
	});

	it('answers a proxy HTML page', async () => {
		emu.injectFault({ kind: 'html', status: 502 });
		const answer = await deleteImage();

		expect(answer.status).toBe(502);
		expect(answer.headers.get('content-type')).toBe('text/html');
		expect(answer.text).toContain('<title>502 Bad Gateway</title>');
		expect(answer.text).toContain('<center>nginx</center>');
	});

	it('redirects a file request, once', async () => {
		const path = emu.portal.image(1001)!.detailUrl;
		emu.injectFault({ kind: 'redirect', method: 'upload', location: '/upload/moved/a.png' });
		emu.injectFault({
			kind: 'redirect',
			method: 'upload',
			location: 'http://cdn.example/b.png',
			status: 301,
		});

		const moved = await fetch(emu.baseUrl + path, { redirect: 'manual' });
		expect([moved.status, moved.headers.get('location')]).toEqual([302, '/upload/moved/a.png']);
		const elsewhere = await fetch(emu.baseUrl + path, { redirect: 'manual' });
		expect([elsewhere.status, elsewhere.headers.get('location')]).toEqual([
			301,
			'http://cdn.example/b.png',
		]);
		expect((await get(emu.baseUrl + path)).status).toBe(200);
		expect(emu.requests.map((request) => request.status)).toEqual([302, 301, 200]);
	});

	it('streams a large file, with or without its length, counting what it wrote', async () => {
		const path = emu.portal.image(1001)!.detailUrl;
		const bytes = 3 * 1024 * 1024 + 5;
		emu.injectFault({ kind: 'streamed', method: 'upload', bytes, contentType: 'image/png' });
		emu.injectFault({
			kind: 'streamed',
			method: 'upload',
			bytes,
			contentType: 'image/png',
			declareLength: true,
		});

		const chunked = await fetch(emu.baseUrl + path);
		expect([chunked.headers.get('content-type'), chunked.headers.get('content-length')]).toEqual([
			'image/png',
			null,
		]);
		expect((await chunked.arrayBuffer()).byteLength).toBe(bytes);
		const declared = await fetch(emu.baseUrl + path);
		expect(declared.headers.get('content-length')).toBe(String(bytes));
		expect((await declared.arrayBuffer()).byteLength).toBe(bytes);
		expect(emu.requests.map((request) => request.bytesSent)).toEqual([bytes, bytes]);
	});

	it('stops streaming when the client leaves', async () => {
		const path = emu.portal.image(1001)!.detailUrl;
		const bytes = 1024 * 1024 * 1024;
		emu.injectFault({ kind: 'streamed', method: 'upload', bytes, contentType: 'image/png' });

		const answer = await fetch(emu.baseUrl + path);
		const reader = answer.body!.getReader();
		await reader.read();
		await reader.cancel();
		await sleep(100);
		expect(emu.requests[0].bytesSent).toBeLessThan(64 * 1024 * 1024);
	});

	it('drops the connection', async () => {
		emu.injectFault({ kind: 'drop' });

		await expect(deleteImage()).rejects.toThrow('fetch failed');
		expect(emu.restCalls(DELETE)).toHaveLength(1);
		expect(emu.restCalls(DELETE)[0].status).toBe(0);
		expect(emu.portal.image(1003)).toBeDefined();
		expect((await deleteImage()).status).toBe(200);
	});

	it('delays, then answers normally', async () => {
		emu.injectFault({ kind: 'delay', ms: 150 });
		const started = Date.now();
		const answer = await deleteImage();

		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(answer.status).toBe(200);
		expect(emu.portal.image(1003)).toBeUndefined();
	});

	it('does nothing for a client that left during the delay', async () => {
		emu.injectFault({ kind: 'delay', ms: 150 });
		const abort = new AbortController();
		const pending = fetch(url(DELETE), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ productId: 101, id: 1003 }),
			signal: abort.signal,
		});
		await sleep(30);
		abort.abort();
		await expect(pending).rejects.toThrow();
		await sleep(200);

		expect(emu.portal.image(1003)).toBeDefined();
		expect(emu.restCalls(DELETE)[0].status).toBe(0);
	});

	it('hits only the targeted method, the given number of times, in order', async () => {
		emu.injectFault({
			kind: 'system',
			code: 'QUERY_LIMIT_EXCEEDED',
			method: 'CATALOG.productImage.delete',
			times: 2,
		});
		emu.injectFault({ kind: 'html', status: 504 });

		expect((await get(url('profile'))).status).toBe(504);
		expect((await get(url('profile'))).status).toBe(200);
		expect((await deleteImage()).status).toBe(503);
		expect((await deleteImage()).status).toBe(503);
		expect((await deleteImage()).status).toBe(200);
	});

	it('keeps an endless fault until cleared', async () => {
		emu.injectFault({ kind: 'system', code: 'OVERLOAD_LIMIT', times: Infinity });

		for (let i = 0; i < 3; i++) expect((await get(url('profile'))).status).toBe(503);
		emu.clearFaults();
		expect((await get(url('profile'))).status).toBe(200);
	});

	it('reaches the token endpoint only when aimed at oauth.token', async () => {
		const { refresh_token } = emu.oauth.issueTokens();
		const refresh = () =>
			postForm(
				`${emu.baseUrl}/oauth/token/`,
				`grant_type=refresh_token&client_id=${emu.oauth.clientId}&client_secret=${emu.oauth.clientSecret}&refresh_token=${refresh_token}`,
			);
		emu.injectFault({ kind: 'html', status: 502 });
		emu.injectFault({ kind: 'raw', status: 500, body: 'down', method: 'oauth.token' });

		expect((await refresh()).text).toBe('down');
		expect(emu.oauth.tokenRequests).toBe(1);
		expect(emu.oauth.refreshCount).toBe(0);
		expect((await refresh()).status).toBe(200);
		expect((await get(url('profile'))).status).toBe(502);
	});

	it('rejects malformed faults', () => {
		expect(() => emu.injectFault({ kind: 'drop', times: 0 })).toThrow('at least 1');
		expect(() =>
			emu.injectFault({ kind: 'system', code: 'NOPE' as 'QUERY_LIMIT_EXCEEDED' }),
		).toThrow('Unknown system error');
	});
});
