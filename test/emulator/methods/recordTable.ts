import type { Caller } from '../auth';
import { bindArray, isArrayValue, phpInt, phpValues, requireParam } from '../binder';
import { Bitrix24Error, type ErrorCode } from '../errors';
import type { Portal } from '../portal';
import { declareSeed, type RecordStore, type StoredRecord } from '../recordStore';
import { assertCanModifyCatalog, assertCanViewCatalog } from './catalogGuards';
import { pick } from './fieldSelection';
import {
	assertRequired,
	describeFields,
	type FieldTable,
	givenFields,
	shownFields,
	writableFields,
} from './fieldTable';
import type { FilterDialect } from './listFilter';
import { bindListParams, rowsPage } from './listPaging';
import type { MethodContext, MethodReply, MethodTable } from './registry';

/** The methods of a plain table, by the suffix after its prefix. */
export type RecordMethod = 'add' | 'update' | 'get' | 'list' | 'delete' | 'getFields';

const ALL_METHODS: readonly RecordMethod[] = [
	'add',
	'update',
	'get',
	'list',
	'delete',
	'getFields',
];

/** An answer the pages give with its code and text. */
export interface PageError {
	/** A number, or a name where the page gives one (`ERROR_DOCUMENT_STATUS`). */
	code: ErrorCode;
	text: string;
}

/**
 * A plain catalog table as its method pages describe it (measures, VAT rates, stores, price
 * types, ...): the table's fields, what is required, the errors, and what is checked beyond the
 * field types. The handlers are the same for every such table.
 */
export interface RecordTableSpec {
	/** The methods' prefix: 'catalog.measure'. */
	method: string;
	/** Where answers put one record and a list: `{ measure: {...} }`, `{ measures: [...] }`. */
	keys: { one: string; many: string };
	table: FieldTable;
	/** What a new record holds where the add names nothing. */
	defaults?: Record<string, unknown>;
	/** Records every portal starts with. */
	seed?: readonly Record<string, unknown>[];
	/** Fields an add must name (code 0, `Required fields: ...`); update too where `onUpdate`. */
	required?: { add?: readonly string[]; update?: readonly string[] };
	/** The answer for an id that names no record. */
	notFound: PageError;
	/**
	 * The answer for a caller without the right to read or write the table, where its pages give
	 * their own (documents: code 0; their goods: ERROR_DOCUMENT_RIGHTS); otherwise the catalog's
	 * 200040300010 (read) and 200040300020 (write).
	 */
	denied?: PageError;
	/** The methods the table has; all six by default. */
	methods?: readonly RecordMethod[];
	/** How its list reads filter keys: `orm` tables take `@`, `!@` and the like. */
	dialect?: FilterDialect;
	/**
	 * Fields lists are filtered on by one value (prices by `productId`): such a list reads the
	 * matching records only, so a table of many thousand rows answers as fast as a small one.
	 */
	indexed?: readonly string[];
	/** Filter fields a list must name (code 0, `Required filter fields: ...`). */
	listRequires?: readonly string[];
	/**
	 * What the table checks on a write beyond the field types (a unique code, one default), throwing
	 * the page's error; `current` is the record an update changes. Answers the fields to store.
	 */
	check?(
		fields: Record<string, unknown>,
		context: WriteContext,
	): Record<string, unknown> | undefined;
	/** Whether the portal shows a record (a property's feature, while the property exists); all by default. */
	shows?(record: StoredRecord, portal: Portal): boolean;
	/** What a delete checks or takes along (a store that holds stock is refused). */
	beforeDelete?(record: StoredRecord, context: MethodContext): void;
}

export interface WriteContext extends MethodContext {
	store: RecordStore;
	current?: StoredRecord;
}

/** The portal's rows of this table. */
export function recordsOf(portal: Portal, spec: RecordTableSpec): RecordStore {
	const store = portal.records.of(spec.method);
	for (const field of spec.indexed ?? []) store.indexBy(field);
	return store;
}

/**
 * The records a list filter can match: through an index where it names one value of an indexed
 * field, or a list of them (prices of 50 products at once).
 */
function candidates(store: RecordStore, spec: RecordTableSpec, filter: Record<string, unknown>) {
	for (const field of spec.indexed ?? []) {
		const value = filter[field];
		if (value !== undefined && value !== null && typeof value !== 'object') {
			return store.withValue(field, value) ?? store.all();
		}
		if (isArrayValue(value)) {
			const values = new Set(phpValues(value).map(String));
			const found = [...values].map((one) => store.withValue(field, one));
			if (found.every((rows) => rows !== undefined)) {
				return (found as StoredRecord[][]).flat().sort((a, b) => a.id - b.id);
			}
		}
	}
	return store.all();
}

function existing(
	store: RecordStore,
	spec: RecordTableSpec,
	id: unknown,
	portal: Portal,
): StoredRecord {
	const record = store.get(phpInt(id));
	if (!record || spec.shows?.(record, portal) === false)
		throw new Bitrix24Error(400, spec.notFound.code, spec.notFound.text);
	return record;
}

function guard(caller: Caller, writes: boolean, denied?: PageError): void {
	const allowed = caller.user.canViewCatalog && (!writes || caller.user.canModifyCatalog);
	if (denied && !allowed) throw new Bitrix24Error(400, denied.code, denied.text);
	assertCanViewCatalog(caller);
	if (writes) assertCanModifyCatalog(caller);
}

