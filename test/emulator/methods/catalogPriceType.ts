import { phpInt, phpString } from '../binder';
import { Bitrix24Error } from '../errors';
import type { Portal } from '../portal';
import type { StoredRecord } from '../recordStore';
import { formatBitrixDate } from '../time';
import { assertCanViewCatalog } from './catalogGuards';
import { field } from './fieldTable';
import {
	recordsOf,
	recordTablesMethods,
	type RecordTableSpec,
	type WriteContext,
} from './recordTable';
import { MethodReply, type MethodTable } from './registry';

/**
 * Price types (`catalog.priceType.*`), their names per language (`catalog.priceTypeLang.*`) and
 * the customer groups that may see or buy at them (`catalog.priceTypeGroup.*`), from the pages
 * in catalog/price-type. A portal starts with the base price type and a wholesale one.
 */

const PRICE_TYPE_MISSING = 201000000000;
const LANG_MISSING = 201200000000;
const LANGUAGE_UNKNOWN = 201200000010;
const SEEDED = '2024-10-02T09:00:00+00:00';

/** What `getLanguages` answers: the portal's languages. */
const LANGUAGES = [
	{ active: 'Y', lid: 'en', name: 'English' },
	{ active: 'Y', lid: 'de', name: 'German' },
	{ active: 'Y', lid: 'fr', name: 'fr' },
	{ active: 'Y', lid: 'pl', name: 'pl' },
];

/** Who wrote a record and when, as the portal sets them on every write. */
export function stamped(
	fields: Record<string, unknown>,
	{ caller, current }: WriteContext,
	dates: { created: string; modified: string },
): Record<string, unknown> {
	const now = formatBitrixDate(new Date());
	const changed = { ...fields, modifiedBy: caller.user.id, [dates.modified]: now };
	return current ? changed : { createdBy: caller.user.id, [dates.created]: now, ...changed };
}

export const PRICE_TYPE_TABLE: RecordTableSpec = {
	method: 'catalog.priceType',
	keys: { one: 'priceType', many: 'priceTypes' },
	table: {
		base: field('string'),
		createdBy: field('integer', 'R'),
		dateCreate: field('datetime', 'R'),
		id: field('integer', 'R'),
		modifiedBy: field('integer', 'R'),
		name: field('string', 'Q'),
		sort: field('integer'),
		timestampX: field('datetime', 'R'),
		xmlId: field('string'),
	},
	defaults: { base: 'N', sort: 100, xmlId: null },
	seed: [
		{ base: 'Y', name: 'BASE', sort: 100, xmlId: 'BASE' },
		{ base: 'N', name: 'WHOLESALE', sort: 200, xmlId: 'WHOLESALE' },
	].map((type) => ({
		...type,
		createdBy: 1,
		modifiedBy: 1,
		dateCreate: SEEDED,
		timestampX: SEEDED,
	})),
	required: { add: ['name'], update: ['name'] },
	notFound: { code: PRICE_TYPE_MISSING, text: 'Price type is not exists' },
	check(fields, context) {
		// One base type at a time: a new base one takes it over.
		if (fields.base === 'Y') {
			for (const other of context.store.all()) {
				if (other.id !== context.current?.id) context.store.update(other.id, { base: 'N' });
			}
		}
		return stamped(fields, context, { created: 'dateCreate', modified: 'timestampX' });
	},
	beforeDelete(record) {
		if (record.base === 'Y') {
			throw new Bitrix24Error(400, 'BASE', 'Deleting the base type of price is not allowed');
		}
	},
};

/** The price type a record names, or the error the pages give when there is none. */
function assertPriceType(
	portal: Portal,
	id: unknown,
	error: { code: number; text: string } = {
		code: PRICE_TYPE_MISSING,
		text: 'Price type is not exists',
	},
): void {
	if (!recordsOf(portal, PRICE_TYPE_TABLE).get(phpInt(id))) {
		throw new Bitrix24Error(400, error.code, error.text);
	}
}

