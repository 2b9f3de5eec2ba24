import { onePixelPng } from '../png';
import { expectErrorReply as expectError, resultOf } from '../testClient';
import { described } from './fieldDescription';
import { useEmulator } from './emulatorUnderTest';

/** getFieldsByFilter, picture fields and downloads of product files, on the catalog demo. */

const { emu, url, call } = useEmulator({ catalogDemo: true });

describe('getFieldsByFilter', () => {
	it('describes the group fields with their titles, then the properties of the catalog', async () => {
		const { product } = resultOf(
			await call('catalog.product.getFieldsByFilter', { filter: { iblockId: 23 } }, 'viewer'),
		) as { product: Record<string, unknown> };
		expect(product.iblockId).toEqual(described('integer', 'IQ', 'Information Block Identifier'));
		expect(product.name).toEqual(described('string', 'Q', 'Name'));
		expect(product.negativeAmountTrace).toEqual(described('char', 'R', 'NEGATIVE_AMOUNT_TRACE'));
		expect(product.purchasingPrice).toEqual(described('string', '', 'Purchasing Price'));
		expect(product).not.toHaveProperty('barcodeMulti');
		expect(product.property111).toEqual({
			isDynamic: true,
			isImmutable: false,
			isMultiple: true,
			isReadOnly: false,
			isRequired: false,
			name: 'Colours',
			propertyType: 'S',
			type: 'productproperty',
			userType: '',
		});
		expect(product.property113).toMatchObject({
			propertyType: 'L',
			values: {
				1301: { id: '1301', value: 'Cotton' },
				1302: { id: '1302', value: 'Steel' },
				1303: { id: '1303', value: 'Wool' },
			},
		});
		// The page lists 39 fields besides its two example properties.
		expect(Object.keys(product)).toHaveLength(39 + 4);
	});

	it.each([
		['catalog.product.sku', 23, 'canBuyZero', 'Permission to Buy When Out of Stock', 36],
		['catalog.product.offer', 25, 'sort', 'Sorting Index', 39],
		['catalog.product.service', 23, 'available', 'Availability for Purchase', 26],
	])('%s describes its own fields', async (group, iblockId, name, title, fieldCount) => {
		const described = Object.values(
			resultOf(await call(`${group}.getFieldsByFilter`, { filter: { iblockId } })),
		)[0] as Record<string, Record<string, unknown>>;
		expect(described[name]).toMatchObject({ name: title });
		const properties = emu.portal.properties.of(iblockId).length;
		expect(Object.keys(described)).toHaveLength(fieldCount + properties);
	});

	it('describes the variations link as parentId, and a service availability as writable', async () => {
		const { offer } = resultOf(
			await call('catalog.product.offer.getFieldsByFilter', { filter: { iblockId: 25 } }),
		) as { offer: Record<string, unknown> };
		expect(offer.parentId).toMatchObject({
			name: 'Catalog Element',
			propertyType: 'E',
			userType: 'SKU',
		});
		const { service } = resultOf(
			await call('catalog.product.service.getFieldsByFilter', { filter: { iblockId: 23 } }),
		) as { service: Record<string, unknown> };
		expect(service.available).toMatchObject({ isReadOnly: false });
	});

	it.each([
		[
			'catalog.product.getFieldsByFilter',
			{},
			'admin',
			100,
			'Could not find value for parameter {filter}',
		],
		[
			'catalog.product.getFieldsByFilter',
			{ filter: {} },
			'admin',
			0,
			'parameter - iblockId is empty',
		],
		[
			'catalog.product.getFieldsByFilter',
			{ filter: { iblockId: 25 } },
			'admin',
			0,
			'productType is not allowed for this catalog',
		],
		[
			'catalog.product.getFieldsByFilter',
			{ filter: { iblockId: 99 } },
			'admin',
			0,
			'iblock is not catalog',
		],
		[
			'catalog.product.sku.getFieldsByFilter',
			{ filter: { iblockId: 25 } },
			'admin',
			0,
			'productType is not allowed for this catalog',
		],
		[
			'catalog.product.getFieldsByFilter',
			{ filter: { iblockId: 23 } },
			'noAccess',
			200040300010,
			'Access Denied',
		],
	])('%s refuses %j', async (method, params, webhook, code, text) => {
		await expectError(call(method, params, webhook), code, text);
	});

	it('describes the type catalog.product is given as productType', async () => {
		const { product } = resultOf(
			await call('catalog.product.getFieldsByFilter', { filter: { iblockId: 25, productType: 4 } }),
		) as { product: Record<string, unknown> };
		expect(product.sort).toMatchObject({ name: 'Sorting Index' });
	});
});

describe('picture fields', () => {
	const png = onePixelPng(9, 8, 7).toString('base64');

	it('stores a picture given as fileData, replacing the old one, and removes one on remove: Y', async () => {
		const answer = await call('catalog.product.update', {
			id: 101,
			fields: {
				detailPicture: { fileData: ['new-front.png', png] },
				previewPicture: { remove: 'y' },
			},
		});
		const { detailPicture, previewPicture } = resultOf(answer).element as Record<string, unknown>;
		expect(previewPicture).toBeNull();
		expect(detailPicture).toMatchObject({ id: '1008' });
		expect(emu.portal.imagesOf(101).map(({ id, type, name }) => [id, type, name])).toEqual([
			[1003, 'MORE_PHOTO', 'espresso-side.png'],
			[1004, 'MORE_PHOTO', 'espresso-back.png'],
			[1008, 'DETAIL_PICTURE', 'new-front.png'],
		]);
	});

	it('drops a file it cannot save without a word', async () => {
		const answer = await call('catalog.product.add', {
			fields: { iblockId: 23, name: 'A', detailPicture: { fileData: ['notes.txt', 'aGVsbG8='] } },
		});
		expect(answer.status).toBe(200);
		expect(resultOf(answer).element).toMatchObject({ id: 107, detailPicture: null });
	});
});

describe('download', () => {
	it('answers the bytes of the file a picture field names, as the picture URL asks', async () => {
		const { detailPicture } = resultOf(await call('catalog.product.get', { id: 101 })).product as {
			detailPicture: { url: string };
		};
		const answer = await fetch(
			`${url('catalog.product.download')}?${detailPicture.url.split('?')[1]}`,
		);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('image/png');
		expect(answer.headers.get('content-disposition')).toBe(
			'attachment; filename="espresso-front.png"',
		);
		expect(Buffer.from(await answer.arrayBuffer())).toEqual(emu.portal.image(1001)?.bytes);
	});

	it.each([
		[{}, 100, 'Could not find value for parameter {fields}'],
		[{ fields: { productId: 101 } }, 0, 'Required fields: fieldName, fileId'],
		[
			{ fields: { productId: 101, fieldName: 'DETAIL_PICTURE', fileId: 1001 } },
			0,
			'Name file field is not available',
		],
		[
			{ fields: { productId: 101, fieldName: 'previewPicture', fileId: 1001 } },
			0,
			'Product file wrong',
		],
		[
			{ fields: { productId: 102, fieldName: 'detailPicture', fileId: 1001 } },
			0,
			'Product file wrong',
		],
	])('refuses %j', async (params, code, text) => {
		await expectError(call('catalog.product.download', params), code, text);
	});
});
