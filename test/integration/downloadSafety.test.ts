/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a second test server */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { onePixelPng } from '../emulator/png';
import { runNode } from '../harness/runNode';
import {
	AUTHENTICATIONS,
	type Authentication,
	credentialsFor,
	locator,
	productImageParameters,
} from '../harness/nodeInputs';
import { usePortal } from './fixtures';

const MB = 1024 * 1024;

/** A server at another origin that answers every request with an image, and notes who came. */
function useElsewhere() {
	const context = {
		port: 0,
		requests: [] as Array<{ url: string; headers: IncomingHttpHeaders }>,
	};
	let server: Server;
	beforeAll(async () => {
		server = createServer((request, response) => {
			context.requests.push({ url: request.url ?? '', headers: request.headers });
			response.writeHead(200, { 'content-type': 'image/png' }).end(onePixelPng(9, 9, 9));
		});
		// Both 127.0.0.1 and localhost (which may resolve to ::1) must reach it.
		await new Promise<void>((resolve) => server.listen(0, '::', resolve));
		context.port = (server.address() as AddressInfo).port;
	});
	beforeEach(() => {
		context.requests.length = 0;
	});
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));
	return context;
}

describe.each(AUTHENTICATIONS)('Download with %s credentials fetches only from the portal', (authentication: Authentication) => {
	const portal = usePortal();
	const elsewhere = useElsewhere();
	const download = (imageId = 1002) =>
		runNode({
			parameters: productImageParameters(authentication, 'download', {
				productId: locator('101'),
				imageId: locator(String(imageId)),
				binaryPropertyName: 'data',
			}),
			credentials: credentialsFor(portal.emulator, authentication),
		});
	/** The requests for files, as opposed to REST calls. */
	const fileRequests = () => portal.emulator.requests.filter((request) => !request.restMethod);
	const name = () => portal.emulator.portal.image(1002)!.name;
	const httpsPortal = () => portal.emulator.baseUrl.replace('http:', 'https:');

	it.each([
		['an absolute URL', (other: string) => `http://${other}/upload/x.png`],
		['a scheme-relative URL', (other: string) => `//${other}/upload/x.png`],
		['a path with a backslash', (other: string) => `/\\${other}/upload/x.png`],
	])('refuses %s at another host, fetching nothing', async (_, shape) => {
		const other = `localhost:${elsewhere.port}`;
		portal.emulator.portal.image(1002)!.detailUrl = `${shape(other)}?signature=abc123`;

		const { output, error } = await download();

		expect(output).toEqual([]);
		expect(error).toMatchObject({
			message: `The file of the image "${name()}" is not on the portal: its address points to http://${other} [item 0]`,
			description: expect.stringContaining(`only from the portal in the credential (${portal.emulator.baseUrl})`),
			context: { itemIndex: 0, bitrix24: { code: 'FILE_NOT_ON_PORTAL', description: `http://${other}`, httpCode: null } },
		});
		expect(JSON.stringify(error)).not.toContain('abc123');
		expect(elsewhere.requests).toEqual([]);
		expect(fileRequests()).toEqual([]);
	});

	it.each([
		[
			'the portal as user name',
			() => `${portal.emulator.baseUrl}@localhost:${elsewhere.port}/upload/x.png`,
			() => 'an address with a user name in it',
		],
		[
			'the same host on another port',
			() => `http://127.0.0.1:${elsewhere.port}/upload/x.png`,
			() => `http://127.0.0.1:${elsewhere.port}`,
		],
		[
			'https instead of http',
			() => `${httpsPortal()}/upload/x.png`,
			() => httpsPortal(),
		],
	])('refuses an address with %s, fetching nothing', async (_, address, target) => {
		portal.emulator.portal.image(1002)!.detailUrl = address();

		const { error } = await download();

		expect(error?.message).toBe(`The file of the image "${name()}" is not on the portal: its address points to ${target()} [item 0]`);
		expect(elsewhere.requests).toEqual([]);
		expect(fileRequests()).toEqual([]);
	});

	it.each([
		['a relative', (path: string) => path],
		['an absolute', (path: string) => portal.emulator.baseUrl + path],
	])('follows %s redirect within the portal, sending no credential', async (_, location) => {
		const { emulator } = portal;
		const moved = emulator.portal.image(1003)!;
		emulator.injectFault({ kind: 'redirect', method: 'upload', location: location(moved.detailUrl) });

		const { output, error } = await download();

		expect(error).toBeUndefined();
		expect(Buffer.from(output[0].binary!.data.data, 'base64').equals(moved.bytes)).toBe(true);
		expect(fileRequests().map(({ path, status }) => [path, status])).toEqual([
			[emulator.portal.image(1002)!.detailUrl, 302],
			[moved.detailUrl, 200],
		]);
		const secret = emulator.webhooks.admin.secret;
		for (const request of fileRequests()) {
			expect(request.headers.authorization).toBeUndefined();
			expect(request.headers.cookie).toBeUndefined();
			expect(request.path).not.toContain(secret);
		}
	});

	it('refuses a redirect to another host, fetching nothing there', async () => {
		const other = `localhost:${elsewhere.port}`;
		portal.emulator.injectFault({ kind: 'redirect', method: 'upload', location: `http://${other}/x.png?token=abc123` });

		const { error } = await download();

		expect(error).toMatchObject({
			message: `The file of the image "${name()}" is not on the portal: the portal redirected it to http://${other} [item 0]`,
			context: { bitrix24: { code: 'FILE_NOT_ON_PORTAL' } },
		});
		expect(JSON.stringify(error)).not.toContain('abc123');
		expect(elsewhere.requests).toEqual([]);
		expect(fileRequests().map(({ status }) => status)).toEqual([302]);
	});

	it('refuses a page served instead of the image', async () => {
		portal.emulator.injectFault({
			kind: 'raw',
			method: 'upload',
			status: 200,
			body: '<html><title>Authorization</title></html>',
			contentType: 'text/html; charset=UTF-8',
		});

		const { output, error } = await download();

		expect(output).toEqual([]);
		expect(error).toMatchObject({
			message: `The file of the image "${name()}" is not an image: the portal served it as text/html [item 0]`,
			context: { bitrix24: { code: 'FILE_NOT_IMAGE', description: 'text/html', httpCode: null } },
		});
	});

	it('takes a file served without an image type when its content is an image, and refuses it otherwise', async () => {
		const { emulator } = portal;
		const image = emulator.portal.image(1002)!;
		image.mimeType = 'application/octet-stream';

		const served = await download();
		expect(served.error).toBeUndefined();
		expect(served.output[0].binary!.data.mimeType).toBe('image/png');

		image.bytes = Buffer.from('not a picture');
		const { error } = await download();
		expect(error?.message).toBe(
			`The file of the image "${name()}" is not an image: the portal served it as application/octet-stream [item 0]`,
		);
	});

	it.each([
		['while streaming a file of unknown length', false, 80 * MB],
		['from its announced length, before reading it', true, 50 * MB],
	])('refuses a file over 50 MB %s', async (_, declareLength, sentAtMost) => {
		const { emulator } = portal;
		emulator.injectFault({ kind: 'streamed', method: 'upload', bytes: 80 * MB, contentType: 'image/png', declareLength });

		const { output, error } = await download();

		expect(output).toEqual([]);
		expect(error).toMatchObject({
			message: `The file of the image "${name()}" is larger than the 50 MB this node downloads [item 0]`,
			context: { bitrix24: { code: 'FILE_TOO_LARGE' } },
		});
		// The node stopped reading: the portal could not send the whole file.
		expect(fileRequests()[0].bytesSent).toBeLessThan(sentAtMost);
	});

	it.each([
		['is empty', ''],
		['is missing', undefined],
	])('fails clearly, requesting no file, when the detailUrl %s', async (_, detailUrl) => {
		Object.assign(portal.emulator.portal.image(1002)!, { detailUrl });

		const { error } = await download();

		expect(error).toMatchObject({
			message: `Bitrix24 gave no file address (detailUrl) for the image "${name()}" [item 0]`,
			context: { itemIndex: 0, bitrix24: { code: 'NO_DETAIL_URL', httpCode: null } },
		});
		expect(fileRequests()).toEqual([]);
		expect(portal.emulator.requests.map((request) => request.restMethod)).toEqual(['catalog.productImage.get']);
	});

	it('names the path of a file the portal does not have, without its query', async () => {
		portal.emulator.portal.image(1002)!.detailUrl = '/upload/iblock/gone.png?signature=abc123';

		const { error } = await download();

		expect(error).toMatchObject({
			message: 'The portal answered HTTP 404 for the file /upload/iblock/gone.png',
			context: { bitrix24: { code: 'FILE_NOT_FETCHED', httpCode: '404' } },
		});
		expect(JSON.stringify(error)).not.toContain('abc123');
	});
});
