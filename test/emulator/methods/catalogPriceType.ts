import { phpInt } from '../binder';
import { Bitrix24Error } from '../errors';
import type { Portal } from '../portal';
import { formatBitrixDate } from '../time';
import { field } from './fieldTable';
import {
	recordsOf,
	recordTableMethods,
	type RecordTableSpec,
	type WriteContext,
} from './recordTable';
import type { MethodTable } from './registry';

/**
 * Price types (`catalog.priceType.*`) from the pages in catalog/price-type. A portal starts with
 * the base price type and a wholesale one. Their names per language are catalog.priceTypeLang.*
 * (catalogPriceTypeLang.ts), the customer groups that may see or buy at them
 * catalog.priceTypeGroup.* (catalogPriceTypeGroup.ts).
 */

const PRICE_TYPE_MISSING = 201000000000;
const SEEDED = '2024-10-02T09:00:00+00:00';

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
export function assertPriceType(
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

export const catalogPriceTypeMethods: MethodTable = recordTableMethods(PRICE_TYPE_TABLE);
