import {
	listResult,
	objectResult,
	TRUE_RESULT,
} from '../../nodes/Bitrix24Catalog/actions/resultShape';

const image = objectResult('productImage', true);
const fields = objectResult('productImage', false);
const list = listResult('productImages');

describe('answer shapes', () => {
	it('say what they expect', () => {
		expect([image.expected, fields.expected, list.expected, TRUE_RESULT.expected]).toEqual([
			'a productImage object with a numeric id',
			'a productImage object',
			'a productImages list',
			'true',
		]);
	});

	it.each([
		[image, { productImage: { id: 7, name: 'a.png' } }],
		[image, { productImage: { id: '7' } }],
		[fields, { productImage: { id: { type: 'integer' } } }],
		[list, { productImages: [] }],
		[list, { productImages: [{ id: 1 }] }],
		[TRUE_RESULT, true],
	])('accept %#: a result in the documented form', (shape, result) => {
		expect(shape.problem(result)).toBeUndefined();
	});

	it.each([
		[image, null, 'result is null'],
		[image, undefined, 'result is missing'],
		[image, {}, 'result is an empty object'],
		[image, [], 'result is an empty list'],
		[image, [1, 2], 'result is a list of 2'],
		[image, 'https://portal/rest/1/secret/x', 'result is a string'],
		[image, { foo: 1, bar: 'token' }, 'result has keys: foo, bar'],
		[image, { productImage: null }, 'result.productImage is null'],
		[image, { productImage: [] }, 'result.productImage is an empty list'],
		[image, { productImage: { name: 'a.png' } }, 'result.productImage.id is missing'],
		[image, { productImage: { id: 'abc' } }, 'result.productImage.id is a string'],
		[image, { productImage: { id: 1.5 } }, 'result.productImage.id is a number'],
		[fields, { productImage: 'x' }, 'result.productImage is a string'],
		[list, { productImages: {} }, 'result.productImages is an empty object'],
		[list, { productImage: { id: 1 } }, 'result has keys: productImage'],
		[TRUE_RESULT, false, 'result is false'],
		[TRUE_RESULT, {}, 'result is an empty object'],
		[TRUE_RESULT, 1, 'result is a number'],
	])('describe %#: what is wrong, without values', (shape, result, problem) => {
		expect(shape.problem(result)).toBe(problem);
	});

	it('name at most ten keys, shortened, with secrets in them masked', () => {
		const result = Object.fromEntries(
			[...'abcdefghijkl'].map((key) => [key, 1]).concat([['/rest/1/s3cr3t/x', 1]]),
		);
		expect(image.problem(result)).toBe('result has keys: a, b, c, d, e, f, g, h, i, j and 3 more');
		expect(image.problem({ '/rest/1/s3cr3t/x': 1, ['k'.repeat(60)]: 2 })).toBe(
			`result has keys: /rest/1/***/x, ${'k'.repeat(40)}`,
		);
	});
});
