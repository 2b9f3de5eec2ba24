import { expectErrorReply as expectError, resultOf } from '../testClient';
import { useEmulator } from './emulatorUnderTest';

/** The product groups of every kind, their property values, variations and their parents, on the catalog demo. */

const { emu, call } = useEmulator({ catalogDemo: true });

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

	it('links a variation to a simple product, which becomes a parent product', async () => {
		expect(emu.portal.product(402)?.type).toBe(1);
		const added = await call('catalog.product.offer.add', {
			fields: { iblockId: 25, name: 'Milk frother, white', parentId: 402 },
		});
		expect(resultOf(added).offer).toMatchObject({ type: 4, parentId: { value: '402' } });
		expect(emu.portal.product(402)?.type).toBe(3);
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
