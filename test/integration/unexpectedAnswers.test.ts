import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { onePixelPng } from '../emulator/png';
import { AUTHENTICATIONS, locator } from '../harness/nodeInputs';
import type { RunOptions } from '../harness/runNode';
import { binaryItem } from '../harness/runNode';
import { runOperation, usePortal } from './fixtures';

const IMAGE = 'a productImage object with a numeric id';
const LIST = 'a productImages list';

/** Each operation, the method whose result it relies on, and the form it expects. */
const operations: Array<[string, string, string, INodeParameters]> = [
	['get', 'catalog.productImage.get', IMAGE, { productId: locator('101'), imageId: locator('1001') }],
	[
		'download',
		'catalog.productImage.get',
		IMAGE,
		{ productId: locator('101'), imageId: locator('1001'), binaryPropertyName: 'data' },
	],
	['getMany', 'catalog.productImage.list', LIST, { productId: locator('101'), returnAll: true }],
	['deleteAll', 'catalog.productImage.list', LIST, { productId: locator('101') }],
	['getFields', 'catalog.productImage.getFields', 'a productImage object', {}],
	['delete', 'catalog.productImage.delete', 'true', { productId: locator('101'), imageId: locator('1001') }],
];

const answers: Array<[string, string]> = [
	['null', 'result is null'],
	['{}', 'result is an empty object'],
];

/** The error item "Continue" gives for a result of `method` that is not in the `expected` form. */
function unexpectedItem(method: string, problem: string, expected: string, item: number): INodeExecutionData {
	return {
		json: {
			error: `Bitrix24 answered ${method} with an unexpected result: ${problem}`,
			details: { code: 'UNEXPECTED_ANSWER', description: `${problem}; expected ${expected}`, httpCode: null },
		},
		pairedItem: { item },
	};
}

describe.each(AUTHENTICATIONS)('success answers in an unexpected form with %s credentials', (authentication) => {
	const portal = usePortal();
	const run = (operation: string, extra: INodeParameters, more: Partial<RunOptions> = {}) =>
		runOperation(portal.emulator, authentication, operation, extra, more);

	describe.each(answers)('{"result": %s}', (result, problem) => {
		const answer = (method: string) =>
			portal.emulator.injectFault({ kind: 'raw', method, status: 200, body: `{"result":${result}}` });

		it.each(operations)('%s fails naming %s and the form of the answer', async (operation, method, expected, extra) => {
			answer(method);
			const { output, error } = await run(operation, extra);
			expect(output).toEqual([]);
			expect(error).toMatchObject({
				name: 'NodeApiError',
				message: `Bitrix24 answered ${method} with an unexpected result: ${problem}`,
				description:
					`Expected ${expected}. The portal reported success, but its answer is not in the form the method ` +
					'documents, so the node cannot tell what happened. If the call changes data (an upload or a delete), ' +
					'check in Bitrix24 whether it was carried out before running again.',
				context: {
					itemIndex: 0,
					bitrix24: { code: 'UNEXPECTED_ANSWER', description: `${problem}; expected ${expected}`, httpCode: null },
				},
			});
			// Nothing more was done with it: no file fetched, no image deleted.
			expect(portal.emulator.requests).toHaveLength(1);
		});

		it('Upload fails naming catalog.productImage.add and the form of the answer', async () => {
			answer('catalog.productImage.add');
			const { output } = await run(
				'upload',
				{ productId: locator('101') },
				{
					inputItems: [binaryItem(onePixelPng(1, 2, 3), 'a.png', 'image/png')],
					onError: 'continueRegularOutput',
				},
			);
			expect(output).toEqual([unexpectedItem('catalog.productImage.add', problem, IMAGE, 0)]);
		});
	});

	it.each(operations)(
		'%s in a batch fails each item whose result (of %s) is not in the expected form',
		async (operation, method, expected, extra) => {
			portal.emulator.injectFault({
				kind: 'raw',
				method: 'batch',
				status: 200,
				body: JSON.stringify({
					result: { result: { c0: null, c1: {} }, result_error: [], result_total: [], result_next: [], result_time: [] },
					time: {},
				}),
			});
			const { output } = await run(operation, extra, { items: [{}, {}], onError: 'continueRegularOutput' });
			expect(output).toEqual([
				unexpectedItem(method, 'result is null', expected, 0),
				unexpectedItem(method, 'result is an empty object', expected, 1),
			]);
			expect(portal.emulator.requests.map((request) => request.restMethod)).toEqual(['batch']);
		},
	);

	it('describes an image without an ID by its keys, never by its values', async () => {
		const signed = `${portal.emulator.baseUrl}/rest/1/s3cr3t/download?token=t0k3n`;
		portal.emulator.injectFault({
			kind: 'raw',
			method: 'catalog.productImage.get',
			status: 200,
			body: JSON.stringify({ result: { productImage: { name: 'secret-plan.png', downloadUrl: signed } } }),
		});
		const { output } = await run(
			'get',
			{ productId: locator('101'), imageId: locator('1001') },
			{ onError: 'continueRegularOutput' },
		);
		expect(output).toEqual([unexpectedItem('catalog.productImage.get', 'result.productImage.id is missing', IMAGE, 0)]);
		expect(JSON.stringify(output)).not.toMatch(/s3cr3t|t0k3n|secret-plan|downloadUrl/);
	});
});
