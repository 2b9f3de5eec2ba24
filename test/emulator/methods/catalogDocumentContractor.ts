import { phpInt } from '../binder';
import { Bitrix24Error } from '../errors';
import { DOCUMENT_DENIED, DOCUMENT_TABLE } from './catalogDocument';
import { field } from './fieldTable';
import { recordsOf, recordTableMethods, type RecordTableSpec } from './recordTable';

/** catalog.documentcontractor.* (a goods receipt's supplier). Docs: catalog/documentcontractor. */

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

export const catalogDocumentContractorMethods = recordTableMethods(CONTRACTOR_TABLE);
