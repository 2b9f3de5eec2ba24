import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from './request';

/** What a run cost the portal: its requests, and the portal's own time for them (seconds). */
export interface RequestMeter {
	requests: number;
	portalSeconds: number;
}

/**
 * The context with every request it sends counted, and the `time.duration` of each answer
 * added up: what an operation reports of its own cost.
 */
export function metered<Context extends RequestContext>(context: Context): { context: Context; meter: RequestMeter } {
	const meter: RequestMeter = { requests: 0, portalSeconds: 0 };
	const helpers = new Proxy(context.helpers, {
		get(target, property) {
			const value: unknown = Reflect.get(target, property, target);
			if (property !== 'httpRequestWithAuthentication' || typeof value !== 'function') {
				return typeof value === 'function' ? value.bind(target) : value;
			}
			return async function (this: unknown, ...args: unknown[]) {
				meter.requests++;
				const answer = (await (value as (...a: unknown[]) => Promise<unknown>).apply(this, args)) as
					| { body?: { time?: IDataObject } }
					| undefined;
				const duration = Number(answer?.body?.time?.duration);
				if (Number.isFinite(duration)) meter.portalSeconds += duration;
				return answer;
			};
		},
	});
	const counted = new Proxy(context, {
		get(target, property) {
			if (property === 'helpers') return helpers;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
	return { context: counted, meter };
}