/** The handlers of a plain table, from its spec. */
export function recordTableMethods(spec: RecordTableSpec): MethodTable {
	// Seeded records hold what a new one holds where the seed names nothing, as added ones do.
	declareSeed(
		spec.method,
		(spec.seed ?? []).map((record) => ({ ...spec.defaults, ...record })),
	);
	const shown = shownFields(spec.table);
	const row = (record: StoredRecord) => pick(record, shown);
	const written = (
		context: MethodContext,
		fields: Record<string, unknown>,
		current?: StoredRecord,
	) => {
		const store = recordsOf(context.portal, spec);
		return spec.check?.(fields, { ...context, store, current }) ?? fields;
	};
	const handlers: Record<RecordMethod, (context: MethodContext) => unknown> = {
		add: (context) => {
			const given = givenFields(requireParam(context.params, 'fields'));
			guard(context.caller, true, spec.denied);
			assertRequired(given, spec.required?.add ?? []);
			const fields = written(context, writableFields(spec.table, given, 'add'));
			const record = recordsOf(context.portal, spec).add({
				...spec.defaults,
				...fields,
			});
			return { [spec.keys.one]: row(record) };
		},
		update: (context) => {
			const id = requireParam(context.params, 'id');
			const given = givenFields(bindArray(context.params, 'fields'));
			guard(context.caller, true, spec.denied);
			assertRequired(given, spec.required?.update ?? []);
			const store = recordsOf(context.portal, spec);
			const current = existing(store, spec, id, context.portal);
			const fields = written(context, writableFields(spec.table, given, 'update'), current);
			return {
				[spec.keys.one]: row(store.update(current.id, fields) ?? current),
			};
		},
		get: ({ params, caller, portal }) => {
			const id = requireParam(params, 'id');
			guard(caller, false, spec.denied);
			return {
				[spec.keys.one]: row(existing(recordsOf(portal, spec), spec, id, portal)),
			};
		},
		list: ({ params, caller, portal }) => {
			const bound = bindListParams(params);
			guard(caller, false, spec.denied);
			const given = givenFields(bound.filter);
			const missing = (spec.listRequires ?? []).filter(
				(name) => given[name] === undefined || given[name] === null,
			);
			if (missing.length > 0) {
				throw new Bitrix24Error(400, 0, `Required filter fields: ${missing.join(', ')}`);
			}
			// The stored records as they are: a page picks its rows' fields (shown ones only), so
			// that a page of a large table costs a scan, not a copy of every row.
			const page = (records: StoredRecord[]) =>
				rowsPage(
					spec.keys.many,
					records.filter((record) => spec.shows?.(record, portal) !== false),
					shown,
					spec.dialect ?? 'orm',
					{ ...bound, start: params.start },
				);
			const records = candidates(recordsOf(portal, spec), spec, given);
			return pagesByIdWindow(records, bound, params.start, spec.keys.many, page) ?? page(records);
		},
		delete: (context) => {
			const id = requireParam(context.params, 'id');
			guard(context.caller, true, spec.denied);
			const store = recordsOf(context.portal, spec);
			const record = existing(store, spec, id, context.portal);
			spec.beforeDelete?.(record, context);
			store.delete(record.id);
			return true;
		},
		getFields: ({ caller }) => {
			guard(caller, false, spec.denied);
			return { [spec.keys.one]: describeFields(spec.table) };
		},
	};
	return Object.fromEntries(
		(spec.methods ?? ALL_METHODS).map((name) => [
			`${spec.method}.${name}`,
			{ scope: 'catalog', handler: handlers[name] },
		]),
	);
}

/** The handlers of several plain tables, as one method table. */
export function recordTablesMethods(specs: readonly RecordTableSpec[]): MethodTable {
	return Object.assign({}, ...specs.map(recordTableMethods));
}

/**
 * The fast way of reading a large table (`>id`, by id, `start: -1`: no count) answered from the
 * records after that id, a growing window at a time, instead of from every record: the same page,
 * at the cost of a page rather than of the table. Undefined where the list is read otherwise.
 */
function pagesByIdWindow(
	records: StoredRecord[],
	bound: ReturnType<typeof bindListParams>,
	start: unknown,
	key: string,
	page: (records: StoredRecord[]) => MethodReply,
): MethodReply | undefined {
	const filter = bound.filter as Record<string, unknown> | undefined;
	const after = Number(filter?.['>id']);
	const order = Object.entries((bound.order ?? {}) as Record<string, unknown>);
	const byId = order.length === 0 || (order.length === 1 && order[0][0] === 'id' && String(order[0][1]).toUpperCase() === 'ASC');
	if (String(start) !== '-1' || !Number.isFinite(after) || !byId) return undefined;
	let from = 0;
	let to = records.length;
	while (from < to) {
		const middle = (from + to) >>> 1;
		if (records[middle].id <= after) from = middle + 1;
		else to = middle;
	}
	for (let size = 200; ; size *= 4) {
		const reply = page(records.slice(from, from + size));
		const rows = ((reply.result as Record<string, unknown[]> | undefined)?.[key] ?? []) as unknown[];
		if (rows.length >= 50 || from + size >= records.length) return reply;
	}
}
