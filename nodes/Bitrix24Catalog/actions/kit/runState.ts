import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * State shared by the items of one run of the node (what earlier items named, what the portal
 * told once): kept under the run's input items, which n8n hands to every item alike and drops
 * with the run.
 */
export function runState<T>(
	store: WeakMap<object, T>,
	context: Pick<IExecuteFunctions, 'getInputData'>,
	create: () => T,
): T {
	const run = context.getInputData();
	let state = store.get(run);
	if (state === undefined) {
		state = create();
		store.set(run, state);
	}
	return state;
}
