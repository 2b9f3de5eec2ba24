import { Bitrix24Error } from '../errors';
import type { StoredRecord } from '../recordStore';
import { assertPriceType } from './catalogPriceType';
import { assertCanViewCatalog } from './catalogGuards';
import { field } from './fieldTable';
import { recordTableMethods, type RecordTableSpec } from './recordTable';
import { MethodReply, type MethodTable } from './registry';

/** Price types' names per language (`catalog.priceTypeLang.*`), from the pages in catalog/price-type. */

const LANG_MISSING = 201200000000;
const LANGUAGE_UNKNOWN = 201200000010;

/** What `getLanguages` answers: the portal's languages. */
const LANGUAGES = [
	{ active: 'Y', lid: 'en', name: 'English' },
	{ active: 'Y', lid: 'de', name: 'German' },
	{ active: 'Y', lid: 'fr', name: 'fr' },
	{ active: 'Y', lid: 'pl', name: 'pl' },
];

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

export const catalogPriceTypeLangMethods: MethodTable = {
	...recordTableMethods(PRICE_TYPE_LANG_TABLE),
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
