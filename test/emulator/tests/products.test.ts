import { Bitrix24Emulator } from '../index';
import { onePixelPng } from '../png';
import { expectErrorReply, postJson, type Reply, resultOf } from '../testClient';

/** catalog.catalog, catalog.section and the product groups, on the catalog demo. */

let emu: Bitrix24Emulator;
const url = (method: string, webhook = 'admin') => emu.webhookUrl(webhook) + method;
const call = (method: string, params: object, webhook = 'admin') =>
	postJson(url(method, webhook), params);

beforeAll(async () => {
	emu = await Bitrix24Emulator.start({ catalogDemo: true });
});

afterAll(() => emu.stop());

beforeEach(() => emu.reset());

const described = (type: string, flags = '', name?: string) => ({
	isImmutable: flags.includes('I'),
	isReadOnly: flags.includes('R'),
	isRequired: flags.includes('Q'),
	...(name === undefined ? {} : { name }),
	type,
});

const expectError = expectErrorReply;

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

describe('the product groups', () => {
	// The REST view converts each key from camelCase (`>id` to `>ID`, `ID` to `I_D`) and drops
	// those naming no field (rest/lib/integration/view/base.php, internalizeFilterFields): typos
	// and upper-case keys are dropped, not refused.
	it('drops unknown and upper-case keys of fields, filter and order without an error', async () => {
		const list = (filter: object, order: object = {}) =>
			call('catalog.product.list', { select: ['id', 'iblockId'], filter, order });
		const plain = await list({ iblockId: 23 });
		const upper = await list({ iblockId: 23, '>ID': 240, nmae: 'Kettle' }, { ID: 'desc' });
		expect(upper.status).toBe(200);
		expect(upper.body).toEqual({ ...(plain.body as object), time: expect.anything() });
		expect((resultOf(upper).products as Array<{ id: number }>)[0].id).toBe(101);

		const added = await call('catalog.product.add', {
			fields: { iblockId: 23, name: 'Kettle', colour: 'red', NAME: 'Other' },
		});
		expect(added.status).toBe(200);
		const element = resultOf(added).element as Record<string, unknown>;
		expect(element.name).toBe('Kettle');
		expect(Object.keys(element)).not.toEqual(expect.arrayContaining(['colour']));
		expect(Object.keys(element)).not.toEqual(expect.arrayContaining(['NAME']));
	});

	it('stores empty texts as null and gives an element added without an external code its id', async () => {
		const added = await call('catalog.product.add', {
			fields: {
				iblockId: 23,
				name: 'Kettle',
				detailText: '',
				previewText: '',
				xmlId: '',
				purchasingPrice: 1000,
				purchasingCurrency: 'EUR',
			},
		});
		const element = resultOf(added).element as Record<string, unknown>;
		expect(element).toMatchObject({
			detailText: null,
			previewText: null,
			xmlId: String(element.id),
			purchasingPrice: '1000.000000',
		});
		const listed = await call('catalog.product.list', {
			select: ['id', 'iblockId', 'purchasingPrice', 'xmlId'],
			filter: { iblockId: 23, id: element.id },
		});
		expect(resultOf(listed).products).toEqual([
			{ id: element.id, iblockId: 23, purchasingPrice: 1000, xmlId: String(element.id) },
		]);
	});

	const groups = [
		// group, catalog, an id it reads, what get and list answer under, what add and update answer under
		['catalog.product', 23, 401, 'product', 'products', 'element'],
		['catalog.product.sku', 23, 403, 'sku', 'units', 'sku'],
		['catalog.product.offer', 25, 404, 'offer', 'offers', 'offer'],
		['catalog.product.service', 23, 407, 'service', 'services', 'service'],
	] as const;

	it.each(groups)(
		'%s answers under its own keys',
		async (group, iblockId, id, item, list, saved) => {
			expect(Object.keys(resultOf(await call(`${group}.get`, { id })))).toEqual([item]);
			const listed = await call(`${group}.list`, {
				select: ['id', 'iblockId'],
				filter: { iblockId },
			});
			expect(Object.keys(resultOf(listed))).toEqual([list]);
			const added = await call(`${group}.add`, { fields: { iblockId, name: 'New one' } });
			expect(Object.keys(resultOf(added))).toEqual([saved]);
			const updated = await call(`${group}.update`, { id, fields: { name: 'Renamed' } });
			expect(Object.keys(resultOf(updated))).toEqual([saved]);
			expect(resultOf(updated)[saved]).toMatchObject({ id, name: 'Renamed' });
			expect(
				Object.keys(resultOf(await call(`${group}.getFieldsByFilter`, { filter: { iblockId } }))),
			).toEqual([item]);
			expect((await call(`${group}.delete`, { id })).body).toMatchObject({ result: true });
			expect(emu.portal.product(id)).toBeUndefined();
		},
	);

	it.each([
		['catalog.product', 1],
		['catalog.product.sku', 6],
		['catalog.product.offer', 5],
		['catalog.product.service', 7],
	])(
		'%s.add gives type %i (a variation without a parent is 5, a new parent 6)',
		async (group, type) => {
			const iblockId = group.endsWith('offer') ? 25 : 23;
			const answer = await call(`${group}.add`, { fields: { iblockId, name: 'New', type: 3 } });
			expect(Object.values(resultOf(answer))[0]).toMatchObject({
				id: 107,
				type,
				iblockId,
				name: 'New',
			});
		},
	);

	it('adds a product with its fields, cast as the getFields page types them, and fires ON.ADD', async () => {
		emu.events.addOutgoingWebhook('http://127.0.0.1:9/closed', ['CATALOG.PRODUCT.ON.ADD']);
		const answer = await call('catalog.product.add', {
			fields: {
				iblockId: '23',
				name: 'Kettle',
				active: 'N',
				code: 'kettle',
				sort: '20',
				quantity: '7.5',
				purchasingPrice: 39,
				purchasingCurrency: 'EUR',
				iblockSectionId: 11,
				dateActiveFrom: '2025-01-02T03:04:05+02:00',
				available: 'N',
				bogus: 1,
				property110: 'Bosch',
				property111: ['red', { value: 'blue' }],
				property112: { value: 12 },
			},
		});
		expect(answer.status).toBe(200);
		expect(resultOf(answer).element).toMatchObject({
			id: 107,
			iblockId: 23,
			name: 'Kettle',
			active: 'N',
			available: 'Y',
			code: 'kettle',
			sort: 20,
			quantity: 7.5,
			// The decimal column as the database prints it, as the add page's example shows.
			purchasingPrice: '39.000000',
			purchasingCurrency: 'EUR',
			iblockSectionId: 11,
			dateActiveFrom: '2025-01-02T01:04:05+00:00',
			createdBy: 1,
			xmlId: '107',
			type: 1,
			property110: { value: 'Bosch', valueId: expect.stringMatching(/^\d+$/) },
			property111: [
				{ value: 'red', valueId: expect.any(String) },
				{ value: 'blue', valueId: expect.any(String) },
			],
			property112: { value: '12', valueId: expect.any(String) },
			property113: null,
		});
		expect(resultOf(answer).element).not.toHaveProperty('bogus');
		await emu.events.settled();
		expect(emu.events.deliveries).toMatchObject([{ event: 'CATALOG.PRODUCT.ON.ADD' }]);
	});

	it.each([
		[
			'no fields',
			'catalog.product.add',
			{},
			'admin',
			100,
			'Could not find value for parameter {fields}',
		],
		[
			'nothing',
			'catalog.product.add',
			{ fields: {} },
			'admin',
			0,
			'Required fields: name, iblockId',
		],
		[
			'no name',
			'catalog.product.add',
			{ fields: { iblockId: 23 } },
			'admin',
			0,
			'Required fields: name',
		],
		[
			'an unknown catalog',
			'catalog.product.add',
			{ fields: { iblockId: 99, name: 'A' } },
			'admin',
			200040300000,
			'Iblock Not Found',
		],
		[
			'noAccess',
			'catalog.product.add',
			{ fields: { iblockId: 23, name: 'A' } },
			'noAccess',
			200040300010,
			'Access Denied',
		],
		[
			'a viewer',
			'catalog.product.add',
			{ fields: { iblockId: 23, name: 'A' } },
			'viewer',
			200040300043,
			'Access Denied',
		],
		[
			'a section of no catalog of its own',
			'catalog.product.add',
			{ fields: { iblockId: 23, name: 'A', iblockSectionId: 99 } },
			'admin',
			200040300050,
			'Access Denied',
		],
		[
			'an unknown user',
			'catalog.product.add',
			{ fields: { iblockId: 23, name: 'A', createdBy: 404 } },
			'admin',
			0,
			'User createdBy is not exists',
		],
		[
			'an unknown currency',
			'catalog.product.add',
			{ fields: { iblockId: 23, name: 'A', purchasingCurrency: 'XYZ' } },
			'admin',
			0,
			'Currency purchasingCurrency is not exists',
		],
		[
			'a parent in the variations catalog',
			'catalog.product.sku.add',
			{ fields: { iblockId: 25, name: 'A' } },
			'admin',
			0,
			'productType is not allowed for this catalog',
		],
		[
			'a variation in the product catalog',
			'catalog.product.offer.add',
			{ fields: { iblockId: 23, name: 'A' } },
			'admin',
			0,
			'productType is not allowed for this catalog',
		],
		// The typed groups check the catalog first, before the caller's rights and the required fields.
		[
			'a service without a catalog',
			'catalog.product.service.add',
			{ fields: { name: 'A' } },
			'noAccess',
			0,
			'iblock is not catalog',
		],
	])('add refuses %s', async (_, method, params, webhook, code, text) => {
		await expectError(call(method, params, webhook), code, text);
		expect(emu.portal.product(107)).toBeUndefined();
	});

	it.each([
		['catalog.product.sku', 401, 'The parent product does not exist'],
		['catalog.product.offer', 403, 'The product variation does not exist'],
		['catalog.product.service', 404, 'The service does not exist'],
		['catalog.product', 999, 'product does not exist.'],
	])(
		'%s refuses product %i of another kind for get, update, delete and download',
		async (group, id, text) => {
			await expectError(call(`${group}.get`, { id }), 0, text);
			await expectError(call(`${group}.update`, { id, fields: { name: 'X' } }), 0, text);
			await expectError(call(`${group}.delete`, { id }), 0, text);
			await expectError(
				call(`${group}.download`, {
					fields: { fieldName: 'detailPicture', fileId: 1, productId: id },
				}),
				0,
				text,
			);
			expect(emu.portal.product(id)?.name).not.toBe('X');
		},
	);

	it('updates only what is given, fires ON.UPDATE, and keeps the catalog', async () => {
		const answer = await call('catalog.product.update', {
			id: 401,
			fields: { active: 'N', iblockId: '23', quantity: 3, type: 7, id: 5 },
		});
		expect(resultOf(answer).element).toMatchObject({
			id: 401,
			active: 'N',
			quantity: 3,
			type: 1,
			name: 'Coffee grinder',
			code: 'coffee-grinder',
			modifiedBy: 1,
		});
		expect(emu.portal.product(401)?.fields?.timestampX).not.toBe('2024-10-02T09:00:00+00:00');
	});

	it('refuses a catalog given as a number on update: the portal compares it with its text strictly', async () => {
		await expectError(
			call('catalog.product.update', { id: 401, fields: { iblockId: 23, name: 'X' } }),
			0,
			'Product - 401 is not exists in catalog - 23',
		);
		await expectError(
			call('catalog.product.sku.update', { id: 403, fields: { iblockId: '25' } }),
			0,
			'Product - 403 is not exists in catalog - 25',
		);
		expect(emu.portal.product(401)?.name).toBe('Coffee grinder');
	});

	it.each([
		['update', { id: 401, fields: { name: 'X' } }, 200040300043],
		['delete', { id: 401 }, 200040300040],
	])('%s needs the right to modify the catalog', async (operation, params, code) => {
		await expectError(
			call(`catalog.product.${operation}`, params, 'viewer'),
			code,
			'Access Denied',
		);
		await expectError(
			call(`catalog.product.${operation}`, params, 'noAccess'),
			200040300010,
			'Access Denied',
		);
		expect(emu.portal.product(401)?.name).toBe('Coffee grinder');
	});

	it('update binds fields as an array', async () => {
		await expectError(
			call('catalog.product.update', { id: 401, fields: 'name' }),
			100,
			'Invalid value {name} to match with parameter {fields}. Should be value of type array.',
		);
		await expectError(
			call('catalog.product.update', { fields: {} }),
			100,
			'Could not find value for parameter {id}',
		);
	});
});

