import { bindArray, phpInt, phpValues, requireParam } from '../binder';
import { Bitrix24Error } from '../errors';
import type { Portal } from '../portal';
import type { StoredRecord } from '../recordStore';
import { DEMO_RECORDS_STAMP } from '../demoSeed';
import { formatBitrixDate } from '../time';
import { assertCanModifyCatalog, assertCanViewCatalog } from './catalogGuards';
import { moveStock } from './documentStock';
import { field } from './fieldTable';
import { recordsOf, recordTablesMethods, type RecordTableSpec } from './recordTable';
import { type MethodContext, MethodReply, type MethodTable } from './registry';

/**
 * catalog.document.* (inventory documents: add, update, list, delete, getFields, conduct, cancel,
 * their `...List` forms and mode.status), catalog.document.element.* (a document's goods),
 * catalog.documentcontractor.* (a receipt's supplier) and catalog.enum.getStoreDocumentTypes.
 * Docs: catalog/document, catalog/document/document-element, catalog/documentcontractor, catalog/enum.
 */

/** The types as `catalog.enum.getStoreDocumentTypes` answers them. */
export const STORE_DOCUMENT_TYPES = [
	{ id: 'A', name: 'Goods Receipt' },
	{ id: 'S', name: 'Goods Acquisition' },
	{ id: 'M', name: 'Goods Transfer Between Warehouses' },
	{ id: 'R', name: 'Goods Return' },
	{ id: 'D', name: 'Goods Write-off' },
];

const now = () => formatBitrixDate(new Date());

/** Documents and their contractors refuse a caller without rights with code 0, as their pages list. */
const DOCUMENT_DENIED = { code: 0, text: 'Access denied' };

export const DOCUMENT_TABLE: RecordTableSpec = {
	method: 'catalog.document',
	keys: { one: 'document', many: 'documents' },
	table: {
		commentary: field('char'),
		createdBy: field('integer', 'I'),
		currency: field('char', 'QI'),
		dateCreate: field('datetime', 'I'),
		dateDocument: field('datetime'),
		dateModify: field('datetime'),
		dateStatus: field('datetime', 'R'),
		docNumber: field('string'),
		docType: field('char', 'QI'),
		id: field('integer', 'R'),
		modifiedBy: field('integer'),
		responsibleId: field('integer', 'Q'),
		siteId: field('char'),
		status: field('char', 'R'),
		statusBy: field('integer'),
		title: field('string'),
		total: field('double'),
	},
	defaults: {
		commentary: null,
		dateDocument: null,
		docNumber: null,
		siteId: 's1',
		status: 'N',
		statusBy: null,
		title: '',
		total: null,
	},
	// Two receipts of the demo portal, not yet conducted.
	seed: [
		{
			docType: 'A',
			currency: 'USD',
			responsibleId: 1,
			createdBy: 1,
			modifiedBy: 1,
			title: 'Receipt 1',
		},
		{
			docType: 'A',
			currency: 'USD',
			responsibleId: 1,
			createdBy: 1,
			modifiedBy: 1,
			title: 'Receipt 2',
		},
	].map((seed) => ({
		...seed,
		dateCreate: DEMO_RECORDS_STAMP,
		dateModify: DEMO_RECORDS_STAMP,
		dateStatus: DEMO_RECORDS_STAMP,
		siteId: 's1',
		status: 'N',
		statusBy: null,
		total: null,
	})),
	required: { add: ['docType', 'currency', 'responsibleId'] },
	notFound: { code: 0, text: 'Document not found' },
	denied: DOCUMENT_DENIED,
	methods: ['add', 'update', 'list', 'delete', 'getFields'],
	check(fields, { caller, current }) {
		if (!current && !STORE_DOCUMENT_TYPES.some(({ id }) => id === fields.docType)) {
			throw new Bitrix24Error(400, 0, "DOC_TYPE isn't available");
		}
		const stamp = now();
		return {
			...fields,
			modifiedBy: fields.modifiedBy ?? caller.user.id,
			dateModify: stamp,
			...(current
				? {}
				: {
						createdBy: fields.createdBy ?? caller.user.id,
						dateCreate: stamp,
						dateStatus: stamp,
					}),
		};
	},
	beforeDelete(document, { portal }) {
		const refused = deleteRefusal(document);
		if (refused) throw new Bitrix24Error(400, 0, refused);
		removeParts(portal, document.id);
	},
};

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

