import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { Change, ChangesQuery } from './input';
import { RECENT_WINDOW_SECONDS } from './limits';
import { instantOf, laterTime, shiftedTime } from './portalTime';
import { newestRows, readLists } from './rows';
import type { ChangesState } from './state';
import type { TimedWay } from './watches';

const WINDOW_MS = RECENT_WINDOW_SECONDS * 1000;

function wayOf(query: ChangesQuery): TimedWay {
	return query.spec.way as TimedWay;
}

function timesOf(way: TimedWay, row: IDataObject): unknown[] {
	return way.times.map((field) => row[field] ?? null);
}

/** The latest instant among a record's times (-Infinity when it has none). */
function lastInstant(times: unknown[]): number {
	return Math.max(...times.map(instantOf).filter((instant) => !Number.isNaN(instant)));
}

/** The latest of each time among `rows`, on top of `latest`. */
function latestOf(way: TimedWay, rows: IDataObject[], latest: Record<string, string> = {}) {
	const next: Record<string, string> = { ...latest };
	for (const field of way.times) {
		let time = next[field] as string | undefined;
		for (const row of rows) time = laterTime(time, row[field]);
		if (time !== undefined) next[field] = time;
	}
	return next;
}

/** The records seen within the window before the latest time: kept so none comes twice. */
function recentOf(
	latest: Record<string, string>,
	entries: Array<[string, unknown[]]>,
): Record<string, unknown[]> {
	const newest = lastInstant(Object.values(latest));
	if (!Number.isFinite(newest)) return {};
	return Object.fromEntries(
		entries.filter(([, times]) => lastInstant(times) >= newest - WINDOW_MS),
	);
}

/**
 * The first poll: where each time stands now (the newest record by it), and every record within
 * the window before it, remembered so that the next poll does not take them for changes.
 */
async function startWatching(context: IPollFunctions, query: ChangesQuery): Promise<ChangesState> {
	const way = wayOf(query);
	const newest = await newestRows(
		context,
		query,
		way.times.map((field) => ({ [field]: 'DESC' })),
		1,
	);
	const latest = latestOf(way, newest.flat());
	const lists = await readLists(context, query, windowFilters(way, latest), undefined, (row) => [
		String(row.id),
		timesOf(way, row),
	]);
	const seen = lists.flat() as Array<[string, unknown[]]>;
	return { watchKey: query.watchKey, latest, recent: recentOf(latest, seen) };
}

/**
 * For each time: `>=` the window before the latest seen of it, or of any time for one no record
 * had yet (a document never conducted has no dateStatus); with no time seen at all (nothing to
 * watch yet), every record, once.
 */
function windowFilters(way: TimedWay, latest: Record<string, string>): IDataObject[] {
	const overall = Object.values(latest).reduce<string | undefined>(laterTime, undefined);
	if (overall === undefined) return [{}];
	return way.times.map((field) => ({
		[`>=${field}`]: shiftedTime(latest[field] ?? overall, -RECENT_WINDOW_SECONDS),
	}));
}

/**
 * A poll of a timed watch: the records whose times moved since the last poll, read with `>=`
 * from a window before the latest time seen (a record changed while the last poll read its
 * pages, or in the same second, is not missed), less those seen then with the same times.
 */
export async function pollTimed(
	context: IPollFunctions,
	query: ChangesQuery,
	state: ChangesState,
): Promise<{ items: IDataObject[]; next: ChangesState }> {
	if (state.watchKey !== query.watchKey || !state.latest) {
		return { items: [], next: await startWatching(context, query) };
	}
	const way = wayOf(query);
	const latest = state.latest;
	const recent = state.recent ?? {};
	const lists = await readLists(
		context,
		query,
		windowFilters(way, latest),
		undefined,
		(row) => row,
	);
	const byId = new Map<string, IDataObject>();
	for (const row of lists.flat()) byId.set(String(row.id), row);
	const since = lastInstant(Object.values(latest)) - WINDOW_MS;
	const items: IDataObject[] = [];
	for (const [id, row] of [...byId].sort(([a], [b]) => Number(a) - Number(b))) {
		const times = timesOf(way, row);
		const known = recent[id];
		if (known && JSON.stringify(known) === JSON.stringify(times)) continue;
		const made = instantOf(row[way.created]);
		const change: Change = !known && !(made < since) ? 'added' : 'changed';
		if (query.emit.has(change)) items.push({ change, ...row });
	}
	const rows = [...byId.values()];
	const nextLatest = latestOf(way, rows, latest);
	const seen: Array<[string, unknown[]]> = [
		...Object.entries(recent),
		...rows.map((row): [string, unknown[]] => [String(row.id), timesOf(way, row)]),
	];
	return {
		items,
		next: { watchKey: query.watchKey, latest: nextLatest, recent: recentOf(nextLatest, seen) },
	};
}

/** Fetch Test Event: the newest records by their first time, as changed ones. */
export function timedSamples(rows: IDataObject[]): IDataObject[] {
	return rows.map((row) => ({ change: 'changed', ...row }));
}