describe('property values', () => {
	const properties = async (id: number) => {
		const product = resultOf(await call('catalog.product.get', { id })).product as Record<
			string,
			unknown
		>;
		return Object.fromEntries(
			Object.entries(product).filter(([name]) => name.startsWith('property')),
		);
	};
	const update = (fields: object) => call('catalog.product.update', { id: 401, fields });

	it('shows each property of the catalog: {value, valueId}, a list when multiple, null when empty', async () => {
		expect(await properties(401)).toEqual({
			property110: { value: 'Baratza', valueId: '601' },
			property111: [
				{ value: 'black', valueId: '602' },
				{ value: 'white', valueId: '603' },
			],
			property112: { value: '24', valueId: '604' },
			property113: { value: '1302', valueId: '605' },
		});
		expect(await properties(402)).toEqual({
			property110: { value: 'Aeroccino', valueId: '606' },
			property111: null,
			property112: null,
			property113: null,
		});
	});

	it('keeps a single value with its valueId, and replaces it without one', async () => {
		await update({ property110: { valueId: 601, value: 'Comandante' } });
		expect((await properties(401)).property110).toEqual({ value: 'Comandante', valueId: '601' });
		await update({ property110: { value: 'Timemore' } });
		expect((await properties(401)).property110).toEqual({
			value: 'Timemore',
			valueId: expect.not.stringMatching(/^601$/),
		});
	});

	it('deletes the values of a multiple property that are sent without their valueId', async () => {
		await update({ property111: [{ valueId: '603', value: 'white' }, { value: 'silver' }] });
		const { property111 } = await properties(401);
		expect(property111).toEqual([
			{ value: 'white', valueId: '603' },
			{ value: 'silver', valueId: expect.any(String) },
		]);
		expect((property111 as Array<{ valueId: string }>)[1].valueId).not.toMatch(/^60[23]$/);
	});

	it('ignores a multiple property given one value instead of a list', async () => {
		await update({ property111: { value: 'gold' } });
		expect((await properties(401)).property111).toHaveLength(2);
	});

	it('sent bare on update, keeps a text property and clears a number property, still answering success', async () => {
		const answer = await update({ property110: 'Bare', property112: 36 });
		expect(answer.status).toBe(200);
		expect(await properties(401)).toMatchObject({
			property110: { value: 'Baratza', valueId: '601' },
			property112: null,
		});
	});

	it('clears a value sent empty, and leaves properties not sent alone', async () => {
		await update({ property113: { valueId: 605, value: '' } });
		expect(await properties(401)).toMatchObject({
			property110: { value: 'Baratza', valueId: '601' },
			property113: null,
		});
	});
});

