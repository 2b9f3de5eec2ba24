/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test of a test server */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import { Bitrix24Emulator, CATALOG_EVENTS } from '../index';
import { readBody } from '../server';
import { error, postJson, type Reply, resultOf } from '../testClient';

let emu: Bitrix24Emulator;
let handler: Server;
let handlerUrl = '';
let handlerStatus = 200;
/** What the handler received: content type and the body as Node's querystring reads it. */
const received: Array<{ contentType: string; form: Record<string, unknown> }> = [];

beforeAll(async () => {
	emu = await Bitrix24Emulator.start();
	handler = createServer((request, response) => {
		void readBody(request).then((body) => {
			received.push({
				contentType: request.headers['content-type'] ?? '',
				form: { ...parseQueryString(body.toString('utf8')) },
			});
			response.writeHead(handlerStatus).end();
		});
	});
	await new Promise<void>((resolve) => handler.listen(0, '127.0.0.1', resolve));
	handlerUrl = `http://127.0.0.1:${(handler.address() as AddressInfo).port}/hook?key=k1`;
});

afterAll(async () => {
	await emu.stop();
	await new Promise((resolve) => handler.close(resolve));
});

beforeEach(() => {
	emu.reset();
	received.length = 0;
	handlerStatus = 200;
});

/** A REST call with the app's access token, as an OAuth2 client makes it. */
async function oauthCall(method: string, params: Record<string, unknown> = {}): Promise<Reply> {
	const { access_token } = emu.oauth.issueTokens();
	return await postJson(`${emu.baseUrl}/rest/${method}`, { ...params, auth: access_token });
}

describe('event.bind, event.unbind, event.get', () => {
	it('binds a handler for an app and lists it as the portal does', async () => {
		const bound = await oauthCall('event.bind', {
			event: 'catalog.product.on.update',
			handler: handlerUrl,
		});
		expect(bound.status).toBe(200);
		expect(resultOf(bound)).toBe(true);
		expect(resultOf(await oauthCall('event.get'))).toEqual([
			{ event: 'CATALOG.PRODUCT.ON.UPDATE', handler: handlerUrl, auth_type: '0', offline: 0 },
		]);
	});

	it('refuses a webhook: WRONG_AUTH_TYPE, 403, for each of the three methods', async () => {
		for (const method of ['event.bind', 'event.unbind', 'event.get']) {
			const answer = await postJson(emu.webhookUrl() + method, {
				event: 'CATALOG.PRODUCT.ON.ADD',
				handler: handlerUrl,
			});
			expect(answer.status).toBe(403);
			expect(answer.body).toEqual(
				error('WRONG_AUTH_TYPE', 'Current authorization type is denied for this method'),
			);
		}
		expect(emu.events.bindings).toEqual([]);
	});

	it('refuses an unknown event and a second identical binding', async () => {
		const unknown = await oauthCall('event.bind', { event: 'ONCRMLEADADD', handler: handlerUrl });
		expect(unknown.status).toBe(400);
		expect(unknown.body).toEqual(error('ERROR_EVENT_NOT_FOUND', 'Event not found'));
		await oauthCall('event.bind', { event: 'CATALOG.PRODUCT.ON.ADD', handler: handlerUrl });
		const again = await oauthCall('event.bind', {
			event: 'CATALOG.PRODUCT.ON.ADD',
			handler: handlerUrl,
		});
		expect(again.body).toEqual(
			error('ERROR_CORE', 'Unable to set event handler: Handler already binded'),
		);
	});

	it.each([
		[
			'a host without a dot',
			'http://localhost:5678/webhook/x',
			'ERROR_WRONG_HANDLER_URL',
			'Wrong handler URL',
		],
		['no URL', 'n8n webhook', 'ERROR_WRONG_HANDLER_URL', 'Wrong handler URL'],
		[
			'another protocol',
			'ftp://n8n.example.com/hook',
			'ERROR_UNSUPPORTED_PROTOCOL',
			'Unsupported handler protocol',
		],
	])('refuses a handler with %s', async (_, handler, code, description) => {
		const answer = await oauthCall('event.bind', { event: 'CATALOG.PRODUCT.ON.ADD', handler });
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual(error(code, description));
		expect(emu.events.bindings).toEqual([]);
	});

	it('unbinds what matches and says how many went', async () => {
		for (const event of ['CATALOG.PRODUCT.ON.ADD', 'CATALOG.PRODUCT.ON.DELETE']) {
			await oauthCall('event.bind', { event, handler: handlerUrl });
		}
		const unbound = await oauthCall('event.unbind', {
			event: 'CATALOG.PRODUCT.ON.ADD',
			handler: handlerUrl,
		});
		expect(resultOf(unbound)).toEqual({ count: 1 });
		expect(resultOf(await oauthCall('event.unbind', { event: 'CATALOG.PRODUCT.ON.ADD' }))).toEqual({
			count: 0,
		});
		expect(emu.events.bindings.map((binding) => binding.event)).toEqual([
			'CATALOG.PRODUCT.ON.DELETE',
		]);
	});

	it('knows the fifteen catalog events', () => {
		expect(CATALOG_EVENTS).toHaveLength(15);
		expect(CATALOG_EVENTS).toContain('CATALOG.PRICE.TYPE.ON.DELETE');
	});
});

