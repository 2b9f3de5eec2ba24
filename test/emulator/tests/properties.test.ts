import { expectErrorReply, resultOf } from '../testClient';
import { useEmulator } from './emulatorUnderTest';

/** The catalog's properties, their list values, features and filter settings; VAT, ratios, enums. */

const { emu, call } = useEmulator({ catalogDemo: true });

const expectError = expectErrorReply;

describe('catalog.productProperty', () => {
	it('refuses a user type its base type does not take and fills a directory its settings', async () => {
		const add = (fields: object) =>
			call('catalog.productProperty.add', {
				fields: { iblockId: 23, name: 'Category', propertyType: 'S', ...fields },
			});
		await expectError(add({ userType: 'Sequence' }), '0', 'Invalid property type specified');
		await expectError(
			add({ propertyType: 'N', userType: 'nonsense' }),
			'0',
			'Invalid property type specified',
		);
		expect(emu.portal.properties.byId(122)).toBeUndefined();

		const added = await add({
			userType: 'directory',
			userTypeSettings: { tableName: 'b_hlbd_categories' },
		});
		expect(resultOf(added).productProperty).toMatchObject({
			multipleCnt: null,
			withDescription: null,
			userType: 'directory',
			userTypeSettings: {
				group: 'N',
				multiple: 'N',
				size: 1,
				tableName: 'b_hlbd_categories',
				width: 0,
			},
		});
	});

	it('adds a list property that products then hold and the product form describes', async () => {
		const added = resultOf(
			await call('catalog.productProperty.add', {
				fields: {
					iblockId: 23,
					name: 'Size',
					propertyType: 'L',
					code: 'SIZE',
					multiple: 'N',
				},
			}),
		).productProperty as Record<string, unknown>;
		expect(added).toMatchObject({
			id: 122,
			iblockId: 23,
			name: 'Size',
			propertyType: 'L',
			code: 'SIZE',
			multiple: 'N',
			isRequired: 'N',
			active: 'Y',
		});
		const value = resultOf(
			await call('catalog.productPropertyEnum.add', {
				fields: { propertyId: 122, value: 'Large', xmlId: 'L' },
			}),
		).productPropertyEnum;
		expect(value).toEqual({
			def: 'N',
			id: 1304,
			propertyId: 122,
			sort: 500,
			value: 'Large',
			xmlId: 'L',
		});
		const described = resultOf(
			await call('catalog.product.getFieldsByFilter', {
				filter: { iblockId: 23, productType: 1 },
			}),
		).product as Record<string, Record<string, unknown>>;
		expect(described.property122).toMatchObject({
			name: 'Size',
			propertyType: 'L',
			values: { 1304: { id: '1304', value: 'Large' } },
		});
		expect(resultOf(await call('catalog.productProperty.delete', { id: 122 }))).toBe(true);
		await expectError(
			call('catalog.productProperty.get', { id: 122 }),
			'',
			'productProperty does not exist.',
		);
	});

	it('answers the documented errors', async () => {
		await expectError(
			call('catalog.productProperty.add', { fields: { name: 'X' } }),
			'0',
			'Required fields: iblockId, propertyType',
		);
		await expectError(
			call('catalog.productProperty.add', {
				fields: { iblockId: 99, name: 'X', propertyType: 'S' },
			}),
			'0',
			'The specified iblock is not a product catalog',
		);
		await expectError(
			call('catalog.productProperty.update', {
				id: 110,
				fields: { name: 'X' },
			}),
			'0',
			'Required fields: iblockId',
		);
		await expectError(
			call('catalog.productPropertyEnum.add', {
				fields: { propertyId: 110, value: 'X', xmlId: 'x' },
			}),
			'0',
			'Only list properties are supported',
		);
		await expectError(
			call('catalog.productPropertyEnum.add', {
				fields: { propertyId: 113, value: 'Silk', xmlId: 'wool' },
			}),
			'BX_INVALID_VALUE',
			'A record with the value "External code" equal to "wool" already exists',
		);
		await expectError(
			call('catalog.productProperty.delete', { id: 110 }, 'viewer'),
			'0',
			'Access Denied',
		);
	});

	it('lists the values of one list property', async () => {
		const answer = await call('catalog.productPropertyEnum.list', {
			filter: { propertyId: 113 },
			select: ['id', 'value'],
		});
		expect(answer.body).toMatchObject({
			result: {
				productPropertyEnums: [
					{ id: 1301, value: 'Cotton' },
					{ id: 1302, value: 'Steel' },
					{ id: 1303, value: 'Wool' },
				],
			},
			total: 3,
		});
	});
});