describe('variations and their parents', () => {
	it('answers the parent link as parentId, and a variation without one is type 5', async () => {
		expect(resultOf(await call('catalog.product.offer.get', { id: 103 })).offer).toMatchObject({
			type: 4,
			parentId: { value: '102', valueId: '501' },
		});
		expect(resultOf(await call('catalog.product.offer.get', { id: 106 })).offer).toMatchObject({
			type: 5,
			parentId: null,
		});
	});

	it('links a new variation to a parent, whose type follows: 6 becomes 3 and back', async () => {
		const added = await call('catalog.product.offer.add', {
			fields: { iblockId: 25, name: 'Tote bag, red', parentId: 408, property120: 'S' },
		});
		expect(resultOf(added).offer).toMatchObject({
			id: 107,
			type: 4,
			parentId: { value: '408', valueId: expect.any(String) },
			property120: { value: 'S', valueId: expect.any(String) },
		});
		expect(emu.portal.product(408)?.type).toBe(3);
		expect(
			resultOf(
				await call('catalog.product.offer.list', {
					select: ['id', 'iblockId'],
					filter: { iblockId: 25, parentId: 408 },
				}),
			).offers,
		).toEqual([{ id: 107, iblockId: 25 }]);
		await call('catalog.product.offer.delete', { id: 107 });
		expect(emu.portal.product(408)?.type).toBe(6);
	});

	it('moves a variation to another parent', async () => {
		await call('catalog.product.offer.update', { id: 406, fields: { parentId: { value: 408 } } });
		expect(emu.portal.product(408)?.type).toBe(3);
		expect(emu.portal.product(403)?.type).toBe(3);
		await call('catalog.product.offer.update', { id: 404, fields: { parentId: { value: '' } } });
		await call('catalog.product.offer.update', { id: 405, fields: { parentId: { value: '' } } });
		expect(emu.portal.product(403)?.type).toBe(6);
		expect(emu.portal.product(404)?.type).toBe(5);
	});
});

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

