import { expectErrorReply as expectError, resultOf } from '../testClient';
import { described } from './fieldDescription';
import { useEmulator } from './emulatorUnderTest';

/** catalog.catalog and catalog.section on the catalog demo. */

const { emu, call } = useEmulator({ catalogDemo: true });

describe('catalog.catalog', () => {
	it('gets a catalog, says whether it holds variations, and describes the fields', async () => {
		expect(resultOf(await call('catalog.catalog.get', { id: 25 })).catalog).toEqual({
			id: 25,
			iblockId: 25,
			iblockTypeId: 0,
			lid: 's1',
			name: 'Product catalog (variations)',
			productIblockId: 23,
			skuPropertyId: 97,
			subscription: 'N',
			vatId: null,
			yandexExport: 'N',
		});
		expect((await call('catalog.catalog.isOffers', { id: 25 }, 'viewer')).body).toMatchObject({
			result: true,
		});
		expect(resultOf(await call('catalog.catalog.isOffers', { id: '23' }))).toBe(false);
		expect(resultOf(await call('catalog.catalog.getFields', {})).catalog).toEqual({
			id: described('integer', 'R'),
			iblockId: described('integer', 'IQ'),
			iblockTypeId: described('integer', 'R'),
			lid: described('string', 'R'),
			name: described('string', 'R'),
			productIblockId: described('integer'),
			skuPropertyId: described('integer'),
			subscription: described('char'),
			vatId: described('integer'),
		});
	});

	it.each([
		['catalog.catalog.get', {}, 'admin', 100, 'Could not find value for parameter {id}'],
		['catalog.catalog.get', { id: 99 }, 'admin', 0, 'Catalog is not exists'],
		['catalog.catalog.isOffers', { id: 24 }, 'admin', 0, 'Catalog is not exists'],
		['catalog.catalog.get', { id: 23 }, 'noAccess', 200040300010, 'Access Denied'],
		['catalog.catalog.getFields', {}, 'noAccess', 200040300010, 'Access Denied'],
	])('%s refuses %j for %s', async (method, params, webhook, code, text) => {
		await expectError(call(method, params, webhook), code, text);
	});
});

