import type { IDataObject } from 'n8n-workflow';

import type { Bitrix24Call, CallOutcome } from '../../../../transport';
import type { ProductPlan } from './plan';
import type { Sender } from './portalState';

/** A write and the products whose outcome it decides. */
export interface Write {
	call: Bitrix24Call;
	plans: ProductPlan[];
	/** What its result sets, once it came back without an error. */
	done?: (result: unknown) => void;
}

/** The plans that have not failed: a failed product goes no further. */
export const live = (plans: ProductPlan[]) => plans.filter((plan) => !plan.error);

/**
 * Sends writes 50 to a request where they may share one (see `sendRunCalls`); a failed write
 * fails the products it was for, and nothing more is written for them.
 */
export async function send(portal: Sender, writes: Write[]): Promise<void> {
	if (writes.length === 0) return;
	const outcomes: CallOutcome[] = await portal.sendAll(writes.map((write) => write.call));
	writes.forEach((write, index) => {
		const outcome = outcomes[index];
		if ('error' in outcome) {
			for (const plan of write.plans) plan.error ??= outcome.error;
		} else {
			write.done?.(outcome.result);
		}
	});
}

/** The ID in a write's answer: `{ product: { id } }`, a bare number, or the one object it holds. */
export function idIn(result: unknown, key?: string): number | undefined {
	const record = (key ? (result as IDataObject | undefined)?.[key] : result) as IDataObject | undefined;
	const found = record && typeof record === 'object' ? record : undefined;
	const id = Number(found?.id ?? (typeof result === 'number' ? result : NaN));
	if (Number.isFinite(id) && id > 0) return id;
	// `{ document: { id } }`, `{ documentElement: { id } }`: the one object in the answer.
	const inner = Object.values((result as IDataObject) ?? {}).find((value) => value && typeof value === 'object') as IDataObject | undefined;
	const innerId = Number(inner?.id);
	return Number.isFinite(innerId) && innerId > 0 ? innerId : undefined;
}
