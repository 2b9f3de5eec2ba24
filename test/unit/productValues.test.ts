import type { INode } from 'n8n-workflow';

import { propertyValue } from '../../nodes/Bitrix24Catalog/actions/kit/propertyValues';
import {
	fileIdsOf,
	publicProduct,
} from '../../nodes/Bitrix24Catalog/actions/resources/product/productFiles';

const node = { name: 'Bitrix24 Catalog' } as INode;

describe('property values as Bitrix24 takes them', () => {
	it.each([
		['a single value', 'Bosch', false, { value: 'Bosch' }],
		['a number', 36, false, { value: 36 }],
		['a value already shaped', { value: 'A', valueId: '601' }, false, { value: 'A', valueId: '601' }],
		['a list of one for a single property', ['A'], false, { value: 'A' }],
		['a list', ['red', 'blue'], true, [{ value: 'red' }, { value: 'blue' }]],
		['a JSON list as text', '["red", "blue"]', true, [{ value: 'red' }, { value: 'blue' }]],
		['one value for a multiple property', 'red', true, [{ value: 'red' }]],
		['text that only starts like a list', '[draft', true, [{ value: '[draft' }]],
		[
			'shaped values, empty ones left out',
			[{ value: 'white', valueId: '603' }, '', null, 'silver'],
			true,
			[{ value: 'white', valueId: '603' }, { value: 'silver' }],
		],
		['an empty list', [], true, undefined],
		['a list of an empty value for a single property', [''], false, undefined],
	])('writes %s', (_, given, multiple, written) => {
		expect(propertyValue(node, 'property111', given, multiple, 0)).toEqual(written);
	});

	it('refuses a list of several values for a single property, naming it and the item', () => {
		expect(() => propertyValue(node, 'property110', ['A', 'B'], false, 3)).toThrow(
			'Fields → property110 takes one value, but got a list of 2 [item 3]',
		);
	});
});

describe('the files of a product field', () => {
	it.each([
		['a picture', { id: '1001', url: '/rest/catalog.product.download?x' }, [1001]],
		['a file property', { value: { id: 55, url: '/x' }, valueId: '9' }, [55]],
		['a file property holding the ID', { value: '56', valueId: '9' }, [56]],
		[
			'a multiple file property',
			[
				{ value: { id: 57, url: '/x' }, valueId: '9' },
				{ value: { id: 58, url: '/y' }, valueId: '10' },
			],
			[57, 58],
		],
		['an empty field', null, []],
		['an empty multiple property', [], []],
		['a value that is no ID', { value: 'abc' }, []],
	])('reads %s', (_, value, ids) => {
		expect(fileIdsOf(value)).toEqual(ids);
	});

	it('masks credentials in the download addresses of pictures and file properties', () => {
		const product = publicProduct({
			id: 401,
			name: 'Coffee grinder',
			detailPicture: {
				id: '1001',
				url: '/rest/catalog.product.download?fields%5BfileId%5D=1001&auth=0123456789abcdef',
				urlMachine: 'https://portal.example/rest/7/s3cr3tw3bh00k/catalog.product.download?x=1',
			},
			property258: [{ value: { id: 55, url: '/x?access_token=tok3n&a=1' }, valueId: '9' }],
			previewText: 'auth=kept as it is',
		});
		expect(product).toEqual({
			id: 401,
			name: 'Coffee grinder',
			detailPicture: {
				id: '1001',
				url: '/rest/catalog.product.download?fields%5BfileId%5D=1001&auth=***',
				urlMachine: 'https://portal.example/rest/7/***/catalog.product.download?x=1',
			},
			property258: [{ value: { id: 55, url: '/x?access_token=***&a=1' }, valueId: '9' }],
			previewText: 'auth=kept as it is',
		});
	});
});
