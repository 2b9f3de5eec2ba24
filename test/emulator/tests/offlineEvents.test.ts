import { error, postJson, type Reply, resultOf } from '../testClient';
import { useEmulator } from './emulatorUnderTest';

const { emu } = useEmulator();

const UPDATE = 'CATALOG.PRODUCT.ON.UPDATE';
const ADD = 'CATALOG.PRODUCT.ON.ADD';

/** A REST call with the app's access token (user 1 is an administrator, user 7 is not). */
async function oauthCall(
	method: string,
	params: Record<string, unknown> = {},
	userId = 1,
): Promise<Reply> {
	const { access_token } = emu.oauth.issueTokens({ userId });
	return await postJson(`${emu.baseUrl}/rest/${method}`, {
		...params,
		auth: access_token,
	});
}

async function bindOffline(event: string, extra: Record<string, unknown> = {}): Promise<void> {
	const bound = await oauthCall('event.bind', {
		event,
		event_type: 'offline',
		...extra,
	});
	expect(resultOf(bound)).toBe(true);
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;
const MD5 = /^[0-9a-f]{32}$/;

/** The first entry of a queue, for an update of product 101, as event.offline.get shows it. */
const FIRST_ENTRY = {
	ID: '1',
	TIMESTAMP_X: expect.stringMatching(ISO),
	EVENT_NAME: UPDATE,
	EVENT_DATA: { FIELDS: { ID: 101, TYPE: 1 } },
	EVENT_ADDITIONAL: false,
	MESSAGE_ID: expect.stringMatching(MD5),
};

describe('event.bind with event_type offline', () => {
	it('binds without a handler and lists the binding as the portal does', async () => {
		await bindOffline(UPDATE);
		expect(resultOf(await oauthCall('event.get'))).toEqual([
			{ event: UPDATE, connector_id: '', offline: 1 },
		]);
	});

	it('refuses a user who is not an administrator, with the text of the docs, and binds nothing', async () => {
		const answer = await oauthCall('event.bind', { event: UPDATE, event_type: 'offline' }, 7);
		expect(answer.status).toBe(403);
		expect(answer.body).toEqual(
			error(
				'ACCESS_DENIED',
				'Access denied! Offline events binding requires administrator access rights',
			),
		);
		expect(emu.events.offline.bindings).toEqual([]);
	});

	it('refuses a webhook (WRONG_AUTH_TYPE) and an unknown event type', async () => {
		const hooked = await postJson(`${emu.webhookUrl()}event.bind`, {
			event: UPDATE,
			event_type: 'offline',
		});
		expect(hooked.status).toBe(403);
		expect((hooked.body as { error: string }).error).toBe('WRONG_AUTH_TYPE');
		const wrong = await oauthCall('event.bind', {
			event: UPDATE,
			event_type: 'later',
		});
		expect(wrong.status).toBe(400);
		expect(wrong.body).toEqual(error('ERROR_ARGUMENT', 'Value must be one of {online|offline}'));
	});

	it('refuses the same binding twice, and unbinds it', async () => {
		await bindOffline(UPDATE);
		const again = await oauthCall('event.bind', {
			event: UPDATE,
			event_type: 'offline',
		});
		expect(again.body).toEqual(
			error('ERROR_CORE', 'Unable to set event handler: Handler already binded'),
		);
		const unbound = await oauthCall('event.unbind', {
			event: UPDATE,
			event_type: 'offline',
		});
		expect(resultOf(unbound)).toEqual({ count: 1 });
		expect(emu.events.offline.bindings).toEqual([]);
	});
});

describe('the queue', () => {
	it('keeps one entry per object and event, however often it changed, with the last time', async () => {
		await bindOffline(UPDATE);
		for (let round = 0; round < 1000; round++) emu.portal.updateProduct(101, { name: `n${round}` });
		emu.portal.updateProduct(102, { active: 'N' });
		const listed = await oauthCall('event.offline.list');
		expect(listed.body).toMatchObject({ total: 2 });
		const rows = resultOf(listed) as unknown as Array<Record<string, unknown>>;
		expect(rows).toHaveLength(2);
		expect(Object.keys(rows[0])).toEqual([
			'ID',
			'TIMESTAMP_X',
			'EVENT_NAME',
			'EVENT_DATA',
			'EVENT_ADDITIONAL',
			'MESSAGE_ID',
			'PROCESS_ID',
			'ERROR',
		]);
		expect(rows[0]).toEqual({ ...FIRST_ENTRY, PROCESS_ID: '', ERROR: '0' });
		expect(rows[1]).toMatchObject({
			ID: '2',
			EVENT_DATA: { FIELDS: { ID: 102, TYPE: 3 } },
		});
	});

	it('queues nothing without an offline binding, and only the events bound', async () => {
		emu.portal.updateProduct(101, { name: 'x' });
		expect(emu.events.offline.entries).toEqual([]);
		await bindOffline(ADD);
		emu.portal.updateProduct(101, { name: 'y' });
		expect(emu.events.offline.entries).toEqual([]);
	});

	it('queues a change made through REST, by hand or by delete', async () => {
		await bindOffline(UPDATE);
		await bindOffline('CATALOG.PRODUCT.ON.DELETE');
		const updated = await oauthCall('catalog.product.update', {
			id: 101,
			fields: { name: 'R' },
		});
		expect(updated.status).toBe(200);
		emu.portal.removeProduct(104);
		expect(emu.events.offline.entries.map((entry) => entry.eventName)).toEqual([
			UPDATE,
			'CATALOG.PRODUCT.ON.DELETE',
		]);
	});
});

describe('event.offline.get', () => {
	it('answers as the page shows and, by default, removes what it returned', async () => {
		await bindOffline(UPDATE);
		emu.portal.updateProduct(101, { name: 'x' });
		const got = await oauthCall('event.offline.get');
		expect(got.status).toBe(200);
		expect(resultOf(got)).toEqual({
			process_id: null,
			events: [FIRST_ENTRY],
		});
		expect(emu.events.offline.entries).toEqual([]);
	});

	it('with clear 0 reserves a package that parallel calls do not get, until it is cleared', async () => {
		await bindOffline(UPDATE);
		for (let id = 101; id <= 105; id++) emu.portal.updateProduct(id, { name: 'x' });
		const [first, second] = await Promise.all([
			oauthCall('event.offline.get', { clear: 0, limit: 3 }),
			oauthCall('event.offline.get', { clear: 0, limit: 3 }),
		]);
		const a = resultOf(first) as {
			process_id: string;
			events: Array<{ ID: string }>;
		};
		const b = resultOf(second) as {
			process_id: string;
			events: Array<{ ID: string }>;
		};
		expect(a.process_id).toMatch(/^[0-9a-f]{32}$/);
		expect(b.process_id).not.toBe(a.process_id);
		const ids = [...a.events, ...b.events].map((entry) => entry.ID).sort();
		expect(ids).toEqual(['1', '2', '3', '4', '5']);
		// Read again by its process ID: the same package.
		const again = resultOf(
			await oauthCall('event.offline.get', {
				process_id: a.process_id,
				clear: 0,
			}),
		);
		expect(again).toEqual(a);
		const cleared = await oauthCall('event.offline.clear', {
			process_id: a.process_id,
		});
		expect(resultOf(cleared)).toBe(true);
		expect(emu.events.offline.entries.map((entry) => String(entry.id)).sort()).toEqual(
			b.events.map((entry) => entry.ID).sort(),
		);
	});

	it('queues a change of a reserved object as a new entry, and clears only what was named', async () => {
		await bindOffline(UPDATE);
		emu.portal.updateProduct(101, { name: 'x' });
		emu.portal.updateProduct(102, { name: 'x' });
		const { process_id, events } = resultOf(await oauthCall('event.offline.get', { clear: 0 })) as {
			process_id: string;
			events: Array<{ ID: string; MESSAGE_ID: string }>;
		};
		emu.portal.updateProduct(101, { name: 'y' });
		expect(emu.events.offline.entries.map((entry) => [entry.id, entry.processId])).toEqual([
			[1, process_id],
			[2, process_id],
			[3, ''],
		]);
		await oauthCall('event.offline.clear', {
			process_id,
			message_id: [events[1].MESSAGE_ID],
		});
		expect(emu.events.offline.entries.map((entry) => entry.id)).toEqual([1, 3]);
		await oauthCall('event.offline.clear', { process_id, id: [1] });
		expect(emu.events.offline.entries.map((entry) => entry.id)).toEqual([3]);
	});

	it('filters and sorts by the documented fields and refuses others', async () => {
		await bindOffline(UPDATE);
		await bindOffline(ADD);
		emu.portal.updateProduct(101, { name: 'x' });
		emu.portal.createProduct({ name: 'New' });
		emu.portal.updateProduct(102, { name: 'x' });
		const updates = resultOf(
			await oauthCall('event.offline.get', {
				clear: 0,
				filter: { '=EVENT_NAME': UPDATE },
				order: { ID: 'DESC' },
			}),
		) as { events: Array<{ ID: string }> };
		expect(updates.events.map((entry) => entry.ID)).toEqual(['3', '1']);
		const wrongField = await oauthCall('event.offline.get', {
			filter: { PROCESS_ID: '' },
		});
		expect(wrongField.status).toBe(400);
		expect(wrongField.body).toEqual(
			error('ERROR_ARGUMENT', 'Filter field not allowed: PROCESS_ID'),
		);
		const wrongOrder = await oauthCall('event.offline.get', {
			order: { ID: 'UP' },
		});
		expect(wrongOrder.body).toEqual(
			error('ERROR_ARGUMENT', 'Order direction should be one of {ASC|DESC}'),
		);
		const wrongLimit = await oauthCall('event.offline.get', { limit: 0 });
		expect(wrongLimit.body).toEqual(error('ERROR_ARGUMENT', 'Value must be positive integer'));
	});

	it('refuses a user who is not an administrator, as the page shows', async () => {
		for (const method of [
			'event.offline.get',
			'event.offline.list',
			'event.offline.clear',
			'event.offline.error',
		]) {
			const answer = await oauthCall(method, { process_id: 'p', message_id: [] }, 7);
			expect(answer.status).toBe(403);
			expect(answer.body).toEqual(error('ACCESS_DENIED', 'Access denied!'));
		}
	});

	it('event.offline.error puts an entry back marked as an error, read with error 1', async () => {
		await bindOffline(UPDATE);
		emu.portal.updateProduct(101, { name: 'x' });
		const { process_id, events } = resultOf(await oauthCall('event.offline.get', { clear: 0 })) as {
			process_id: string;
			events: Array<{ MESSAGE_ID: string }>;
		};
		const marked = await oauthCall('event.offline.error', {
			process_id,
			message_id: [events[0].MESSAGE_ID],
		});
		expect(resultOf(marked)).toBe(true);
		expect(resultOf(await oauthCall('event.offline.get'))).toEqual({
			process_id: null,
			events: [],
		});
		const errors = resultOf(await oauthCall('event.offline.get', { error: 1 })) as {
			events: unknown[];
		};
		expect(errors.events).toHaveLength(1);
	});
});

describe('auth_connector', () => {
	it('keeps a change made with the connector out of its own queue, not out of others', async () => {
		await bindOffline(UPDATE, { auth_connector: 'n8n' });
		await bindOffline(UPDATE);
		await oauthCall('catalog.product.update', {
			id: 101,
			fields: { name: 'from n8n' },
			auth_connector: 'n8n',
		});
		expect(emu.events.offline.entries.map((entry) => entry.connector)).toEqual(['']);
		emu.portal.updateProduct(102, { name: 'by hand' });
		const own = resultOf(await oauthCall('event.offline.get', { auth_connector: 'n8n' })) as {
			events: Array<{ EVENT_DATA: unknown }>;
		};
		expect(own.events.map((entry) => entry.EVENT_DATA)).toEqual([{ FIELDS: { ID: 102, TYPE: 3 } }]);
	});
});

describe('auth_connector, where the docs and the server differ, and in a batch', () => {
	const queued = () => emu.events.offline.entries.map((entry) => entry.connector);

	it("records the app's own change made without a connector for a binding without one, as the docs say", async () => {
		await bindOffline(UPDATE);
		await oauthCall('catalog.product.update', { id: 101, fields: { name: 'own' } });
		expect(queued()).toEqual(['']);
	});

	it('leaves it out, as the server does, when set to; a webhook\'s change is never the app\'s', async () => {
		emu.events.offline.skipsOwnChangesWithoutConnector = true;
		await bindOffline(UPDATE);
		await bindOffline(UPDATE, { auth_connector: 'n8n' });
		await oauthCall('catalog.product.update', { id: 101, fields: { name: 'own' } });
		expect(queued()).toEqual(['n8n']);
		await postJson(`${emu.webhookUrl()}catalog.product.update`, {
			id: 102,
			fields: { name: 'hooked' },
		});
		expect(queued()).toEqual(['n8n', '', 'n8n']);
	});

	it("runs a batch's commands under the batch's connector, not one in their own query", async () => {
		await bindOffline(UPDATE, { auth_connector: 'n8n' });
		await bindOffline(UPDATE, { auth_connector: 'other' });
		await oauthCall('batch', {
			auth_connector: 'n8n',
			cmd: {
				a: 'catalog.product.update?id=101&fields[name]=x&auth_connector=other',
			},
		});
		expect(queued()).toEqual(['other']);
	});
});

describe('feature.get', () => {
	it('answers Y or N for the offline features, and CODE_EMPTY without a code', async () => {
		expect(resultOf(await oauthCall('feature.get', { CODE: 'rest_offline_extended' }))).toEqual({
			value: 'Y',
		});
		emu.events.offline.extendedMode = false;
		expect(resultOf(await oauthCall('feature.get', { CODE: 'rest_offline_extended' }))).toEqual({
			value: 'N',
		});
		const empty = await oauthCall('feature.get');
		expect(empty.status).toBe(400);
		expect(empty.body).toEqual(error('CODE_EMPTY', "CODE can't be empty"));
	});

	it('refuses clear 0 on a plan without extended offline events', async () => {
		await bindOffline(UPDATE);
		emu.events.offline.extendedMode = false;
		const answer = await oauthCall('event.offline.get', { clear: 0 });
		expect(answer.status).toBe(403);
	});
});
