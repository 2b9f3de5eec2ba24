import { bindOptionalArray, phpValues } from '../binder';
import type { Catalog } from '../portal';
import { assertCanViewCatalog } from './catalogGuards';
import { rowFilter } from './listFilter';
import { listPage } from './listPaging';
import type { MethodTable } from './registry';

/** The `catalog_catalog` fields, in the order the documentation lists them. */
export const CATALOG_FIELDS = [
	'id',
	'iblockId',
	'iblockTypeId',
	'lid',
	'name',
	'productIblockId',
	'skuPropertyId',
	'subscription',
	'vatId',
	'yandexExport',
] as const;

// A CRM product catalog on site s1, as every cloud portal has one.
function catalogRow(catalog: Catalog): Record<string, unknown> {
	return {
		id: catalog.id,
		iblockId: catalog.iblockId,
		iblockTypeId: 'CRM_PRODUCT_CATALOG',
		lid: 's1',
		name: catalog.name,
		productIblockId: catalog.productIblockId,
		skuPropertyId: catalog.skuPropertyId ?? null,
		subscription: 'N',
		vatId: null,
		yandexExport: 'N',
	};
}

/** catalog.catalog.*: the trade catalogs (information blocks) of the portal. */
export const catalogCatalogMethods: MethodTable = {
	'catalog.catalog.list': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const select = phpValues(bindOptionalArray(params, 'select'));
			const filter = bindOptionalArray(params, 'filter');
			const order = bindOptionalArray(params, 'order');
			assertCanViewCatalog(caller);
			const rows = portal.catalogs.map(catalogRow).filter(rowFilter(filter, CATALOG_FIELDS));
			return listPage('catalogs', rows, { select, order, start: params.start }, CATALOG_FIELDS);
		},
	},
};