describe('event delivery', () => {
	it("posts an app's event form-encoded, PHP-style, with the application token", async () => {
		await oauthCall('event.bind', { event: 'CATALOG.PRODUCT.ON.UPDATE', handler: handlerUrl });
		const before = Math.floor(Date.now() / 1000);
		const answer = await oauthCall('catalog.product.update', {
			id: 101,
			fields: { active: 'N' },
		});
		expect(answer.status).toBe(200);
		await emu.events.settled();
		expect(received).toHaveLength(1);
		const { contentType, form } = received[0];
		expect(contentType).toBe('application/x-www-form-urlencoded');
		const host = new URL(emu.baseUrl).host;
		expect(form).toEqual({
			event: 'CATALOG.PRODUCT.ON.UPDATE',
			event_handler_id: '1',
			'data[FIELDS][ID]': '101',
			'data[FIELDS][TYPE]': '1',
			ts: expect.stringMatching(/^\d+$/),
			'auth[access_token]': expect.stringMatching(/^\w+$/),
			'auth[expires_in]': '3600',
			'auth[scope]': expect.any(String),
			'auth[domain]': host,
			'auth[client_endpoint]': `${emu.baseUrl}/rest/`,
			'auth[server_endpoint]': `${emu.baseUrl}/oauth/rest/`,
			'auth[member_id]': emu.oauth.memberId,
			'auth[status]': 'L',
			'auth[application_token]': emu.oauth.applicationToken,
		});
		expect(Number(form.ts)).toBeGreaterThanOrEqual(before);
		expect(emu.portal.product(101)?.active).toBe('N');
		expect(emu.events.deliveries).toMatchObject([
			{ event: 'CATALOG.PRODUCT.ON.UPDATE', handler: handlerUrl, status: 200 },
		]);
	});

	it('gives an outgoing webhook only the portal and its own token, for the events it lists', async () => {
		const hook = emu.events.addOutgoingWebhook(handlerUrl, ['CATALOG.PRODUCT.ON.DELETE']);
		emu.portal.updateProduct(101, { name: 'Renamed' });
		emu.portal.removeProduct(102);
		await emu.events.settled();
		expect(received.map(({ form }) => form)).toEqual([
			{
				event: 'CATALOG.PRODUCT.ON.DELETE',
				event_handler_id: String(hook.id),
				'data[FIELDS][ID]': '102',
				'data[FIELDS][TYPE]': '3',
				ts: expect.stringMatching(/^\d+$/),
				'auth[domain]': new URL(emu.baseUrl).host,
				'auth[client_endpoint]': `${emu.baseUrl}/rest/`,
				'auth[server_endpoint]': `${emu.baseUrl}/oauth/rest/`,
				'auth[member_id]': emu.oauth.memberId,
				'auth[application_token]': hook.applicationToken,
			},
		]);
		expect(emu.portal.product(102)).toBeUndefined();
		expect(emu.portal.imagesOf(102)).toEqual([]);
	});

	it('records a handler that failed or could not be reached, and does not try again', async () => {
		handlerStatus = 500;
		emu.events.addOutgoingWebhook(handlerUrl, ['CATALOG.PRODUCT.ON.ADD']);
		emu.events.addOutgoingWebhook('http://127.0.0.1:9/unreachable', ['CATALOG.PRODUCT.ON.ADD']);
		emu.portal.createProduct({ name: 'New product' });
		await emu.events.settled();
		expect(received).toHaveLength(1);
		expect(emu.events.deliveries.map(({ status }) => status).sort()).toEqual([0, 500]);
	});

	it("sends an app's handlers nothing until the app has finished installing, as app.info says", async () => {
		emu.events.appInstalled = false;
		await oauthCall('event.bind', { event: 'CATALOG.PRODUCT.ON.UPDATE', handler: handlerUrl });
		const hook = emu.events.addOutgoingWebhook(handlerUrl, ['CATALOG.PRODUCT.ON.UPDATE']);
		expect(resultOf(await oauthCall('app.info'))).toEqual({
			ID: 1,
			CODE: emu.oauth.clientId,
			VERSION: 1,
			STATUS: 'L',
			INSTALLED: false,
			PAYMENT_EXPIRED: 'N',
			DAYS: null,
		});
		emu.portal.updateProduct(101, { name: 'Espresso machine II' });
		await emu.events.settled();
		// Only the outgoing webhook, which is no app, was called.
		expect(received.map(({ form }) => form['auth[application_token]'])).toEqual([
			hook.applicationToken,
		]);
		emu.events.appInstalled = true;
		expect(resultOf(await oauthCall('app.info'))).toMatchObject({ INSTALLED: true });
	});

	it('forgets bindings and outgoing webhooks on reset', async () => {
		await oauthCall('event.bind', { event: 'CATALOG.PRODUCT.ON.ADD', handler: handlerUrl });
		emu.events.addOutgoingWebhook(handlerUrl, ['CATALOG.PRODUCT.ON.ADD']);
		emu.reset();
		emu.portal.createProduct({ name: 'New product' });
		await emu.events.settled();
		expect(received).toEqual([]);
	});
});
