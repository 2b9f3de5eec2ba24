import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemError } from '../helpers/itemError';
import type { Bitrix24Plan } from '../limits/leakyBucket';
import { PLAN_LIMITS } from '../limits/leakyBucket';
import type { Bitrix24Authentication, TransportSettings } from '../transport';
import { DEFAULT_TIMEOUT_MS, defaultSettings } from '../transport';
import { toWholeNumber } from '../helpers/wholeNumber';

/** The node's Options: how its calls are sent, for every resource and operation. */
export const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Batch Requests',
			name: 'batching',
			type: 'boolean',
			default: true,
			description:
				"Whether to send many items' calls together, up to 50 in one request (Bitrix24's batch), instead of one request per item. Much faster on large runs; uploads always go one by one.",
		},
		{
			displayName: 'Bitrix24 Plan',
			name: 'plan',
			type: 'options',
			options: [
				{
					name: 'Standard',
					value: 'standard',
					description: 'Up to 50 requests at once, then 2 per second',
				},
				{
					name: 'Enterprise',
					value: 'enterprise',
					description: 'Up to 250 requests at once, then 5 per second',
				},
			],
			default: 'standard',
			description:
				"The portal's plan, which sets how fast the node may send requests without being refused. All calls to one portal share one limit; the plan set most recently applies.",
		},
		{
			displayName: 'Max Wait for Limits (Seconds)',
			name: 'maxLimitWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				"How long one call may wait in all, for the portal's request limit and for retries after rate limits, dropped connections or server errors, before its item fails",
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: DEFAULT_TIMEOUT_MS,
			description:
				'How long to wait for Bitrix24 to answer one request, in milliseconds, before the item fails',
		},
	],
};

/** The node's Options, as the editor or an expression left them: anything may come. */
interface RawOptions {
	batching?: unknown;
	plan?: unknown;
	maxLimitWait?: unknown;
	timeout?: unknown;
}

function optionsOf(context: IExecuteFunctions, itemIndex: number): RawOptions {
	return context.getNodeParameter('options', itemIndex, {}) as RawOptions;
}

function invalid(
	context: IExecuteFunctions,
	label: string,
	value: unknown,
	expected: string,
	itemIndex: number,
): NodeOperationError {
	const shown = typeof value === 'string' ? `"${value}"` : String(value);
	return itemError(
		context.getNode(),
		`Options → ${label} must be ${expected}, but got ${shown}`,
		itemIndex,
		`Set ${label} in the node's Options to ${expected}, or remove it to use the default.`,
	);
}

/** A number, or a numeric string from an expression; anything else is NaN. */
function numberOf(value: unknown): number {
	if (typeof value === 'number') return value;
	return typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
}

/** true/false, also as the strings "true"/"false" or 1/0 from an expression, as n8n's own nodes read them. */
function booleanOf(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	const text = String(value).trim().toLowerCase();
	if (text === 'true' || text === '1') return true;
	if (text === 'false' || text === '0') return false;
	return undefined;
}

/** Batch Requests, read once per run (batches span items). */
export function readBatching(context: IExecuteFunctions): boolean {
	const { batching } = optionsOf(context, 0);
	if (batching === undefined) return true;
	const value = booleanOf(batching);
	if (value === undefined) throw invalid(context, 'Batch Requests', batching, 'true or false', 0);
	return value;
}

/**
 * One item's transport settings from the Options, each checked before anything is sent: a value
 * that slipped through would turn a time-out or a wait bound off, or fail deep inside a request.
 */
export function readTransportSettings(
	context: IExecuteFunctions,
	authentication: Bitrix24Authentication,
	itemIndex: number,
): TransportSettings {
	const { plan, maxLimitWait, timeout } = optionsOf(context, itemIndex);
	const settings = defaultSettings(authentication);
	if (timeout !== undefined) {
		settings.timeoutMs = toWholeNumber(context.getNode(), timeout, 'Options → Timeout', itemIndex, {
			min: 1000,
			description: 'Timeout is in milliseconds, 1000 or more; remove it to wait 60 seconds.',
		});
	}
	if (maxLimitWait !== undefined) {
		const seconds = numberOf(maxLimitWait);
		if (!Number.isFinite(seconds) || seconds < 0) {
			throw invalid(
				context,
				'Max Wait for Limits (Seconds)',
				maxLimitWait,
				'a number of seconds, 0 or more',
				itemIndex,
			);
		}
		settings.maxLimitWaitMs = seconds * 1000;
	}
	if (plan !== undefined) {
		if (typeof plan !== 'string' || !Object.hasOwn(PLAN_LIMITS, plan)) {
			throw invalid(
				context,
				'Bitrix24 Plan',
				plan,
				`one of: ${Object.keys(PLAN_LIMITS).join(', ')}`,
				itemIndex,
			);
		}
		settings.plan = plan as Bitrix24Plan;
	}
	return settings;
}
