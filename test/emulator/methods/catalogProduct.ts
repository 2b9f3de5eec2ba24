import { bindOptionalArray, isArrayValue, phpInt, phpValues, requireParam } from '../binder';
import { Bitrix24Error } from '../errors';
import { assertCanModifyCatalog, assertCanViewCatalog, existingCatalog } from './catalogGuards';
import { rowFilter } from './listFilter';
import { listPage } from './listPaging';
import { PRODUCT_FIELDS, productRow } from './productView';
import type { MethodDefinition, MethodTable } from './registry';

/** Errors of `catalog.product.*` are code 0 with the catalog's own texts, except binding ones. */
function productError(text: string): Bitrix24Error {
	return new Bitrix24Error(400, 0, text);
}

/** The list must select `id` and `iblockId`; the error names the missing ones. */
function assertSelectsKeys(select: unknown[]): void {
	const missing = ['id', 'iblockId'].filter((field) => !select.includes(field));
	if (missing.length > 0) throw productError(`Required select fields: ${missing.join(', ')}`);
}

/** The filter must be an object naming the catalog (`iblockId`, without a prefix). */
function catalogFilter(filter: unknown): Record<string, unknown> {
	if (filter !== undefined && filter !== null && !isArrayValue(filter)) {
		throw productError('Incorrect filter format');
	}
	// A list (or nothing) has no `iblockId` key either.
	const given = (filter ?? {}) as Record<string, unknown>;
	if (given.iblockId === undefined || given.iblockId === null) {
		throw productError('Required filter fields: iblockId');
	}
	return given;
}

/**
 * catalog.product.get reads any product type; .sku.get, .offer.get and .service.get only their
 * own `types`. Each answers under its own result key, with its own text for a missing product.
 */
function typedGetter(resultKey: string, missing: string, types?: number[]): MethodDefinition {
	return {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			// `$id` is untyped in the controller: PHP casts whatever comes (`'abc'` is 0).
			const id = phpInt(requireParam(params, 'id'));
			assertCanViewCatalog(caller);
			const product = portal.product(id);
			if (!product || (types && !types.includes(product.type))) throw productError(missing);
			return { [resultKey]: productRow(product, portal) };
		},
	};
}

/** catalog.product.*: products of a catalog (list pages by 50). */
export const catalogProductMethods: MethodTable = {
	'catalog.product.list': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const select = phpValues(bindOptionalArray(params, 'select'));
			const order = bindOptionalArray(params, 'order');
			assertCanViewCatalog(caller);
			assertSelectsKeys(select);
			const filter = catalogFilter(params.filter);
			const catalog = existingCatalog(portal, phpInt(filter.iblockId));
			const rows = portal
				.productsIn(catalog.iblockId)
				.map((product) => productRow(product, portal))
				.filter(rowFilter(filter, PRODUCT_FIELDS));
			return listPage('products', rows, { select, order, start: params.start }, PRODUCT_FIELDS);
		},
	},

	'catalog.product.get': typedGetter('product', 'product does not exist.'),
	'catalog.product.sku.get': typedGetter('sku', 'The parent product does not exist', [3, 6]),
	'catalog.product.offer.get': typedGetter('offer', 'The product variation does not exist', [4, 5]),
	'catalog.product.service.get': typedGetter('service', 'The service does not exist', [7]),

	// Only what the tests change: the name and the activity. The change fires ON.UPDATE.
	'catalog.product.update': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const id = phpInt(requireParam(params, 'id'));
			const fields = requireParam(params, 'fields');
			assertCanModifyCatalog(caller);
			if (!portal.product(id)) throw productError('product does not exist.');
			const given = (isArrayValue(fields) && !Array.isArray(fields) ? fields : {}) as Record<
				string,
				unknown
			>;
			const changes: { name?: string; active?: 'Y' | 'N' } = {};
			if (typeof given.name === 'string') changes.name = given.name;
			if (given.active === 'Y' || given.active === 'N') changes.active = given.active;
			return { product: productRow(portal.updateProduct(id, changes), portal) };
		},
	},

	'catalog.product.delete': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const id = phpInt(requireParam(params, 'id'));
			assertCanModifyCatalog(caller);
			if (!portal.removeProduct(id)) throw productError('product does not exist.');
			return true;
		},
	},
};
