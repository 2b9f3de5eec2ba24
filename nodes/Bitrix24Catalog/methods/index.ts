import { catalogSpec } from '../actions/resources/catalog';
import { priceTypeSpec } from '../actions/resources/priceType';
import { productSpec } from '../actions/resources/product/spec';
import {
	getCreateColumns,
	getRecordFields,
	getUpdateColumns,
	getUpsertColumns,
} from './recordFields';
import { searchCurrencies } from './currencySearch';
import { recordSearch } from './recordSearch';
import { searchProductImages, searchProducts } from './listSearch';

/** What the node's editor asks the portal for: pickers, field lists and mapping forms. */
export const methods = {
	listSearch: {
		searchCatalogs: recordSearch(catalogSpec),
		searchCatalogProducts: recordSearch(productSpec),
		searchPriceTypes: recordSearch(priceTypeSpec),
		searchCurrencies,
		searchProducts,
		searchProductImages,
	},
	loadOptions: { getRecordFields },
	resourceMapping: { getCreateColumns, getUpdateColumns, getUpsertColumns },
};