/** Whether a price type of this id exists on the portal. */
export function priceTypeExists(portal: Portal, id: unknown): boolean {
	return recordsOf(portal, PRICE_TYPE_TABLE).get(phpInt(id)) !== undefined;
}

/** A record's fields as an update leaves them, for checks across fields. */
function merged(fields: Record<string, unknown>, current?: StoredRecord) {
	return { ...current, ...fields };
}

export const PRICE_TYPE_LANG_TABLE: RecordTableSpec = {
	method: 'catalog.priceTypeLang',
	keys: { one: 'priceTypeLang', many: 'priceTypeLangs' },
	table: {
		catalogGroupId: field('integer', 'Q'),
		id: field('integer', 'I'),
		lang: field('string', 'Q'),
		name: field('string', 'Q'),
	},
	seed: [
		{ catalogGroupId: 1, lang: 'en', name: 'Retail price' },
		{ catalogGroupId: 1, lang: 'de', name: 'Einzelhandelspreis' },
		{ catalogGroupId: 2, lang: 'en', name: 'Wholesale price' },
	],
	required: { add: ['catalogGroupId', 'name', 'lang'] },
	notFound: { code: LANG_MISSING, text: 'Price type lang is not exists' },
	check(fields, { portal, store, current }) {
		const record = merged(fields, current);
		if (fields.lang !== undefined && !LANGUAGES.some(({ lid }) => lid === fields.lang)) {
			throw new Bitrix24Error(400, LANGUAGE_UNKNOWN, 'Language with this id does not exist');
		}
		if (fields.catalogGroupId !== undefined) assertPriceType(portal, fields.catalogGroupId);
		const taken = store
			.all()
			.some(
				(other) =>
					other.id !== current?.id &&
					other.catalogGroupId === record.catalogGroupId &&
					other.lang === record.lang,
			);
		if (taken) {
			throw new Bitrix24Error(
				400,
				400,
				'A translation of the price type name into this language already exists',
			);
		}
		return fields;
	},
};

const ACCESS = ['Y', 'N'];

export const PRICE_TYPE_GROUP_TABLE: RecordTableSpec = {
	method: 'catalog.priceTypeGroup',
	keys: { one: 'priceTypeGroup', many: 'priceTypeGroups' },
	table: {
		access: field('char', 'Q'),
		catalogGroupId: field('integer', 'Q'),
		groupId: field('integer', 'Q'),
		id: field('integer'),
	},
	seed: [
		{ access: 'Y', catalogGroupId: 1, groupId: 2 },
		{ access: 'N', catalogGroupId: 2, groupId: 2 },
		{ access: 'Y', catalogGroupId: 2, groupId: 23 },
	],
	methods: ['add', 'list', 'delete', 'getFields'],
	required: { add: ['catalogGroupId', 'groupId', 'access'] },
	notFound: { code: 0, text: 'Entity does not exist' },
	check(fields, { portal, store }) {
		assertPriceType(portal, fields.catalogGroupId, {
			code: 0,
			text: 'The specified price type does not exist',
		});
		if (!ACCESS.includes(phpString(fields.access))) {
			throw new Bitrix24Error(
				400,
				0,
				'Invalid access type provided. The available values are: Y, N',
			);
		}
		const same = (other: StoredRecord) =>
			other.catalogGroupId === fields.catalogGroupId &&
			other.groupId === fields.groupId &&
			other.access === fields.access;
		if (store.all().some(same)) {
			throw new Bitrix24Error(400, 0, 'The specified access type for this group already exists');
		}
		return fields;
	},
};

export const catalogPriceTypeMethods: MethodTable = {
	...recordTablesMethods([PRICE_TYPE_TABLE, PRICE_TYPE_LANG_TABLE, PRICE_TYPE_GROUP_TABLE]),
	'catalog.priceTypeLang.getLanguages': {
		scope: 'catalog',
		handler: ({ caller }) => {
			assertCanViewCatalog(caller);
			// The page's example counts them (`total`), as lists do.
			return new MethodReply(
				{ languages: LANGUAGES.map((language) => ({ ...language })) },
				{ total: LANGUAGES.length },
			);
		},
	},
};
