import { bindArray, phpInt, phpValues, requireParam } from '../binder';
import { Bitrix24Error } from '../errors';
import type { Portal } from '../portal';
import type { StoredRecord } from '../recordStore';
import { DOCUMENT_TABLE } from './catalogDocument';
import { assertCanModifyCatalog, assertCanViewCatalog } from './catalogGuards';
import { recordsOf, type RecordTableSpec } from './recordTable';
import { type MethodContext, MethodReply, type MethodTable } from './registry';

/** catalog.userfield.document.* (the user fields of inventory documents). Docs: catalog/userfield-document. */

/** Values of the documents' user fields (`field287`), one row per document that has any. */
const USER_FIELD_VALUES: RecordTableSpec = {
	method: 'catalog.userfield.document',
	keys: { one: 'document', many: 'documents' },
	table: {},
	notFound: { code: 0, text: 'The specified document does not exist' },
};

const isUserField = (name: string) => /^field\d+$/.test(name);

function userFieldRow(portal: Portal, document: StoredRecord): Record<string, unknown> {
	const values = recordsOf(portal, USER_FIELD_VALUES).get(document.id) ?? {};
	const own = Object.entries(values).filter(([name]) => isUserField(name));
	return {
		documentId: document.id,
		documentType: document.docType,
		...Object.fromEntries(own),
	};
}

function userFieldList(context: MethodContext) {
	const select = phpValues(bindArray(context.params, 'select')).map(String);
	const filter = bindArray(context.params, 'filter') as Record<string, unknown>;
	assertCanViewCatalog(context.caller);
	if (!select.includes('documentType')) {
		throw new Bitrix24Error(
			400,
			0,
			'The documentType field is not specified in the select parameter',
		);
	}
	if (filter.documentType === undefined) {
		throw new Bitrix24Error(
			400,
			0,
			'The documentType field is not specified in the filter parameter',
		);
	}
	const wanted = filter.documentId === undefined ? undefined : phpInt(filter.documentId);
	const rows = recordsOf(context.portal, DOCUMENT_TABLE)
		.all()
		.filter((document) => document.docType === filter.documentType)
		.filter((document) => wanted === undefined || document.id === wanted)
		.map((document) => userFieldRow(context.portal, document))
		.map((row) =>
			Object.fromEntries(Object.entries(row).filter(([name]) => select.includes(name))),
		);
	return new MethodReply({ documents: rows }, { total: rows.length });
}

function userFieldUpdate(context: MethodContext) {
	const documentId = phpInt(requireParam(context.params, 'documentId'));
	const fields = bindArray(context.params, 'fields') as Record<string, unknown>;
	assertCanModifyCatalog(context.caller);
	const document = recordsOf(context.portal, DOCUMENT_TABLE).get(documentId);
	if (!document || fields.documentType !== document.docType) {
		throw new Bitrix24Error(400, 0, 'The specified document does not exist');
	}
	const values = recordsOf(context.portal, USER_FIELD_VALUES);
	const given = Object.fromEntries(Object.entries(fields).filter(([name]) => isUserField(name)));
	if (values.get(documentId)) values.update(documentId, given);
	else values.add({ ...given, id: documentId });
	return { document: userFieldRow(context.portal, document) };
}

export const catalogUserfieldDocumentMethods: MethodTable = {
	'catalog.userfield.document.list': { scope: 'catalog', handler: userFieldList },
	'catalog.userfield.document.update': { scope: 'catalog', handler: userFieldUpdate },
};
