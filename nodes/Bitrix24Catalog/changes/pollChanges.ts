import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { comparedSamples, pollCompared } from './compared';
import { readQuery } from './input';
import { TEST_EVENT_ROWS } from './limits';
import { newestRows } from './rows';
import { keepState, stateOf } from './state';
import { pollTimed, timedSamples } from './timed';

/**
 * Fetch Test Event in the editor: the newest records, so that their fields can be mapped; the
 * published workflow's state is left alone (n8n's own polling nodes do the same in manual mode).
 */
async function samples(context: IPollFunctions): Promise<IDataObject[]> {
	const query = readQuery(context);
	const { way } = query.spec;
	const order = way.kind === 'timed' ? { [way.times[0]]: 'DESC', id: 'DESC' } : { id: 'DESC' };
	const [rows] = await newestRows(context, query, [order], TEST_EVENT_ROWS);
	return way.kind === 'timed' ? timedSamples(rows) : comparedSamples(query, rows);
}

/**
 * A poll: what changed since the last one, one item per record. The first poll (and the first
 * after the watch or its filters changed) emits nothing and starts watching. The state is
 * replaced only once the items are ready: a poll that fails keeps the last one's, so the next
 * poll finds the same changes again.
 */
export async function pollChanges(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	if (context.getMode() === 'manual') {
		const items = await samples(context);
		return items.length === 0 ? null : [context.helpers.returnJsonArray(items)];
	}
	const query = readQuery(context);
	const state = stateOf(context);
	const { items, next } =
		query.spec.way.kind === 'timed'
			? await pollTimed(context, query, state)
			: await pollCompared(context, query, state);
	keepState(context, next);
	return items.length === 0 ? null : [context.helpers.returnJsonArray(items)];
}
