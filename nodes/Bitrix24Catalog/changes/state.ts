import type { IPollFunctions } from 'n8n-workflow';

/**
 * What the Changes Trigger keeps between polls, in n8n's static data of the node (stored with
 * the execution a poll's items start, or when a poll found nothing).
 */
export interface ChangesState {
	/** What the state was made for (watch and filters): another one starts watching afresh. */
	watchKey?: string;
	/** Compared rows: each row's values (the watch's fields but its ID) by ID. */
	rows?: Record<string, unknown[]>;
	/** Timed records: the latest of each time the polls saw. */
	latest?: Record<string, string>;
	/** Timed records seen lately: each one's times, by ID (see RECENT_WINDOW_SECONDS). */
	recent?: Record<string, unknown[]>;
}

export function stateOf(context: IPollFunctions): ChangesState {
	return context.getWorkflowStaticData('node') as ChangesState;
}

/** Replaces the state by `next`, in place: n8n keeps the object it handed out. */
export function keepState(context: IPollFunctions, next: ChangesState): void {
	const state = stateOf(context);
	for (const key of Object.keys(state)) delete (state as Record<string, unknown>)[key];
	Object.assign(state, next);
}
