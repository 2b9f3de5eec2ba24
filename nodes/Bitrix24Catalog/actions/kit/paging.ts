import type { IDataObject, INode } from 'n8n-workflow';

import type { Bitrix24Call } from '../../transport';
import { BATCH_LIMIT, resultReference } from '../../transport/batch';
import { resultShapeError, listResult } from '../resultShape';
import type { ItemContext } from '../operation';

/** Bitrix24's lists answer in pages of this many rows, whatever is asked. */
export const PAGE_SIZE = 50;

/** What reading a list needs of its caller: an operation's item, or a polling trigger. */
export type PageContext = Pick<ItemContext, 'itemIndex' | 'mayBatch' | 'send' | 'sendAll'>;

/** A list as an operation asks for it: the method, where its rows sit, and its parameters. */
export interface ListRequest {
	method: string;
	/** The key of the rows in the result: 'sections'. */
	key: string;
	select: string[];
	filter: IDataObject;
	/** Empty: by ID, the fast way. */
	order: IDataObject;
	/** The most rows wanted; undefined: all. */
	limit?: number;
	/** The rows' ID, which the fast way orders and pages by, where it is not `id` (`propertyId`). */
	idField?: string;
	/** A condition no row can meet (a value among none): the list is empty, and nothing is sent. */
	matchesNothing?: boolean;
	/**
	 * Return All in another order: read by ID (see `isFast`), then sorted here by `field`, ties
	 * by ID; `drop`: the field was added to the select for this only, and is left out again.
	 */
	sortHere?: { field: string; direction: 'ASC' | 'DESC'; drop: boolean };
}

function idOf(request: ListRequest): string {
	return request.idField ?? 'id';
}

/**
 * Ordered by ID (the default), pages follow each other by the last ID seen (`>id`), with
 * `start: -1` so that Bitrix24 counts no total (the docs' way for large data); the pages after the
 * first go chained in one `batch`, each taking its `>id` from the page before. Rows added or
 * deleted meanwhile shift nothing. Another order falls back to offsets (`start: 0, 50, ...`),
 * which a batch also holds, as they are known in advance; there a row deleted while the pages are
 * read moves a later row onto a page already read, which is then missed, and a row added moves
 * one onto the next page again (a row seen twice is kept once). Bitrix24's filters cannot page by
 * (field, ID) in general, so Return All in another order reads by ID and sorts here
 * (`sortHere`); a Limit in another order, where the portal must pick the first rows, uses offsets.
 */
function isFast(request: ListRequest): boolean {
	return Object.keys(request.order).length === 0;
}

function pageCall(request: ListRequest, after: unknown, start: number): Bitrix24Call {
	const { method, filter, order } = request;
	const id = idOf(request);
	// No fields chosen: every field, as an empty `select` means, which a batch could not carry.
	const select = request.select.length > 0 ? { select: request.select } : {};
	return isFast(request)
		? {
				method,
				params: {
					...select,
					filter: { ...filter, [`>${id}`]: after },
					order: { [id]: 'ASC' },
					start: -1,
				},
			}
		: { method, params: { ...select, filter: nonEmpty(filter), order, start } };
}

/** A filter with no conditions is left out, as the list then has none: a batch could not carry `{}`. */
function nonEmpty(filter: IDataObject): IDataObject | undefined {
	return Object.keys(filter).length > 0 ? filter : undefined;
}

/** Where the first page starts: after the user's own `>id`, if the filter has one. */
function firstAfter(request: ListRequest): unknown {
	return request.filter[`>${idOf(request)}`] ?? 0;
}

/** The list's first page: the item's first call, batched with other items' first calls. */
export function firstPage(request: ListRequest): Bitrix24Call {
	return pageCall(request, firstAfter(request), 0);
}

/** The first page, known without asking Bitrix24 when no row can match; else undefined. */
export function knownFirstPage(request: ListRequest): IDataObject | undefined {
	return request.matchesNothing ? { [request.key]: [] } : undefined;
}

/** A page's rows, once its result has the documented form. */
function rowsOf(
	result: unknown,
	request: ListRequest,
	node: INode,
	itemIndex: number,
): IDataObject[] {
	const unexpected = resultShapeError(
		node,
		itemIndex,
		request.method,
		result,
		listResult(request.key),
	);
	if (unexpected) throw unexpected;
	return (result as Record<string, IDataObject[]>)[request.key];
}

/**
 * Every row up to the limit, from the first page on, each turned into what the caller keeps (an
 * output item) as its page arrives, so that no page outlives its turn: the next pages are asked
 * for in batches (at most 50 pages, 2,500 rows, a request) while pages come full. Without a limit
 * the batches grow (2, 4, ... 50 pages), so that a short list costs no speculative pages.
 */
export async function allRows<Kept = IDataObject>(
	node: INode,
	request: ListRequest,
	first: unknown,
	context: PageContext,
	keep: (row: IDataObject) => Kept = (row) => row as Kept,
): Promise<Kept[]> {
	const rowsIn = (result: unknown) => rowsOf(result, request, node, context.itemIndex);
	const kept: Kept[] = [];
	const wanted = request.limit ?? Infinity;
	// Offsets can bring a row back onto a later page: it is kept once.
	const seen = isFast(request) ? undefined : new Set<unknown>();
	const position: Position = { lastId: undefined, read: 0 };
	const take = (page: IDataObject[]) => {
		position.read += page.length;
		position.lastId = page[page.length - 1]?.[idOf(request)] ?? position.lastId;
		for (const row of page) {
			if (kept.length >= wanted) return;
			const id = row[idOf(request)];
			if (id !== undefined && seen?.has(id)) continue;
			if (id !== undefined) seen?.add(id);
			kept.push(keep(row));
		}
	};
	let lastPage = rowsIn(first);
	take(lastPage);
	let speculative = 2;
	while (lastPage.length >= PAGE_SIZE && kept.length < wanted) {
		const count =
			request.limit === undefined
				? speculative
				: Math.ceil((request.limit - kept.length) / PAGE_SIZE);
		speculative = Math.min(speculative * 2, BATCH_LIMIT);
		const pages = await nextPages(request, position, Math.min(count, BATCH_LIMIT), context, rowsIn);
		for (const page of pages) {
			take(page);
			lastPage = page;
			if (page.length < PAGE_SIZE) break;
		}
	}
	return kept;
}

/** Where the reading stands: the last row's ID, and how many rows the pages so far held. */
interface Position {
	lastId: unknown;
	read: number;
}

/**
 * `count` pages after the rows so far. In one batch the later pages refer to the earlier ones'
 * last IDs; pages that cannot ride in a batch go one by one. A page after a short one is not read: it
 * followed a reference to a row that does not exist.
 */
async function nextPages(
	request: ListRequest,
	{ lastId, read: start }: Position,
	count: number,
	context: PageContext,
	read: (result: unknown) => IDataObject[],
): Promise<IDataObject[][]> {
	const next = pageCall(request, lastId, start);
	if (count === 1 || !context.mayBatch(next)) return [read(await context.send(next))];
	const calls = Array.from({ length: count }, (_, index) =>
		pageCall(
			request,
			index === 0
				? lastId
				: resultReference(index - 1, [request.key, PAGE_SIZE - 1, idOf(request)]),
			start + index * PAGE_SIZE,
		),
	);
	const pages: IDataObject[][] = [];
	for (const outcome of await context.sendAll(calls)) {
		if ('error' in outcome) throw outcome.error;
		const page = read(outcome.result);
		pages.push(page);
		if (page.length < PAGE_SIZE) break;
	}
	return pages;
}
