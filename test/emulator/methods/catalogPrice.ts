import { bindArray, isArrayValue, phpInt, phpValues } from '../binder';
import { Bitrix24Error } from '../errors';
import type { StoredRecord } from '../recordStore';
import { formatBitrixDate } from '../time';
import { assertCanModifyCatalog, assertCanViewCatalog } from './catalogGuards';
import { priceTypeExists } from './catalogPriceType';
import { PORTAL_CURRENCIES } from './crmCurrency';
import { pick } from './fieldSelection';
import { assertRequired, field, givenFields, shownFields, writableFields } from './fieldTable';
import { recordsOf, recordTableMethods, type RecordTableSpec } from './recordTable';
import type { MethodContext, MethodTable } from './registry';

/**
 * catalog.price.*: a product's prices, one per price type (docs: catalog/price). `modify` sets a
 * product's whole collection as the server's controller does (modules/catalog/lib/controller/
 * price.php, `modifyAction`): it checks the entries' price types, then deletes every price of the
 * product, then adds the entries one by one, going on past a refused one, and answers the first
 * refusal only after all that. An entry that carries a price's id is refused (reported by testers
 * on live portals, where the page says it would be updated).
 */

const WRONG_TYPE = 'Validate price error. Catalog price group is wrong';
const ONE_PER_TYPE =
	'Validate price error. Catalog product is allowed has only single price without ranges in price group';

function refused(text: string): Bitrix24Error {
	return new Bitrix24Error(400, 0, text);
}

/**
 * A currency the portal does not have. The price model refuses it when the price is stored
 * (modules/catalog/lib/model/price.php, `prepareForAdd`/`prepareForUpdate`), with an ORM
 * EntityError, whose code is `BX_ERROR` (modules/main/lib/orm/entityerror.php); its English text
 * is in modules/catalog/lang/en/lib/model/price.php.
 */
function currencyRefusal(currency: unknown): Bitrix24Error | undefined {
	if (currency === undefined || PORTAL_CURRENCIES.some((known) => known.CURRENCY === currency)) {
		return undefined;
	}
	return new Bitrix24Error(400, 'BX_ERROR', 'Invalid currency');
}

function assertKnownCurrency(currency: unknown): void {
	const refusal = currencyRefusal(currency);
	if (refusal) throw refusal;
}

export const PRICE_TABLE: RecordTableSpec = {
	method: 'catalog.price',
	keys: { one: 'price', many: 'prices' },
	table: {
		catalogGroupId: field('integer', 'QI'),
		currency: field('string', 'Q'),
		extraId: field('integer'),
		id: field('integer', 'R'),
		price: field('double', 'Q'),
		priceScale: field('double', 'R+'),
		productId: field('integer', 'QI'),
		quantityFrom: field('integer'),
		quantityTo: field('integer'),
		timestampX: field('datetime', 'R'),
	},
	defaults: { extraId: null, quantityFrom: null, quantityTo: null },
	// A few prices of the demo's products (101 espresso machine, 401 coffee grinder).
	seed: [
		{ productId: 101, catalogGroupId: 1, price: 450, currency: 'USD' },
		{ productId: 101, catalogGroupId: 2, price: 390, currency: 'USD' },
		{ productId: 401, catalogGroupId: 1, price: 120, currency: 'USD' },
	].map((price) => ({
		...price,
		extraId: null,
		quantityFrom: null,
		quantityTo: null,
		priceScale: price.price,
		timestampX: '2024-10-02T09:00:00+00:00',
	})),
	indexed: ['productId'],
	required: {
		add: ['productId', 'catalogGroupId', 'price', 'currency'],
		update: ['price', 'currency'],
	},
	// The pages give this one no code (`"error": ""`), as the property pages show for theirs.
	notFound: { code: '', text: 'Price does not exist' },
	check(fields, { portal, store, current }) {
		assertKnownCurrency(fields.currency);
		if (!current) {
			if (!priceTypeExists(portal, fields.catalogGroupId)) throw refused(WRONG_TYPE);
			const taken = store
				.withValue('productId', fields.productId)
				?.some((other) => other.catalogGroupId === fields.catalogGroupId);
			if (taken) throw refused(ONE_PER_TYPE);
		}
		const stamp = { timestampX: formatBitrixDate(new Date()) };
		return fields.price === undefined
			? { ...fields, ...stamp }
			: { ...fields, priceScale: fields.price, ...stamp };
	},
};

const SHOWN = shownFields(PRICE_TABLE.table);

/** The new collection `modify` was given, its price types checked before anything changes. */
function modifiedPrices(context: MethodContext, product: Record<string, unknown>) {
	const productId = phpInt(product.id);
	assertRequired({ ...product, id: productId || undefined }, ['id', 'prices']);
	const entries = isArrayValue(product.prices) ? phpValues(product.prices).map(givenFields) : [];
	const types = new Set<number>();
	return entries.map((entry) => {
		if (entry.id !== undefined && entry.id !== null && entry.id !== '') throw refused(WRONG_TYPE);
		assertRequired(entry, ['catalogGroupId', 'price', 'currency']);
		const fields = writableFields(PRICE_TABLE.table, { ...entry, productId }, 'add');
		const type = fields.catalogGroupId as number;
		if (!priceTypeExists(context.portal, type)) throw refused(WRONG_TYPE);
		if (types.has(type)) throw refused(ONE_PER_TYPE);
		types.add(type);
		return fields;
	});
}

function modify(context: MethodContext) {
	const fields = givenFields(bindArray(context.params, 'fields'));
	assertCanViewCatalog(context.caller);
	assertCanModifyCatalog(context.caller);
	assertRequired(fields, ['product']);
	const product = givenFields(fields.product);
	const prices = modifiedPrices(context, product);
	const store = recordsOf(context.portal, PRICE_TABLE);
	const productId = phpInt(product.id);
	// `modifyBefore`: every price not named by id goes first, whatever happens to the entries.
	for (const old of store.withValue('productId', productId) ?? []) store.delete(old.id);
	const timestampX = formatBitrixDate(new Date());
	const added: StoredRecord[] = [];
	const refusals: Bitrix24Error[] = [];
	for (const price of prices) {
		const refusal = currencyRefusal(price.currency);
		if (refusal) refusals.push(refusal);
		else added.push(store.add({ ...PRICE_TABLE.defaults, ...price, priceScale: price.price, timestampX }));
	}
	if (refusals.length > 0) throw refusals[0];
	return { prices: added.map((record) => pick(record, [...SHOWN, 'priceScale'])) };
}

export const catalogPriceMethods: MethodTable = {
	...recordTableMethods(PRICE_TABLE),
	'catalog.price.modify': { scope: 'catalog', handler: modify },
};
