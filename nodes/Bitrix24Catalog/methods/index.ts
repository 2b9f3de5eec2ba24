import { catalogSpec } from '../actions/resources/catalog';
import { productSpec } from '../actions/resources/product/spec';
import {
	getCreateColumns,
	getRecordFields,
	getUpdateColumns,
	getUpsertColumns,
} from './recordFields';
import { searchCatalogMethods } from './catalogMethods';
import { recordSearch } from './recordSearch';
import { searchProductImages, searchProducts } from './listSearch';

/** What the node's editor asks the portal for: pickers, field lists and mapping forms. */
export const methods = {
	listSearch: {
		searchCatalogMethods,
		searchCatalogs: recordSearch(catalogSpec),
		searchCatalogProducts: recordSearch(productSpec),
		searchProducts,
		searchProductImages,
	},
	loadOptions: { getRecordFields },
	resourceMapping: { getCreateColumns, getUpdateColumns, getUpsertColumns },
};