export const CONTRACTOR_TABLE: RecordTableSpec = {
	method: 'catalog.documentcontractor',
	// The list answers its bindings under the same key as one binding.
	keys: { one: 'documentContractor', many: 'documentContractor' },
	table: {
		documentId: field('integer', 'Q'),
		entityId: field('integer', 'Q'),
		entityTypeId: field('integer', 'Q'),
		id: field('integer', 'R'),
	},
	seed: [
		{ documentId: 1, entityTypeId: 4, entityId: 3 },
		{ documentId: 2, entityTypeId: 3, entityId: 5 },
	],
	required: { add: ['documentId', 'entityTypeId', 'entityId'] },
	notFound: { code: 0, text: 'Binding was not found' },
	denied: DOCUMENT_DENIED,
	methods: ['add', 'delete', 'getFields', 'list'],
	check(fields, { portal, store }) {
		const fail = (text: string) => new Bitrix24Error(400, 0, text);
		const document = recordsOf(portal, DOCUMENT_TABLE).get(phpInt(fields.documentId));
		if (!document) throw fail('Store document was not found');
		if (document.docType !== 'A') throw fail('Type of store document is wrong');
		if (document.status === 'Y') throw fail('Unable to edit conducted document');
		if (![3, 4].includes(Number(fields.entityTypeId))) throw fail('Wrong entity type id');
		if (!(Number(fields.entityId) > 0)) throw fail('Wrong entity id');
		const bound = store.all().filter((row) => row.documentId === document.id);
		if (
			bound.some(
				(row) => row.entityTypeId === fields.entityTypeId && row.entityId === fields.entityId,
			)
		) {
			throw fail('This contractor has been already bound to this document');
		}
		if (fields.entityTypeId === 4 && bound.some((row) => row.entityTypeId === 4)) {
			throw fail('This document already has a Company contractor');
		}
		return fields;
	},
};

/** A deleted document takes its goods, its supplier and its user field values along. */
function removeParts(portal: Portal, documentId: number): void {
	for (const [table, key] of [
		[DOCUMENT_ITEM_TABLE, 'docId'],
		[CONTRACTOR_TABLE, 'documentId'],
	] as const) {
		const rows = recordsOf(portal, table);
		for (const row of rows.all().filter((candidate) => candidate[key] === documentId))
			rows.delete(row.id);
	}
	recordsOf(portal, USER_FIELD_VALUES).delete(documentId);
}

function deleteRefusal(document: StoredRecord): string | undefined {
	return document.status === 'Y'
		? `You cannot delete document "${String(document.title)}" as it is processed`
		: undefined;
}

/** How conduct and cancel word their refusals, one document or many. */
interface Lifecycle {
	/** The document's status before and after. */
	from: 'N' | 'Y';
	to: 'N' | 'Y';
	way: 1 | -1;
	modeOff: string;
	notFromStatus: string;
	/** `Document conducting error: <text>`: a single call's wording. */
	single: (text: string) => string;
	/** `An error occurred while conducting the document "<title>": <text>`: a list's wording. */
	inList: (title: string, text: string) => string;
	notFoundInList: string;
}

const CONDUCT: Lifecycle = {
	from: 'N',
	to: 'Y',
	way: 1,
	modeOff: 'Warehouse accounting must be enabled to conduct the document',
	notFromStatus: 'The document has already been conducted',
	single: (text) => `Document conducting error: ${text}`,
	inList: (title, text) => `An error occurred while conducting the document "${title}": ${text}`,
	notFoundInList: 'Document conducting error: Document not found',
};

const CANCEL: Lifecycle = {
	from: 'Y',
	to: 'N',
	way: -1,
	modeOff: 'To process the document, inventory accounting must be enabled',
	notFromStatus: 'The document has not been processed yet',
	single: (text) => `Error cancelling document conduct: ${text}`,
	inList: (title, text) => `An error occurred while canceling the document "${title}": ${text}`,
	notFoundInList: 'Error canceling the document: Document not found',
};