describe('catalog.productPropertyFeature and catalog.productPropertySection', () => {
	it('has a feature per property, and refuses a second of the same kind', async () => {
		const answer = await call('catalog.productPropertyFeature.list', {
			filter: { propertyId: 113 },
		});
		expect(resultOf(answer).productPropertyFeatures).toEqual([
			{
				featureId: 'LIST_PAGE_SHOW',
				id: 5,
				isEnabled: 'Y',
				moduleId: 'iblock',
				propertyId: 113,
			},
			{
				featureId: 'DETAIL_PAGE_SHOW',
				id: 8,
				isEnabled: 'N',
				moduleId: 'iblock',
				propertyId: 113,
			},
		]);
		await expectError(
			call('catalog.productPropertyFeature.add', {
				fields: {
					propertyId: 113,
					moduleId: 'iblock',
					featureId: 'LIST_PAGE_SHOW',
					isEnabled: 'N',
				},
			}),
			'0',
			"Mysql query error: (1062) Duplicate entry '113-iblock-LIST_PAGE_SHOW' for key 'b_iblock_property_feature.ix_iblock_property_feature'",
		);
		const available = resultOf(
			await call('catalog.productPropertyFeature.getAvailableFeaturesByProperty', {
				propertyId: 113,
			}),
		).features as unknown[];
		expect(available).toHaveLength(3);
	});

	it('sets a property’s filter settings and reads them back', async () => {
		const set = resultOf(
			await call('catalog.productPropertySection.set', {
				propertyId: 113,
				fields: { smartFilter: 'Y', displayType: 'F' },
			}),
		).productPropertySection;
		expect(set).toEqual({
			displayExpanded: 'N',
			displayType: 'F',
			filterHint: null,
			iblockId: '23',
			propertyId: '113',
			sectionId: '0',
			smartFilter: 'Y',
		});
		expect(
			resultOf(await call('catalog.productPropertySection.get', { propertyId: 113 }))
				.productPropertySection,
		).toEqual({
			displayExpanded: 'N',
			displayType: 'F',
			filterHint: null,
			propertyId: 113,
			smartFilter: 'Y',
		});
		await expectError(
			call('catalog.productPropertySection.get', { propertyId: 404 }),
			'0',
			'productPropertySection does not exist.',
		);
	});
});

describe('catalog.vat, catalog.ratio, catalog.enum', () => {
	it('wants name and rate on every VAT update', async () => {
		await expectError(
			call('catalog.vat.update', { id: 2, fields: { rate: 12 } }),
			0,
			'Required fields: name',
		);
		const updated = resultOf(
			await call('catalog.vat.update', {
				id: 2,
				fields: { name: 'VAT 12%', rate: 12 },
			}),
		).vat;
		expect(updated).toMatchObject({
			id: 2,
			name: 'VAT 12%',
			rate: 12,
			active: 'Y',
			sort: 200,
		});
	});

	it('reads ratios and the rounding types', async () => {
		expect(resultOf(await call('catalog.ratio.get', { id: 1 })).ratio).toEqual({
			id: 1,
			isDefault: 'Y',
			productId: 101,
			ratio: 1,
		});
		expect(resultOf(await call('catalog.enum.getRoundTypes', {})).enum).toEqual([
			{ id: 1, name: 'Mathematical' },
			{ id: 2, name: 'In Favor of the Store' },
			{ id: 4, name: 'In Favor of the Customer' },
		]);
	});
});
