import { AUTHENTICATIONS } from '../harness/nodeInputs';
import { deleteBodies, runDelete, runItemDeletes, usePortal } from './fixtures';

describe.each(AUTHENTICATIONS)('invalid input with %s credentials', (authentication) => {
	const portal = usePortal();

	it.each([
		['', 'Product ID is empty [item 0]'],
		[0, 'Product ID must be 1 or greater, but got 0 [item 0]'],
		['-3', 'Product ID must be 1 or greater, but got -3 [item 0]'],
		[1.5, 'Product ID must be a whole number, but got 1.5 [item 0]'],
		['abc', 'Product ID must be a number, but got "abc" [item 0]'],
		[2147483648, 'Product ID must be at most 2147483647 (the largest ID Bitrix24 stores), but got 2147483648 [item 0]'],
	])('refuses Product ID %p from an expression before sending anything', async (productId, message) => {
		const { error, output } = await runDelete(portal.emulator, authentication, '={{ $json.product }}', '1001', {
			items: [{ product: productId }],
		});
		expect(output).toEqual([]);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message,
			description: 'Product ID must be a whole number from 1 to 2147483647, for example 42.',
			context: { itemIndex: 0 },
		});
		expect(portal.emulator.requests).toEqual([]);
	});

	it('refuses a typed-in ID that is not a whole number through n8n\'s own field check', async () => {
		const run = runDelete(portal.emulator, authentication, '101', '12abc');
		await expect(run).rejects.toThrow(
			"The 'Bitrix24 Catalog' node has issues:\n- Image ID must be a whole number, e.g. 42",
		);
		expect(portal.emulator.requests).toEqual([]);
	});

	it('refuses a typed-in 0, which passes the field check', async () => {
		const { error } = await runDelete(portal.emulator, authentication, '0', '1001');
		expect(error?.message).toBe('Product ID must be 1 or greater, but got 0 [item 0]');
		expect(portal.emulator.requests).toEqual([]);
	});

	it('refuses a bad Image ID in a later item before deleting anything for earlier items', async () => {
		const { error, output } = await runItemDeletes(portal.emulator, authentication, [
			{ product: 101, image: 1001 },
			{ product: 101, image: 1002 },
			{ product: 101, image: null },
		]);
		expect(output).toEqual([]);
		expect(error).toMatchObject({ message: 'Image ID is empty [item 2]', context: { itemIndex: 2 } });
		expect(portal.emulator.requests).toEqual([]);
		expect(portal.emulator.portal.imagesOf(101)).toHaveLength(4);
	});

	it('with "Continue" passes invalid items on as errors and deletes the valid ones', async () => {
		const { error, output } = await runItemDeletes(
			portal.emulator,
			authentication,
			[
				{ product: 101, image: 1001 },
				{ product: 'x', image: 1002 },
				{ product: 101, image: 1003 },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(output).toEqual([
			{ json: { result: true }, pairedItem: { item: 0 } },
			{ json: { error: 'Product ID must be a number, but got "x" [item 1]' }, pairedItem: { item: 1 } },
			{ json: { result: true }, pairedItem: { item: 2 } },
		]);
		expect(deleteBodies(portal.emulator)).toEqual([
			{ productId: 101, id: 1001 },
			{ productId: 101, id: 1003 },
		]);
	});
});
