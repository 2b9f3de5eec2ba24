import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { ListRequest, PageContext } from '../actions/kit/paging';
import { allRows, firstPage } from '../actions/kit/paging';
import { listResult, resultShapeError } from '../actions/resultShape';
import type { Bitrix24Call } from '../transport';
import { callBitrix24, callBitrix24Batches, defaultSettings } from '../transport';
import type { ChangesQuery } from './input';

/** How a poll reaches the portal: its credential, default limits, everything it may batch. */
function pageContext(context: IPollFunctions, query: ChangesQuery): PageContext {
	const settings = defaultSettings(query.authentication);
	return {
		itemIndex: 0,
		mayBatch: () => true,
		send: async (call: Bitrix24Call) => await callBitrix24.call(context, call, settings, 0),
		sendAll: async (calls: Bitrix24Call[]) =>
			await callBitrix24Batches.call(
				context,
				calls,
				settings,
				calls.map(() => 0),
			),
	};
}

/** The watched list with `extra` conditions, read by ID (the fast way). */
function listRequest(query: ChangesQuery, extra: IDataObject, limit?: number): ListRequest {
	return {
		method: query.spec.method,
		key: query.spec.key,
		select: query.select,
		filter: { ...query.filter, ...extra },
		order: {},
		limit,
	};
}

/**
 * Every row of each list (one per condition in `extras`), `keep` turning each into what the
 * caller holds as its page arrives: the first pages in one request, then the next pages chained
 * in batches. With a `limit`, every later batch is a full one of 50 pages (20,000 rows cost 9
 * requests); without, batches grow from 2 pages, for lists that are mostly short.
 */
export async function readLists<Kept>(
	context: IPollFunctions,
	query: ChangesQuery,
	extras: IDataObject[],
	limit: number | undefined,
	keep: (row: IDataObject) => Kept,
): Promise<Kept[][]> {
	const pages = pageContext(context, query);
	const requests = extras.map((extra) => listRequest(query, extra, limit));
	const firsts =
		requests.length === 1
			? [{ result: await pages.send(firstPage(requests[0])) }]
			: await pages.sendAll(requests.map(firstPage));
	const lists: Kept[][] = [];
	for (const [index, request] of requests.entries()) {
		const first = firsts[index];
		if ('error' in first) throw first.error;
		lists.push(await allRows(context.getNode(), request, first.result, pages, keep));
	}
	return lists;
}

/** The first page of the list in `order` (the newest records), `count` rows at most. */
export async function newestRows(
	context: IPollFunctions,
	query: ChangesQuery,
	orders: IDataObject[],
	count: number,
): Promise<IDataObject[][]> {
	const pages = pageContext(context, query);
	const calls = orders.map(
		(order): Bitrix24Call => ({
			method: query.spec.method,
			params: {
				select: query.select,
				...(Object.keys(query.filter).length > 0 ? { filter: query.filter } : {}),
				order,
				start: -1,
			},
		}),
	);
	const outcomes = await pages.sendAll(calls);
	return outcomes.map((outcome) => {
		if ('error' in outcome) throw outcome.error;
		const { method, key } = query.spec;
		const unexpected = resultShapeError(
			context.getNode(),
			0,
			method,
			outcome.result,
			listResult(key),
		);
		if (unexpected) throw unexpected;
		return ((outcome.result as IDataObject)[key] as IDataObject[]).slice(0, count);
	});
}
