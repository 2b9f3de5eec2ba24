import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { addImages, AUTHENTICATIONS, credentialsFor, locator, productImageParameters } from '../harness/nodeInputs';
import { runItemDeletes, usePortal } from './fixtures';

describe.each(AUTHENTICATIONS)('the Options, checked before sending, with %s credentials', (authentication) => {
	const portal = usePortal();

	/** Deletes of two images, with one option taken from each item's `value`. */
	const runWithOption = (option: string, values: unknown[]) => {
		const ids = addImages(portal.emulator, values.length, 'opt');
		return runItemDeletes(
			portal.emulator,
			authentication,
			ids.map((image, index) => ({ product: 105, image, value: values[index] }) as IDataObject),
			{},
			{ options: { [option]: '={{ $json.value }}' } },
		);
	};

	it.each([
		['timeout', 0, 'Timeout must be 1000 or greater, but got 0'],
		['timeout', -1, 'Timeout must be 1000 or greater, but got -1'],
		['timeout', 'abc', 'Timeout must be a number, but got "abc"'],
		['timeout', 1500.5, 'Timeout must be a whole number, but got 1500.5'],
		['plan', 'bogus', 'Bitrix24 Plan must be one of: standard, enterprise, but got "bogus"'],
		['plan', 'toString', 'Bitrix24 Plan must be one of: standard, enterprise, but got "toString"'],
		['maxLimitWait', 'abc', 'Max Wait for Limits (Seconds) must be a number of seconds, 0 or more, but got "abc"'],
		['maxLimitWait', -5, 'Max Wait for Limits (Seconds) must be a number of seconds, 0 or more, but got -5'],
	])('refuses %s %p in a later item, naming it, before anything is sent', async (option, value, problem) => {
		const valid = { timeout: 5000, plan: 'standard', maxLimitWait: 10 }[option];
		const { error, output } = await runWithOption(option, [valid, value]);
		expect(output).toEqual([]);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: `Options → ${problem} [item 1]`,
			context: { itemIndex: 1 },
		});
		expect(portal.emulator.requests).toEqual([]);
	});

	it('refuses a Batch Requests value that is not true or false before anything is sent', async () => {
		const { error } = await runWithOption('batching', ['maybe', 'maybe']);
		expect(error).toMatchObject({
			message: 'Options → Batch Requests must be true or false, but got "maybe" [item 0]',
		});
		expect(portal.emulator.requests).toEqual([]);
	});

	it.each([
		['"false"', 'false', 2, 0],
		['"FALSE"', 'FALSE', 2, 0],
		['0', 0, 2, 0],
		['"true"', 'true', 0, 1],
	])('reads Batch Requests %s from an expression as n8n does', async (_, value, singles, batches) => {
		const { error, output } = await runWithOption('batching', [value, value]);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(2);
		expect(portal.emulator.restCalls('catalog.productImage.delete')).toHaveLength(singles);
		expect(portal.emulator.restCalls('batch')).toHaveLength(batches);
	});

	it('takes numbers given as text from an expression', async () => {
		const { error, output } = await runWithOption('timeout', ['5000', ' 2000 ']);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([{ result: true }, { result: true }]);
	});
});

describe('one limiter per portal', () => {
	// A portal each: the limiter remembers a portal's requests across runs, as it must.
	const portal = usePortal();
	const idle = usePortal();

	it('is shared by runs that name the plan and calls that do not, such as the trigger', async () => {
		const { emulator } = portal;
		// An Enterprise portal: 250 at once, then 5 per second.
		emulator.setRateLimit({ burst: 250, perSecond: 5 });
		const run = (count: number, options: IDataObject) =>
			runItemDeletes(
				emulator,
				'webhook',
				addImages(emulator, count, `p-${count}`).map((image) => ({ product: 105, image })),
				{},
				{ options: { batching: false, ...options } },
			);
		const [enterprise, unnamed] = await Promise.all([run(240, { plan: 'enterprise' }), run(30, {})]);
		expect([enterprise.error, unnamed.error]).toEqual([undefined, undefined]);
		expect(emulator.stats).toEqual({ restRequests: 270, queryLimitExceeded: 0 });
	});

	it('holds calls in its queue only as long as Max Wait allows, then fails them without sending', async () => {
		const { emulator } = idle;
		emulator.setRateLimit({ burst: 50, perSecond: 2 });
		const started = Date.now();
		const { output } = await runNode({
			parameters: productImageParameters('webhook', 'get', {
				productId: locator('101'),
				imageId: locator('1001'),
				options: { batching: false, maxLimitWait: 0, timeout: 1000 },
			}),
			credentials: credentialsFor(emulator, 'webhook'),
			items: Array.from({ length: 70 }, () => ({})),
			onError: 'continueRegularOutput',
		});
		expect(Date.now() - started).toBeLessThan(5000);
		// The burst of 50 less the places the node keeps free (HEADROOM).
		expect(output.slice(0, 48).every((item) => item.json.id === 1001)).toBe(true);
		const refusal = expect.stringMatching(
			/^Not sent: the portal's request limit would hold this call for 0\.[1-5] seconds, longer than Max Wait for Limits allows \(0 seconds\)$/,
		);
		expect(output[48]).toEqual({
			json: {
				error: refusal,
				details: { code: 'QUERY_LIMIT_EXCEEDED', description: refusal, httpCode: null },
			},
			pairedItem: { item: 48 },
		});
		expect(output.slice(48).every((item) => item.json.details !== undefined)).toBe(true);
		expect(emulator.stats).toEqual({ restRequests: 48, queryLimitExceeded: 0 });
	});
});