describe('paging', () => {
	const KEYS = ['id', 'iblockId'];
	let ids: { firstId: number; lastId: number };
	beforeEach(() => {
		// 1,000 plain products after the demo's: catalog 23 holds 129 + 1,000.
		ids = emu.portal.seedProducts({ count: 1000, name: (n) => `Bulk ${n}` });
	});
	const page = (params: object) =>
		call('catalog.product.list', { select: KEYS, filter: { iblockId: 23 }, ...params });
	const idsOf = (answer: Reply) =>
		(resultOf(answer).products as Array<{ id: number }>).map(({ id }) => id);
	const catalog23 = () => emu.portal.productsIn(23).map(({ id }) => id);

	it('seeds products in bulk after every id, and reset() removes them', () => {
		expect(ids).toEqual({ firstId: 409, lastId: 1408 });
		expect(emu.portal.product(1408)).toEqual({
			id: 1408,
			iblockId: 23,
			name: 'Bulk 1000',
			type: 1,
			active: 'Y',
		});
		emu.reset();
		expect(emu.portal.product(409)).toBeUndefined();
		expect(emu.portal.productsIn(23)).toHaveLength(129);
	});

	it('answers start -1 with the first 50 rows and neither total nor next', async () => {
		const answer = await page({ start: -1 });
		expect(Object.keys(answer.body as object)).toEqual(['result', 'time']);
		expect(idsOf(answer)).toEqual(catalog23().slice(0, 50));
	});

	it.each([
		[70, 50, 100],
		['149', 100, 150],
		[49, 0, 50],
		[-5, 0, 50],
		['abc', 0, 50],
	])(
		'rounds start %j down to its page (%i), with next %i and the total',
		async (start, offset, next) => {
			const answer = await page({ start });
			expect(answer.body).toMatchObject({ next, total: 1129 });
			expect(idsOf(answer)).toEqual(catalog23().slice(offset, offset + 50));
		},
	);

	it('answers the first page again, with the total and no next, for a start past the end', async () => {
		const answer = await page({ start: 1150 });
		expect(Object.keys(answer.body as object)).toEqual(['result', 'total', 'time']);
		expect(answer.body).toMatchObject({ total: 1129 });
		expect(idsOf(answer)).toEqual(catalog23().slice(0, 50));
		const last = await page({ start: 1100 });
		expect(idsOf(last)).toEqual(catalog23().slice(1100));
		expect(Object.keys(last.body as object)).toEqual(['result', 'total', 'time']);
	});

	it('reads all rows 50 at a time with >id, order by id and start -1', async () => {
		const read: number[] = [];
		let requests = 0;
		for (let last = 0, size = 50; size === 50; requests++) {
			const answer = await page({
				filter: { iblockId: 23, '>id': last },
				order: { id: 'asc' },
				start: -1,
			});
			const got = idsOf(answer);
			expect(answer.body).not.toHaveProperty('total');
			read.push(...got);
			size = got.length;
			last = got.at(-1) ?? last;
		}
		expect(read).toEqual(catalog23());
		expect(requests).toBe(23);
	});

	it('chains pages in one batch through $result references', async () => {
		const command = (after: string) =>
			`catalog.product.list?select[]=id&select[]=iblockId&filter[iblockId]=23&filter[%3Eid]=${after}&order[id]=asc&start=-1`;
		const answer = await call('batch', {
			halt: 1,
			cmd: {
				p0: command('0'),
				p1: command('$result[p0][products][49][id]'),
				p2: command('$result[p1][products][49][id]'),
			},
		});
		const { result, result_error, result_total, result_next } = resultOf(answer) as Record<
			string,
			Record<string, { products: Array<{ id: number }> }>
		>;
		expect(result_error).toEqual([]);
		expect(result_total).toEqual([]);
		expect(result_next).toEqual([]);
		const chained = ['p0', 'p1', 'p2'].flatMap((key) => result[key].products.map(({ id }) => id));
		expect(chained).toEqual(catalog23().slice(0, 150));
	});

	it('pages a large catalog cheaply by id: 100,000 products seed and read fast', async () => {
		const { lastId } = emu.portal.seedProducts({ count: 100_000 });
		const started = Date.now();
		const answer = await page({ filter: { iblockId: 23, '>=id': lastId - 9 }, start: -1 });
		expect(idsOf(answer)).toHaveLength(10);
		const counted = await page({ start: 0 });
		expect(counted.body).toMatchObject({ next: 50, total: 101_129 });
		// Generous: the read by id skips the rows before it; counting reads them all once.
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it.each([
		['@id: not an operator of the catalog filter, so ignored', { '@id': [101, 102] }, 1129],
		['!@id: ignored too', { '!@id': [101] }, 1129],
		['an array after = is "in"', { '=id': [101, 102] }, 2],
		['an array without a prefix is "in"', { id: ['101', 102] }, 2],
		['an array after ! is "not in"', { '!id': [101, 102], '<id': 200 }, 2],
		['!= is "not in" as well', { '!=id': [101], '<id': 200 }, 3],
	])('filters by %s', async (_, filter, total) => {
		const answer = await page({ filter: { iblockId: 23, '<id': 2000, ...filter } });
		expect(answer.body).toMatchObject({ total });
	});

	it('filters and orders by property values; any value of a multiple property matches', async () => {
		const found = await page({ filter: { iblockId: 23, property111: 'WHITE' } });
		expect(idsOf(found)).toEqual([401]);
		const brands = await page({
			select: ['id', 'iblockId', 'property110'],
			filter: { iblockId: 23, '%property110': 'a' },
			order: { property110: 'desc' },
		});
		expect(resultOf(brands).products).toEqual([
			{ id: 403, iblockId: 23, property110: { value: 'North Wear', valueId: '607' } },
			{ id: 401, iblockId: 23, property110: { value: 'Baratza', valueId: '601' } },
			{ id: 402, iblockId: 23, property110: { value: 'Aeroccino', valueId: '606' } },
		]);
	});

	it('lets the typed groups read only their types, narrowed by a type they read', async () => {
		const services = await call('catalog.product.service.list', {
			select: KEYS,
			filter: { iblockId: 23 },
		});
		expect(resultOf(services).services).toEqual([
			{ id: 104, iblockId: 23 },
			{ id: 407, iblockId: 23 },
		]);
		const empty = await call('catalog.product.sku.list', {
			select: KEYS,
			filter: { iblockId: 23, type: 6 },
		});
		expect(resultOf(empty).units).toEqual([
			{ id: 105, iblockId: 23 },
			{ id: 408, iblockId: 23 },
		]);
		const other = await call('catalog.product.sku.list', {
			select: KEYS,
			filter: { iblockId: 23, type: 1 },
		});
		expect((resultOf(other).units as unknown[]).length).toBe(4);
		await expectError(
			call('catalog.product.offer.list', { select: KEYS, filter: { iblockId: 23 } }),
			0,
			'productType is not allowed for this catalog',
		);
	});

	it('pages the sections and the catalogs the same way', async () => {
		const sections = await call('catalog.section.list', { filter: { iblockId: 23 }, start: -1 });
		expect(Object.keys(sections.body as object)).toEqual(['result', 'time']);
		const catalogs = await call('catalog.catalog.list', { select: ['id'], start: 60 });
		expect(catalogs.body).toMatchObject({
			result: { catalogs: [{ id: 23 }, { id: 25 }] },
			total: 2,
		});
		expect(catalogs.body).not.toHaveProperty('next');
	});
});