describe('catalog.section', () => {
	const coffee = {
		id: 11,
		iblockId: 23,
		iblockSectionId: null,
		name: 'Coffee machines',
		xmlId: null,
		code: 'coffee-machines',
		sort: 100,
		active: 'Y',
		description: null,
		descriptionType: 'text',
	};

	it('describes the fields as catalog.section.getFields lists them', async () => {
		expect(resultOf(await call('catalog.section.getFields', {}, 'viewer')).section).toEqual({
			id: described('integer', 'R'),
			iblockId: described('integer', 'Q'),
			iblockSectionId: described('integer'),
			name: described('string', 'Q'),
			xmlId: described('string'),
			code: described('string'),
			sort: described('integer'),
			active: described('char'),
			description: described('string'),
			descriptionType: described('string'),
		});
	});

	it('lists the sections of a catalog under "sections", with the total', async () => {
		const all = await call('catalog.section.list', { filter: { iblockId: 23 } });
		expect(all.body).toEqual({
			result: {
				sections: [
					coffee,
					expect.objectContaining({ id: 12, name: 'Clothing' }),
					expect.objectContaining({ id: 13, iblockSectionId: 12 }),
					expect.objectContaining({ id: 14, description: 'Work done for the customer' }),
				],
			},
			total: 4,
			time: expect.objectContaining({ operating: 0 }),
		});
		const below = await call('catalog.section.list', {
			select: ['id', 'name'],
			filter: { iblockId: 23, iblockSectionId: 12 },
		});
		expect(resultOf(below).sections).toEqual([{ id: 13, name: 'T-shirts' }]);
		const ordered = await call('catalog.section.list', {
			select: ['id'],
			filter: { iblockId: '23', '>sort': 100, '@id': [12] },
			order: { sort: 'desc' },
		});
		// `@` is not an operator of the information block's filter: the key is ignored.
		expect(resultOf(ordered).sections).toEqual([{ id: 14 }, { id: 12 }]);
		expect((await call('catalog.section.list', { filter: { iblockId: 25 } })).body).toMatchObject({
			result: { sections: [] },
			total: 0,
		});
	});

	it.each([
		[{}, 0, 'Required filter fields: iblockId'],
		[{ filter: { '=iblockId': 23 } }, 0, 'Required filter fields: iblockId'],
		[{ filter: { iblockId: 99 } }, 200700300050, 'Iblock is not exists'],
		[
			{ filter: 'iblockId' },
			100,
			'Invalid value {iblockId} to match with parameter {filter}. Should be value of type array.',
		],
	])('list refuses %j', async (params, code, text) => {
		await expectError(call('catalog.section.list', params), code, text);
	});

	it('adds a section with the defaults and answers it under "section"', async () => {
		const answer = await call('catalog.section.add', {
			fields: { iblockId: 23, name: 'Grinders', iblockSectionId: 11, active: 'no', id: 5 },
		});
		expect(answer.body).toEqual({
			result: {
				section: {
					...coffee,
					id: 15,
					iblockSectionId: 11,
					name: 'Grinders',
					code: null,
					sort: 500,
					active: 'N',
				},
			},
			time: expect.any(Object),
		});
		expect(emu.portal.sections.get(15)?.name).toBe('Grinders');
	});

	it.each([
		['no fields', {}, 'admin', 100, 'Could not find value for parameter {fields}'],
		['no name', { fields: { iblockId: 23 } }, 'admin', 0, 'Required fields: name'],
		['nothing', { fields: {} }, 'admin', 0, 'Required fields: iblockId, name'],
		[
			'an unknown catalog',
			{ fields: { iblockId: 9, name: 'A' } },
			'admin',
			200700300050,
			'Iblock is not exists',
		],
		['a viewer', { fields: { iblockId: 23, name: 'A' } }, 'viewer', 200040300040, 'Access Denied'],
		[
			'noAccess',
			{ fields: { iblockId: 23, name: 'A' } },
			'noAccess',
			200040300010,
			'Access Denied',
		],
		[
			'a taken code',
			{ fields: { iblockId: 23, name: 'A', code: 'clothing' } },
			'admin',
			200700300040,
			'Duplicate entry for key [code]',
		],
		[
			'an empty name',
			{ fields: { iblockId: 23, name: '' } },
			'admin',
			200700300000,
			'Section name is not specified.<br>',
		],
		[
			'an unknown parent',
			{ fields: { iblockId: 23, name: 'A', iblockSectionId: 999 } },
			'admin',
			200700300050,
			'Iblock is not exists',
		],
	])('add refuses %s', async (_, params, webhook, code, text) => {
		await expectError(call('catalog.section.add', params, webhook), code, text);
		expect(emu.portal.sections.get(15)).toBeUndefined();
	});

	it('refuses a parent from another catalog', async () => {
		await call('catalog.section.add', { fields: { iblockId: 25, name: 'Sizes' } });
		await expectError(
			call('catalog.section.add', { fields: { iblockId: 23, name: 'A', iblockSectionId: 15 } }),
			200700300000,
			'Section block code does not match that of the parent section!<br>',
		);
	});

	it('updates a section: iblockId and name are required, the catalog stays', async () => {
		const answer = await call('catalog.section.update', {
			id: 13,
			fields: { iblockId: 25, name: 'Tees', descriptionType: 'html', sort: '50' },
		});
		expect(resultOf(answer).section).toMatchObject({
			id: 13,
			iblockId: 23,
			name: 'Tees',
			descriptionType: 'html',
			sort: 50,
		});
		await expectError(
			call('catalog.section.update', { id: 13, fields: { iblockId: 23 } }),
			0,
			'Required fields: name',
		);
		await expectError(
			call('catalog.section.update', {
				id: 12,
				fields: { iblockId: 23, name: 'C', iblockSectionId: 13 },
			}),
			200700300010,
			'Cannot move the section inside itself.<br>',
		);
		await expectError(
			call('catalog.section.update', { id: 99, fields: { iblockId: 23, name: 'C' } }),
			200700300030,
			'Section is not exists',
		);
	});

	it('gets a section, and refuses an unknown one', async () => {
		expect(resultOf(await call('catalog.section.get', { id: '11' }, 'viewer')).section).toEqual(
			coffee,
		);
		await expectError(
			call('catalog.section.get', { id: 99 }),
			200700300030,
			'Section is not exists',
		);
		await expectError(
			call('catalog.section.get', {}),
			100,
			'Could not find value for parameter {id}',
		);
	});

	it('deletes a section with the sections below it and the products filed in them', async () => {
		await expectError(
			call('catalog.section.delete', { id: 12 }, 'viewer'),
			200040300050,
			'Access Denied',
		);
		expect((await call('catalog.section.delete', { id: 12 })).body).toMatchObject({ result: true });
		expect(emu.portal.sections.inCatalog(23).map(({ id }) => id)).toEqual([11, 14]);
		// The hoodie and the tote bag were filed under Clothing.
		expect(emu.portal.product(403)).toBeUndefined();
		expect(emu.portal.product(408)).toBeUndefined();
		expect(emu.portal.product(401)).toBeDefined();
		await expectError(
			call('catalog.section.delete', { id: 13 }),
			200700300030,
			'Section is not exists',
		);
	});
});
