import type { ResourceSpec } from '../../kit/spec';

/** Where the document types come from: receipt, acquisition, transfer, return, write-off. */
export const DOCUMENT_TYPES = { method: 'catalog.enum.getStoreDocumentTypes', key: 'enum' };

/**
 * Inventory documents (`catalog.document.*`): receipts, transfers, write-offs... created as
 * drafts, filled with items, then conducted, which changes stock. There is no `get`.
 */
export const inventoryDocumentSpec: ResourceSpec = {
	value: 'inventoryDocument',
	noun: 'inventory document',
	method: 'catalog.document',
	id: { name: 'documentId', label: 'Document ID', searchListMethod: 'searchInventoryDocuments' },
	keys: { one: 'document', many: 'documents', written: 'document' },
	titleField: 'title',
	choices: { docType: DOCUMENT_TYPES },
	textFields: ['currency', 'commentary', 'siteId'],
};
