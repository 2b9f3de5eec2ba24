import { AUTHENTICATIONS } from '../harness/nodeInputs';
import { deleteBodies, runItemDeletes, usePortal } from './fixtures';

const items = [
	{ product: 101, image: 1001 },
	{ product: 101, image: 999 },
	{ product: 101, image: 1002 },
];

const failedItem = {
	json: {
		error: 'Bitrix24 error 0: Image does not exist',
		details: { code: '0', description: 'Image does not exist', httpCode: '400' },
	},
	pairedItem: { item: 1 },
};

describe.each(AUTHENTICATIONS)('"On Error" settings with %s credentials', (authentication) => {
	const portal = usePortal();
	const run = (onError: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow') =>
		runItemDeletes(portal.emulator, authentication, items, { onError });

	it('"Continue" outputs the failed item with its code and goes on with the others', async () => {
		const { output, errorOutput, error } = await run('continueRegularOutput');
		expect(error).toBeUndefined();
		expect(output).toEqual([
			{ json: { result: true }, pairedItem: { item: 0 } },
			failedItem,
			{ json: { result: true }, pairedItem: { item: 2 } },
		]);
		expect(errorOutput).toEqual([]);
		expect(deleteBodies(portal.emulator)).toHaveLength(3);
	});

	it('"Continue (using error output)" routes the failed item to the error output', async () => {
		const { output, errorOutput, error } = await run('continueErrorOutput');
		expect(error).toBeUndefined();
		expect(output).toEqual([
			{ json: { result: true }, pairedItem: { item: 0 } },
			{ json: { result: true }, pairedItem: { item: 2 } },
		]);
		expect(errorOutput).toEqual([failedItem]);
	});

	it('"Stop Workflow" reports the failed item; a batch has carried out the others already', async () => {
		const { output, error } = await run('stopWorkflow');
		expect(output).toEqual([]);
		expect(error).toMatchObject({ message: 'Bitrix24 error 0: Image does not exist', context: { itemIndex: 1 } });
		expect(deleteBodies(portal.emulator)).toEqual([
			{ productId: 101, id: 1001 },
			{ productId: 101, id: 999 },
			{ productId: 101, id: 1002 },
		]);
	});

	it('"Stop Workflow" without batching stops at the failed item, after the items before it', async () => {
		const { output, error } = await runItemDeletes(
			portal.emulator,
			authentication,
			items,
			{ onError: 'stopWorkflow' },
			{ options: { batching: false } },
		);
		expect(output).toEqual([]);
		expect(error).toMatchObject({ message: 'Bitrix24 error 0: Image does not exist', context: { itemIndex: 1 } });
		expect(deleteBodies(portal.emulator)).toEqual([
			{ productId: 101, id: 1001 },
			{ productId: 101, id: 999 },
		]);
		expect(portal.emulator.portal.image(1002)).toBeDefined();
	});
});
