import type { IDataObject } from 'n8n-workflow';

import { readBitrix24Id } from '../helpers/ids';
import { productTypeName } from '../bitrix24Api/productKinds';
import { idKeyOf } from './events';

/** A catalog event as Bitrix24 delivered it, read from the request body. */
export interface ReceivedEvent {
	event: string;
	/** `data[FIELDS]` as it came: strings from a form, any JSON value from a JSON body. */
	fields: IDataObject;
	eventHandlerId?: number;
	/** Seconds since 1970, when Bitrix24 sent the event. */
	ts?: number;
	auth: Record<string, string>;
}

// Segments that would reach an object's prototype instead of being data.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// An event nests three levels deep (`data[FIELDS][ID]`); deeper keys are not Bitrix24's and are
// dropped before anything is built from them, as the body is read before it is checked.
const MAX_DEPTH = 3;

/** `data[FIELDS][ID]` → `['data', 'FIELDS', 'ID']`; a plain key is a path of one. */
function keyPath(key: string): string[] {
	const base = /^[^[]+/.exec(key)?.[0] ?? key;
	const rest = [...key.slice(base.length).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1]);
	return [base, ...rest];
}

function setPath(target: IDataObject, path: string[], value: unknown): void {
	if (path.length > MAX_DEPTH || path.some((segment) => UNSAFE_KEYS.has(segment))) return;
	let container = target;
	for (const segment of path.slice(0, -1)) {
		const next = container[segment];
		if (typeof next !== 'object' || next === null || Array.isArray(next)) container[segment] = {};
		container = container[segment] as IDataObject;
	}
	container[path[path.length - 1]] = value as IDataObject[keyof IDataObject];
}

/**
 * n8n parses a form body with Node's querystring, so PHP-style keys arrive flat
 * (`{ 'data[FIELDS][ID]': '1' }`); this nests them. A JSON body is already nested and stays so.
 */
export function nestFormKeys(body: IDataObject): IDataObject {
	const nested: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		// A key sent twice comes as a list; PHP keeps the last one.
		setPath(nested, keyPath(key), Array.isArray(value) ? value[value.length - 1] : value);
	}
	return nested;
}

function objectOf(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: {};
}

function stringsOf(value: unknown): Record<string, string> {
	if (typeof value !== 'object' || value === null) return {};
	return Object.fromEntries(
		Object.entries(value as IDataObject)
			.filter(([, inner]) => typeof inner === 'string' || typeof inner === 'number')
			.map(([key, inner]) => [key, String(inner)]),
	);
}

function wholeNumber(value: unknown): number | undefined {
	const text = typeof value === 'number' ? String(value) : value;
	return typeof text === 'string' && /^\d+$/.test(text.trim()) ? Number(text) : undefined;
}

/** The event in a request body, or undefined when the body is not a Bitrix24 event. */
export function readEvent(body: unknown): ReceivedEvent | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
	const payload = nestFormKeys(body as IDataObject);
	const event = typeof payload.event === 'string' ? payload.event.trim().toUpperCase() : '';
	if (event === '') return undefined;
	return {
		event,
		fields: objectOf(objectOf(payload.data).FIELDS),
		eventHandlerId: wholeNumber(payload.event_handler_id),
		ts: wholeNumber(payload.ts),
		auth: stringsOf(payload.auth),
	};
}

/** What an event is about: the changed record's ID and, for products, their type. */
export interface EventSubject {
	id: number;
	type?: number;
}

/** A field that makes an event unusable, named as Bitrix24 sends it, and what is wrong with it. */
export interface MalformedField {
	field: string;
	problem: string;
}

/**
 * The event's subject, its ID and type checked as the node checks IDs. Every catalog event
 * carries an ID; one that is missing or no Bitrix24 ID (`abc`, `99999999999999999999`) would
 * start a workflow about no record or the wrong one, so the field is named instead.
 */
export function eventSubject(received: ReceivedEvent): EventSubject | MalformedField {
	const id = readBitrix24Id(received.fields.ID);
	if ('problem' in id) return { field: 'data[FIELDS][ID]', problem: id.problem };
	if (received.fields.TYPE === undefined) return { id: id.id };
	const type = readBitrix24Id(received.fields.TYPE);
	if ('problem' in type) return { field: 'data[FIELDS][TYPE]', problem: type.problem };
	return { id: id.id, type: type.id };
}

/**
 * The trigger's output for an event: the event, its subject's ID (and a product's type) as
 * numbers, the time as ISO and the portal. The tokens in `auth` stay behind.
 */
export function eventItem(received: ReceivedEvent, subject: EventSubject): IDataObject {
	const { event, auth } = received;
	const item: IDataObject = { event, [idKeyOf(event)]: subject.id };
	if (subject.type !== undefined) {
		item.productType = subject.type;
		item.productTypeName = productTypeName(subject.type);
	}
	if (received.ts !== undefined) item.occurredAt = new Date(received.ts * 1000).toISOString();
	if (auth.domain) item.portal = auth.domain;
	if (auth.member_id) item.memberId = auth.member_id;
	if (received.eventHandlerId !== undefined) item.eventHandlerId = received.eventHandlerId;
	return item;
}
