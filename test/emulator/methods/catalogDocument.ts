import { bindArray, phpInt, phpValues, requireParam } from '../binder';
import { Bitrix24Error } from '../errors';
import type { Portal } from '../portal';
import type { StoredRecord } from '../recordStore';
import { DEMO_RECORDS_STAMP } from '../demoSeed';
import { formatBitrixDate } from '../time';
import { assertCanViewCatalog } from './catalogGuards';
import { moveStock } from './documentStock';
import { field } from './fieldTable';
import { recordsOf, recordTableMethods, type RecordTableSpec } from './recordTable';
import type { MethodContext, MethodTable } from './registry';

/**
 * catalog.document.* (inventory documents: add, update, list, delete, getFields, conduct, cancel,
 * their `...List` forms and mode.status). A document's goods are catalog.document.element.*
 * (catalogDocumentElement.ts), a receipt's supplier catalog.documentcontractor.*
 * (catalogDocumentContractor.ts), its user fields catalog.userfield.document.*
 * (catalogUserfieldDocument.ts); catalog.enum.getStoreDocumentTypes lists the types (catalogEnum.ts).
 * Docs: catalog/document.
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
export const DOCUMENT_DENIED = { code: 0, text: 'Access denied' };

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

/**
 * A deleted document takes its goods, its supplier and its user field values along (their
 * tables by name: their modules build on this one).
 */
function removeParts(portal: Portal, documentId: number): void {
	for (const [table, key] of [
		['catalog.document.element', 'docId'],
		['catalog.documentcontractor', 'documentId'],
	] as const) {
		const rows = portal.records.of(table);
		for (const row of rows.all().filter((candidate) => candidate[key] === documentId))
			rows.delete(row.id);
	}
	portal.records.of('catalog.userfield.document').delete(documentId);
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
};

export const catalogDocumentMethods: MethodTable = {
	...recordTableMethods(DOCUMENT_TABLE),
	...Object.fromEntries(
		Object.entries(handlers).map(([name, handler]) => [name, { scope: 'catalog', handler }]),
	),
};
