import type { INodeParameters } from 'n8n-workflow';

import type { Bitrix24Emulator } from '../emulator';
import { credentialsFor, locator, mapped } from '../harness/nodeInputs';
import type { RunOptions } from '../harness/runNode';
import { runNode } from '../harness/runNode';
import { methodsCalled } from '../harness/batches';

/** A feed item as the Sync tests give it. */
export interface FeedItem {
	sku: string;
	name?: string;
	retail?: number;
	wholesale?: number;
	main?: number;
	second?: number;
	section?: string;
	images?: string;
}

/** The Sync's parameters for a feed mapped from `$json`: XML ID from sku, prices, stock, section, images. */
export function syncParameters(extra: INodeParameters = {}, fields: Record<string, unknown> = {}): INodeParameters {
	return {
		authentication: 'webhook',
		resource: 'product',
		operation: 'sync',
		iblockId: locator(23),
		syncMode: 'apply',
		syncOutput: 'products',
		fields: mapped({ xmlId: '={{ $json.sku }}', name: '={{ $json.name }}', ...fields }),
		syncPrices: {
			price: [
				{ priceType: 'BASE', price: '={{ $json.retail ?? "" }}', currency: 'USD' },
				{ priceType: 'Wholesale', price: '={{ $json.wholesale ?? "" }}', currency: 'USD' },
			],
		},
		...extra,
	};
}

/** Runs Product → Sync on the portal with the given feed. */
export async function runSync(
	emulator: Bitrix24Emulator,
	parameters: INodeParameters,
	items: FeedItem[] | Array<Record<string, unknown>>,
	onError?: RunOptions['onError'],
) {
	return await runNode({
		parameters,
		credentials: credentialsFor(emulator, 'webhook'),
		items: items as Array<Record<string, unknown>>,
		onError,
	});
}

/** The summary item of a run, without its measures (checked to be numbers): what a test can pin. */
export function summaryOf(output: Array<{ json: Record<string, unknown> }>): Record<string, unknown> {
	const { requests, portalTimeSeconds, wallTimeMs, ...rest } = output[0].json;
	expect(typeof requests).toBe('number');
	expect(typeof portalTimeSeconds).toBe('number');
	expect(typeof wallTimeMs).toBe('number');
	return rest;
}

/** The writes that reached the portal, a batch's commands each on its own. */
export function writesSent(emulator: Bitrix24Emulator): string[] {
	return methodsCalled(emulator.requests).filter((method) => /\.(add|update|delete|conduct|modify)$/.test(method));
}

/** A value's PHP-style keys and texts: `{ fields: { name: 'x' } }` → `{ 'fields[name]': 'x' }`. */
function flat(value: unknown, prefix: string, into: Record<string, string>): Record<string, string> {
	if (value !== null && typeof value === 'object') {
		for (const [key, inner] of Object.entries(value)) flat(inner, prefix ? `${prefix}[${key}]` : key, into);
	} else {
		into[prefix] = String(value);
	}
	return into;
}

/**
 * Every call that reached the portal from `since` on (a batch's commands each on its own), with
 * its parameters in one form however it travelled: PHP-style keys, values as text.
 */
export function callsSent(emulator: Bitrix24Emulator, since = 0): Array<{ method: string; params: Record<string, string> }> {
	return emulator.requests.slice(since).flatMap(({ restMethod, params }) => {
		if (restMethod === undefined) return [];
		if (restMethod !== 'batch') return [{ method: restMethod, params: flat(params, '', {}) }];
		return Object.values(params.cmd as Record<string, string>).map((command) => {
			const [method, query = ''] = command.split('?');
			return { method, params: Object.fromEntries(new URLSearchParams(query)) };
		});
	});
}

/** The writes among `callsSent`. */
export function writeCallsSent(emulator: Bitrix24Emulator, since = 0) {
	return callsSent(emulator, since).filter(({ method }) => /\.(add|update|delete|conduct)$/.test(method));
}
