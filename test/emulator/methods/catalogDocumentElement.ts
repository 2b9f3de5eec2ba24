import { phpInt } from '../binder';
import { Bitrix24Error } from '../errors';
import type { Portal } from '../portal';
import { DOCUMENT_TABLE } from './catalogDocument';
import { field } from './fieldTable';
import { recordsOf, recordTableMethods, type RecordTableSpec } from './recordTable';

/** catalog.document.element.* (an inventory document's goods). Docs: catalog/document/document-element. */

const ITEM_ERRORS = { status: 'ERROR_DOCUMENT_STATUS' };

/** A document's goods may change only while it is a draft. */
function assertDraft(portal: Portal, docId: unknown): void {
	const document = recordsOf(portal, DOCUMENT_TABLE).get(phpInt(docId));
	if (!document) throw new Bitrix24Error(400, ITEM_ERRORS.status, 'Document not found');
	if (document.status === 'Y')
		throw new Bitrix24Error(400, ITEM_ERRORS.status, 'Conducted document');
}

export const DOCUMENT_ITEM_TABLE: RecordTableSpec = {
	method: 'catalog.document.element',
	keys: { one: 'documentElement', many: 'documentElements' },
	table: {
		amount: field('double'),
		docId: field('integer', 'QI'),
		elementId: field('integer', 'QI'),
		id: field('integer', 'R'),
		purchasingPrice: field('double'),
		storeFrom: field('integer'),
		storeTo: field('integer'),
	},
	defaults: { amount: 0, purchasingPrice: 0, storeFrom: null, storeTo: null },
	seed: [
		{
			docId: 1,
			elementId: 101,
			amount: 5,
			purchasingPrice: 250,
			storeFrom: null,
			storeTo: 1,
		},
		{
			docId: 2,
			elementId: 101,
			amount: 2,
			purchasingPrice: 250,
			storeFrom: null,
			storeTo: 2,
		},
	],
	required: { add: ['docId', 'elementId'] },
	notFound: { code: ITEM_ERRORS.status, text: 'Document not found' },
	// catalog/lib/controller/document/element.php: read and write alike.
	denied: { code: 'ERROR_DOCUMENT_RIGHTS', text: 'Access denied' },
	check(fields, { portal, current }) {
		assertDraft(portal, current?.docId ?? fields.docId);
		return fields;
	},
	beforeDelete(item, { portal }) {
		assertDraft(portal, item.docId);
	},
};

export const catalogDocumentElementMethods = recordTableMethods(DOCUMENT_ITEM_TABLE);
