import { catalogSpec } from '../actions/resources/catalog';
import { measureSpec } from '../actions/resources/measure';
import { productSpec } from '../actions/resources/product/spec';
import { listValueSpec, productPropertySpec } from '../actions/resources/productProperty';
import { vatSpec } from '../actions/resources/vat';
import {
	getCreateColumns,
	getRecordFields,
	getUpdateColumns,
	getUpsertColumns,
} from './recordFields';
import { recordSearch } from './recordSearch';
import { searchProductImages, searchProducts } from './listSearch';

/** What the node's editor asks the portal for: pickers, field lists and mapping forms. */
export const methods = {
	listSearch: {
		searchCatalogs: recordSearch(catalogSpec),
		searchCatalogProducts: recordSearch(productSpec),
		searchProducts,
		searchMeasures: recordSearch(measureSpec),
		searchVatRates: recordSearch(vatSpec),
		searchProperties: recordSearch(productPropertySpec),
		searchListProperties: recordSearch(productPropertySpec, { filter: { propertyType: 'L' } }),
		searchListValues: recordSearch(listValueSpec),
		searchProductImages,
	},
	loadOptions: { getRecordFields },
	resourceMapping: { getCreateColumns, getUpdateColumns, getUpsertColumns },
};