function assertMayProcess(context: MethodContext): void {
	assertCanViewCatalog(context.caller);
	if (!context.caller.user.canModifyCatalog) {
		throw new Bitrix24Error(400, 0, 'Insufficient rights to save the document');
	}
}

/** Conducts or cancels one document; answers the refusal's text (without the wording around it). */
function process(
	portal: Portal,
	document: StoredRecord,
	life: Lifecycle,
	callerId: number,
): string | undefined {
	if (document.status !== life.from) return life.notFromStatus;
	const refused = moveStock(portal, document, life.way);
	if (refused) return refused;
	Object.assign(document, {
		status: life.to,
		statusBy: callerId,
		dateStatus: now(),
	});
	return undefined;
}

function one(life: Lifecycle) {
	return (context: MethodContext) => {
		const id = requireParam(context.params, 'id');
		assertMayProcess(context);
		if (!context.portal.inventoryManagement) throw new Bitrix24Error(400, 0, life.modeOff);
		const document = recordsOf(context.portal, DOCUMENT_TABLE).get(phpInt(id));
		if (!document) throw new Bitrix24Error(400, 0, 'Document not found');
		const refused = process(context.portal, document, life, context.caller.user.id);
		if (refused) throw new Bitrix24Error(400, 0, life.single(refused));
		return true;
	};
}

/** The `documentIds` of a list form, as numbers. */
function documentIds(context: MethodContext): number[] {
	requireParam(context.params, 'documentIds');
	return phpValues(bindArray(context.params, 'documentIds')).map(phpInt);
}

/**
 * conductList and cancelList: every document is tried, one after the other; those that go through
 * stay so, and the answer is the first refusal, if any (the docs: "Documents that were
 * successfully processed will remain in the Conducted status").
 */
function many(life: Lifecycle) {
	return (context: MethodContext) => {
		const ids = documentIds(context);
		assertMayProcess(context);
		if (!context.portal.inventoryManagement) throw new Bitrix24Error(400, 0, life.modeOff);
		const documents = recordsOf(context.portal, DOCUMENT_TABLE);
		const refusals: string[] = [];
		for (const id of ids) {
			const document = documents.get(id);
			if (!document) {
				refusals.push(life.notFoundInList);
				continue;
			}
			const refused = process(context.portal, document, life, context.caller.user.id);
			if (refused) refusals.push(life.inList(String(document.title), refused));
		}
		if (refusals.length > 0) throw new Bitrix24Error(400, 0, refusals[0]);
		return true;
	};
}

function deleteList(context: MethodContext): true {
	const ids = documentIds(context);
	assertMayProcess(context);
	const documents = recordsOf(context.portal, DOCUMENT_TABLE);
	const refusals: string[] = [];
	for (const id of ids) {
		const document = documents.get(id);
		const refused = document
			? deleteRefusal(document)
			: `An error occurred while deleting document "#${id}": Document not found`;
		if (refused) {
			refusals.push(refused);
			continue;
		}
		removeParts(context.portal, id);
		documents.delete(id);
	}
	if (refusals.length > 0) throw new Bitrix24Error(400, 0, refusals[0]);
	return true;
}

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

const handlers: Record<string, (context: MethodContext) => unknown> = {
	'catalog.document.conduct': one(CONDUCT),
	'catalog.document.cancel': one(CANCEL),
	'catalog.document.conductList': many(CONDUCT),
	'catalog.document.cancelList': many(CANCEL),
	'catalog.document.deleteList': deleteList,
	'catalog.document.mode.status': ({ caller, portal }) => {
		if (!caller.user.canViewCatalog) throw new Bitrix24Error(400, 0, 'Access denied');
		return portal.inventoryManagement ? 'Y' : 'N';
	},
	'catalog.enum.getStoreDocumentTypes': ({ caller }) => {
		assertCanViewCatalog(caller);
		return { enum: STORE_DOCUMENT_TYPES };
	},
	'catalog.userfield.document.list': userFieldList,
	'catalog.userfield.document.update': userFieldUpdate,
};

export const catalogDocumentMethods: MethodTable = {
	...recordTablesMethods([DOCUMENT_TABLE, DOCUMENT_ITEM_TABLE, CONTRACTOR_TABLE]),
	...Object.fromEntries(
		Object.entries(handlers).map(([name, handler]) => [name, { scope: 'catalog', handler }]),
	),
};
