/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- tests with made-up tokens, never shipped */
import { parse as parseQueryString } from 'node:querystring';

import { sameSecret, handlerUrl } from '../../nodes/Bitrix24Catalog/trigger/authenticity';
import { EVENT_OPTIONS, idKeyOf } from '../../nodes/Bitrix24Catalog/trigger/events';
import {
	eventItem,
	eventSubject,
	nestFormKeys,
	readEvent,
	type ReceivedEvent,
} from '../../nodes/Bitrix24Catalog/trigger/eventPayload';
import { formEncode } from '../emulator';

/** A body as n8n hands it to the trigger: the form parsed by Node's querystring. */
const asN8nParses = (form: string) => ({ ...parseQueryString(form) });

/** The trigger's item for a well-formed event. */
function itemOf(received: ReceivedEvent) {
	const subject = eventSubject(received);
	if ('problem' in subject) throw new Error(`${subject.field} ${subject.problem}`);
	return eventItem(received, subject);
}

describe('nestFormKeys', () => {
	it('nests PHP-style keys and keeps plain ones', () => {
		expect(
			nestFormKeys({
				event: 'CATALOG.PRODUCT.ON.ADD',
				'data[FIELDS][ID]': '1',
				'data[FIELDS][TYPE]': '7',
				'auth[domain]': 'acme.bitrix24.com',
			}),
		).toEqual({
			event: 'CATALOG.PRODUCT.ON.ADD',
			data: { FIELDS: { ID: '1', TYPE: '7' } },
			auth: { domain: 'acme.bitrix24.com' },
		});
	});

	it('takes the last of a key sent twice, as PHP does', () => {
		expect(nestFormKeys({ 'data[FIELDS][ID]': ['1', '2'] })).toEqual({
			data: { FIELDS: { ID: '2' } },
		});
	});

	it('drops keys that would reach the prototype', () => {
		const nested = nestFormKeys({
			'__proto__[polluted]': 'yes',
			'auth[__proto__][polluted]': 'yes',
			'data[FIELDS][constructor]': 'yes',
			event: 'X',
		});
		expect(nested).toEqual({ event: 'X' });
		expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

describe('readEvent and eventItem', () => {
	it('drops keys nested deeper than an event goes, before building anything from them', () => {
		const deep = `data${'[x]'.repeat(10_000)}`;
		expect(nestFormKeys({ [deep]: '1', 'data[FIELDS][ID]': '7' })).toEqual({
			data: { FIELDS: { ID: '7' } },
		});
	});

	const form = formEncode({
		event: 'catalog.product.on.update',
		event_handler_id: 12,
		data: { FIELDS: { ID: 205, TYPE: 4 } },
		ts: 1714649632,
		auth: {
			access_token: 'access-secret',
			refresh_token: 'refresh-secret',
			domain: 'acme.bitrix24.de',
			member_id: 'm1',
			application_token: 'app-secret',
		},
	});

	it('turns the strings of a form delivery into clean JSON without the tokens', () => {
		const delivery = readEvent(asN8nParses(form))!;
		const item = itemOf(delivery);
		expect(item).toEqual({
			event: 'CATALOG.PRODUCT.ON.UPDATE',
			productId: 205,
			productType: 4,
			productTypeName: 'Variation',
			occurredAt: '2024-05-02T11:33:52.000Z',
			portal: 'acme.bitrix24.de',
			memberId: 'm1',
			eventHandlerId: 12,
		});
		expect(JSON.stringify(item)).not.toMatch(/secret/);
		expect(delivery.auth.application_token).toBe('app-secret');
	});

	it('reads a nested JSON body the same way', () => {
		const json = {
			event: 'CATALOG.MEASURE.ON.DELETE',
			data: { FIELDS: { ID: 5 } },
			ts: '1714649632',
			auth: { domain: 'acme.bitrix24.de' },
		};
		expect(itemOf(readEvent(json)!)).toEqual({
			event: 'CATALOG.MEASURE.ON.DELETE',
			measureId: 5,
			occurredAt: '2024-05-02T11:33:52.000Z',
			portal: 'acme.bitrix24.de',
		});
	});

	it('leaves out a time or handler ID that is not a whole number', () => {
		const delivery = readEvent({
			event: 'CATALOG.PRICE.ON.ADD',
			'data[FIELDS][ID]': '7',
			ts: 'yesterday',
			event_handler_id: '-1',
		})!;
		expect(itemOf(delivery)).toEqual({ event: 'CATALOG.PRICE.ON.ADD', priceId: 7 });
	});

	it.each([
		['+7', { id: 7 }],
		[' 12 ', { id: 12 }],
		['3.0', { id: 3 }],
		[2147483647, { id: 2147483647 }],
	])('takes the ID %p as the node takes IDs', (id, subject) => {
		expect(eventSubject(readEvent({ event: 'X', data: { FIELDS: { ID: id } } })!)).toEqual(subject);
	});

	it.each<[string, Record<string, unknown>, { field: string; problem: string }]>([
		[
			'an ID past what Bitrix24 stores',
			{ 'data[FIELDS][ID]': '99999999999999999999', 'data[FIELDS][TYPE]': '1' },
			{
				field: 'data[FIELDS][ID]',
				problem: 'must be at most 2147483647 (the largest ID Bitrix24 stores), but got 100000000000000000000',
			},
		],
		['an ID that is no number', { 'data[FIELDS][ID]': 'abc' }, { field: 'data[FIELDS][ID]', problem: 'must be a number, but got "abc"' }],
		['no ID', { 'data[FIELDS][TYPE]': '1' }, { field: 'data[FIELDS][ID]', problem: 'is empty' }],
		['an empty ID', { 'data[FIELDS][ID]': ' ' }, { field: 'data[FIELDS][ID]', problem: 'is empty' }],
		['an ID of 0', { 'data[FIELDS][ID]': '0' }, { field: 'data[FIELDS][ID]', problem: 'must be 1 or greater, but got 0' }],
		['a fractional ID', { 'data[FIELDS][ID]': '1.5' }, { field: 'data[FIELDS][ID]', problem: 'must be a whole number, but got 1.5' }],
		['an ID sent as a list', { 'data[FIELDS][ID][]': '5' }, { field: 'data[FIELDS][ID]', problem: 'is empty' }],
		[
			'a line break in the ID',
			{ 'data[FIELDS][ID]': '1\nforged log line' },
			{ field: 'data[FIELDS][ID]', problem: 'must be a number, but got "1\\nforged log line"' },
		],
		['a type that is no number', { 'data[FIELDS][ID]': '5', 'data[FIELDS][TYPE]': 'x' }, { field: 'data[FIELDS][TYPE]', problem: 'must be a number, but got "x"' }],
	])('names the field of an event with %s', (_, body, malformed) => {
		expect(eventSubject(readEvent({ event: 'CATALOG.PRODUCT.ON.UPDATE', ...body })!)).toEqual(malformed);
	});

	it('names the field of a JSON event whose ID is no scalar', () => {
		expect(eventSubject(readEvent({ event: 'X', data: { FIELDS: { ID: [5] } } })!)).toEqual({
			field: 'data[FIELDS][ID]',
			problem: 'must be a number, but got a list',
		});
	});

	it.each([[undefined], [null], ['text'], [[]], [{}], [{ event: '  ' }]])(
		'finds no delivery in %p',
		(body) => {
			expect(readEvent(body)).toBeUndefined();
		},
	);
});

describe('events', () => {
	it('offers the fifteen catalog events, sorted by name, each with its Bitrix24 code', () => {
		expect(EVENT_OPTIONS).toHaveLength(15);
		expect(EVENT_OPTIONS.map((option) => option.name)).toEqual(
			[...EVENT_OPTIONS.map((option) => option.name)].sort((a, b) => a.localeCompare(b)),
		);
		expect(EVENT_OPTIONS).toContainEqual({
			name: 'Rounding Rule Deleted',
			value: 'CATALOG.ROUNDING.ON.DELETE',
			description: 'CATALOG.ROUNDING.ON.DELETE',
		});
	});

	it('names the ID of each entity', () => {
		expect(idKeyOf('CATALOG.PRICE.TYPE.ON.ADD')).toBe('priceTypeId');
		expect(idKeyOf('CATALOG.ROUNDING.ON.UPDATE')).toBe('roundingRuleId');
		expect(idKeyOf('SOMETHING.ELSE')).toBe('id');
	});
});

describe('authenticity', () => {
	it('accepts only the same secret', () => {
		expect(sameSecret('token', 'token')).toBe(true);
		expect(sameSecret('token ', 'token')).toBe(false);
		expect(sameSecret(undefined, 'token')).toBe(false);
		// No token configured accepts nothing, not even an empty one.
		expect(sameSecret('', '')).toBe(false);
	});

	it('adds the key to a handler URL', () => {
		expect(handlerUrl('https://n8n.example.com/webhook/abc/webhook', 'k1')).toBe(
			'https://n8n.example.com/webhook/abc/webhook?key=k1',
		);
	});
});
