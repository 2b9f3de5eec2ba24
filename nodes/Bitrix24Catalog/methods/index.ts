import { catalogSpec } from '../actions/resources/catalog';
import { inventoryDocumentSpec } from '../actions/resources/inventoryDocument';
import { measureSpec } from '../actions/resources/measure';
import { priceTypeSpec } from '../actions/resources/priceType';
import { productSpec } from '../actions/resources/product/spec';
import { listValueSpec, productPropertySpec } from '../actions/resources/productProperty';
import { storeSpec } from '../actions/resources/store';
import { vatSpec } from '../actions/resources/vat';
import { getStoreDocumentTypes } from './documentTypes';
import {
	getCreateColumns,
	getRecordFields,
	getUpdateColumns,
	getUpsertColumns,
} from './recordFields';
import { searchCatalogMethods } from './catalogMethods';
import { searchCurrencies } from './currencySearch';
import { recordSearch } from './recordSearch';
import { searchProductImages, searchProducts } from './listSearch';

/** What the node's editor asks the portal for: pickers, field lists and mapping forms. */
export const methods = {
	listSearch: {
		searchCatalogMethods,
		searchCatalogs: recordSearch(catalogSpec),
		searchCatalogProducts: recordSearch(productSpec),
		searchPriceTypes: recordSearch(priceTypeSpec),
		searchCurrencies,
		searchProducts,
		searchMeasures: recordSearch(measureSpec),
		searchVatRates: recordSearch(vatSpec),
		searchProperties: recordSearch(productPropertySpec),
		searchListProperties: recordSearch(productPropertySpec, { filter: { propertyType: 'L' } }),
		searchListValues: recordSearch(listValueSpec),
		searchProductImages,
		searchStores: recordSearch(storeSpec),
		searchInventoryDocuments: recordSearch(inventoryDocumentSpec),
	},
	loadOptions: { getRecordFields, getStoreDocumentTypes },
	resourceMapping: { getCreateColumns, getUpdateColumns, getUpsertColumns },
};
