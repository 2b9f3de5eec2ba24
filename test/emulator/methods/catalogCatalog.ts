import { phpInt, requireParam } from '../binder';
import { Bitrix24Error } from '../errors';
import type { Catalog, Portal } from '../portal';
import { assertCanViewCatalog } from './catalogGuards';
import { pick } from './fieldSelection';
import { describeFields, field, type FieldTable, shownFields } from './fieldTable';
import { bindListParams, rowsPage } from './listPaging';
import type { MethodTable } from './registry';

/**
 * catalog.catalog.*: the trade catalogs (information blocks) of the portal, read-only.
 * Fields as catalog.catalog.getFields lists them; answers also carry `yandexExport`, which
 * the catalog's REST view (catalog/lib/restview/catalog.php) shows and the page leaves out.
 */
const CATALOG_TABLE: FieldTable = {
	id: field('integer', 'R'),
	iblockId: field('integer', 'IQ'),
	iblockTypeId: field('integer', 'R'),
	lid: field('string', 'R'),
	name: field('string', 'R'),
	productIblockId: field('integer'),
	skuPropertyId: field('integer'),
	subscription: field('char'),
	vatId: field('integer'),
	yandexExport: field('char', '-'),
};

const CATALOG_FIELDS = shownFields(CATALOG_TABLE);

// A CRM product catalog on site s1, as every cloud portal has one. Its information block type
// (CRM_PRODUCT_CATALOG) is typed as an integer by the REST view (catalog/lib/restview/catalog.php),
// which casts it to 0: the pages' examples show 0 where their field tables say string.
function catalogRow(catalog: Catalog): Record<string, unknown> {
	return {
		id: catalog.id,
		iblockId: catalog.iblockId,
		iblockTypeId: 0,
		lid: 's1',
		name: catalog.name,
		productIblockId: catalog.productIblockId,
		skuPropertyId: catalog.skuPropertyId ?? null,
		subscription: 'N',
		vatId: null,
		yandexExport: 'N',
	};
}

/** The catalog `id` names; its id is its information block's (code 0 when there is none). */
function existingCatalogById(portal: Portal, id: unknown): Catalog {
	const catalog = portal.catalogs.find((candidate) => candidate.id === phpInt(id));
	if (!catalog) throw new Bitrix24Error(400, 0, 'Catalog is not exists');
	return catalog;
}

export const catalogCatalogMethods: MethodTable = {
	'catalog.catalog.list': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const bound = bindListParams(params);
			assertCanViewCatalog(caller);
			const rows = portal.catalogs.map(catalogRow);
			return rowsPage('catalogs', rows, CATALOG_FIELDS, 'orm', {
				...bound,
				start: params.start,
			});
		},
	},

	'catalog.catalog.get': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const id = requireParam(params, 'id');
			assertCanViewCatalog(caller);
			return {
				catalog: pick(catalogRow(existingCatalogById(portal, id)), CATALOG_FIELDS),
			};
		},
	},

	// A variations catalog names the catalog of its parent products.
	'catalog.catalog.isOffers': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const id = requireParam(params, 'id');
			assertCanViewCatalog(caller);
			return existingCatalogById(portal, id).productIblockId !== null;
		},
	},

	'catalog.catalog.getFields': {
		scope: 'catalog',
		handler: ({ caller }) => {
			assertCanViewCatalog(caller);
			return { catalog: describeFields(CATALOG_TABLE) };
		},
	},
};
