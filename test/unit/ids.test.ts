import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toBitrix24Id } from '../../nodes/Bitrix24Catalog/helpers/ids';

const node = { name: 'Bitrix24 Catalog' } as INode;

describe('toBitrix24Id', () => {
	it.each([
		[42, 42],
		['42', 42],
		[' 42 ', 42],
		['+42', 42],
		['42.0', 42],
		[2147483647, 2147483647],
	])('accepts %p', (value, id) => {
		expect(toBitrix24Id(node, value, 'Product ID', 0)).toBe(id);
	});

	it.each([
		['', 'Product ID is empty [item 3]'],
		['   ', 'Product ID is empty [item 3]'],
		[undefined, 'Product ID is empty [item 3]'],
		[null, 'Product ID is empty [item 3]'],
		['abc', 'Product ID must be a number, but got "abc" [item 3]'],
		['12abc', 'Product ID must be a number, but got "12abc" [item 3]'],
		['1e3', 'Product ID must be a number, but got "1e3" [item 3]'],
		['x'.repeat(60), `Product ID must be a number, but got "${'x'.repeat(37)}..." [item 3]`],
		[Number.NaN, 'Product ID must be a number, but got NaN [item 3]'],
		[Number.POSITIVE_INFINITY, 'Product ID must be a number, but got Infinity [item 3]'],
		[true, 'Product ID must be a number, but got true [item 3]'],
		[[1], 'Product ID must be a number, but got a list [item 3]'],
		[{ id: 1 }, 'Product ID must be a number, but got a value of type object [item 3]'],
		[1.5, 'Product ID must be a whole number, but got 1.5 [item 3]'],
		['1.5', 'Product ID must be a whole number, but got 1.5 [item 3]'],
		[0, 'Product ID must be 1 or greater, but got 0 [item 3]'],
		['-7', 'Product ID must be 1 or greater, but got -7 [item 3]'],
		[2147483648, 'Product ID must be at most 2147483647 (the largest ID Bitrix24 stores), but got 2147483648 [item 3]'],
		['99999999999', 'Product ID must be at most 2147483647 (the largest ID Bitrix24 stores), but got 99999999999 [item 3]'],
	])('refuses %p', (value, message) => {
		let error: unknown;
		try {
			toBitrix24Id(node, value, 'Product ID', 3);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(message);
		expect((error as NodeOperationError).description).toBe(
			'Product ID must be a whole number from 1 to 2147483647, for example 42.',
		);
		expect((error as NodeOperationError).context.itemIndex).toBe(3);
	});
});
