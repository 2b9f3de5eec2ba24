import type { INodeType } from 'n8n-workflow';

import { RESOURCES } from '../actions/resources';
import { getStoreDocumentTypes } from './documentTypes';
import {
	getCreateColumns,
	getRecordFields,
	getUpdateColumns,
	getUpsertColumns,
} from './recordFields';
import { searchCatalogMethods } from './catalogMethods';
import { getSyncColumns } from './syncColumns';
import { searchCurrencies } from './currencySearch';
import { specPickers } from './recordSearch';
import { searchProductImages, searchProducts } from './listSearch';

type ListSearch = NonNullable<NonNullable<INodeType['methods']>['listSearch']>;

/**
 * The pickers by their listSearch method: the spec resources' from the registry, by name in the
 * fields (a test checks that every name a field gives is here), and the few of their own.
 */
const listSearch: ListSearch = {
	...specPickers(Object.values(RESOURCES).flatMap((resource) => resource.spec ?? [])),
	searchCatalogMethods,
	searchCurrencies,
	searchProducts,
	searchProductImages,
};

/** What the node's editor asks the portal for: pickers, field lists and mapping forms. */
export const methods = {
	listSearch,
	loadOptions: { getRecordFields, getStoreDocumentTypes },
	resourceMapping: { getCreateColumns, getSyncColumns, getUpdateColumns, getUpsertColumns },
};
