import { onePixelPng } from '../png';
import { expectErrorReply, type Reply, resultOf } from '../testClient';
import { useEmulator } from './emulatorUnderTest';

/** Stores, stock and inventory documents as the catalog's store pages describe them. */

const { emu, call } = useEmulator();

beforeEach(() => {
	emu.portal.inventoryManagement = true;
});

const expectError = expectErrorReply;

type Rows = Array<Record<string, unknown>>;

/** The rows of a list answer under `key`. */
function rows(answer: Reply, key: string): Rows {
	return resultOf(answer)[key] as Rows;
}

async function stock(productId: number) {
	const answer = await call('catalog.storeproduct.list', {
		select: ['storeId', 'amount'],
		filter: { productId },
	});
	return rows(answer, 'storeProducts');
}

/** A document of `docType` with one item, as a draft. */
async function draft(docType: string, item: Record<string, unknown>) {
	const fields = { docType, currency: 'USD', responsibleId: 1, title: `${docType} doc` };
	const { document } = resultOf(await call('catalog.document.add', { fields })) as {
		document: { id: number };
	};
	await call('catalog.document.element.add', { fields: { docId: document.id, ...item } });
	return document.id;
}

describe('catalog.store and catalog.storeproduct', () => {
	it('adds a store that needs an address, and the stock reads what the stores hold', async () => {
		await expectError(
			call('catalog.store.add', { fields: { title: 'No address' } }),
			0,
			'Required fields: address',
		);
		const { store } = resultOf(
			await call('catalog.store.add', { fields: { title: 'Annex', address: '1 Side St.' } }),
		);
		expect(store).toMatchObject({ id: 3, title: 'Annex', active: 'Y', userId: 1 });
		expect(await stock(101)).toEqual([
			{ storeId: 1, amount: 54 },
			{ storeId: 2, amount: 3 },
		]);
		expect(resultOf(await call('catalog.storeproduct.get', { id: 1 })).storeProduct).toEqual({
			amount: 54,
			id: 1,
			productId: 101,
			quantityReserved: null,
			storeId: 1,
		});
		const methods = await call('catalog.storeproduct.add', { fields: {} });
		expect(methods.status).toBe(404);
	});

	it('keeps a store image sent as fileData, stamps its own dates and stores an empty xmlId as null', async () => {
		const png = onePixelPng(1, 2, 3);
		const before = Date.now() - 1000;
		const added = await call('catalog.store.add', {
			fields: {
				address: 'Main St. 52',
				xmlId: '',
				dateCreate: '2024-10-21T10:00:00',
				dateModify: '2024-10-21T10:00:00',
				imageId: { fileData: ['store.png', png.toString('base64')] },
			},
		});
		const store = resultOf(added).store as Record<string, unknown>;
		const image = store.imageId as { id: number; url: string };
		expect(image).toEqual({
			id: expect.any(Number),
			url: expect.stringMatching(/^\/upload\/.*store\.png$/),
		});
		expect(store.xmlId).toBeNull();
		for (const stamp of [store.dateCreate, store.dateModify])
			expect(Date.parse(stamp as string)).toBeGreaterThanOrEqual(before);
		const served = await fetch(emu.baseUrl + image.url);
		expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
	});
});

describe('catalog.document', () => {
	it('conducts a seeded document before any call read its goods, and reset() keeps them', async () => {
		// A store's delete reads the documents' goods first: the table opens with its seed all the same.
		await call('catalog.store.delete', { id: 2 });
		const conducted = await call('catalog.document.conduct', { id: 1 });
		expect([conducted.status, resultOf(conducted)]).toEqual([200, true]);

		emu.reset();
		emu.portal.inventoryManagement = true;
		const again = await call('catalog.document.conduct', { id: 1 });
		expect([again.status, resultOf(again)]).toEqual([200, true]);
		expect(emu.portal.records.of('catalog.document.element').all()).toHaveLength(2);
	});

	it('conducting a receipt adds to the store, cancelling it takes it back', async () => {
		const id = await draft('A', { elementId: 101, storeTo: 2, amount: 10, purchasingPrice: 200 });
		expect(resultOf(await call('catalog.document.conduct', { id }))).toBe(true);
		expect(await stock(101)).toEqual([
			{ storeId: 1, amount: 54 },
			{ storeId: 2, amount: 13 },
		]);
		expect(emu.portal.product(101)?.fields?.quantity).toBe(67);
		const [listed] = rows(
			await call('catalog.document.list', { select: ['id', 'status'], filter: { id } }),
			'documents',
		);
		expect(listed).toEqual({ id, status: 'Y' });
		await expectError(
			call('catalog.document.element.add', { fields: { docId: id, elementId: 101 } }),
			'ERROR_DOCUMENT_STATUS',
			'Conducted document',
		);
		expect(resultOf(await call('catalog.document.cancel', { id }))).toBe(true);
		expect((await stock(101))[1]).toEqual({ storeId: 2, amount: 3 });
	});

	it('refuses a write-off past the stock and changes nothing', async () => {
		const id = await draft('D', { elementId: 101, storeFrom: 2, amount: 4 });
		await expectError(
			call('catalog.document.conduct', { id }),
			'0',
			'Document conducting error: Insufficient quantity of goods #101 (Espresso machine) in the warehouse "Shop floor"',
		);
		expect((await stock(101))[1]).toEqual({ storeId: 2, amount: 3 });
	});

	it('refuses to conduct while inventory management is off', async () => {
		const id = await draft('A', { elementId: 101, storeTo: 1, amount: 1 });
		emu.portal.inventoryManagement = false;
		expect(resultOf(await call('catalog.document.mode.status', {}))).toBe('N');
		await expectError(
			call('catalog.document.conduct', { id }),
			'0',
			'Warehouse accounting must be enabled to conduct the document',
		);
	});

	it('conductList keeps the documents that went through and answers the first refusal', async () => {
		const good = await draft('A', { elementId: 101, storeTo: 1, amount: 1 });
		const bad = await draft('D', { elementId: 101, storeFrom: 2, amount: 99 });
		await expectError(
			call('catalog.document.conductList', { documentIds: [good, bad] }),
			'0',
			'An error occurred while conducting the document "D doc": Insufficient quantity of goods #101 (Espresso machine) in the warehouse "Shop floor"',
		);
		const statuses = resultOf(
			await call('catalog.document.list', {
				select: ['id', 'status'],
				filter: { id: [good, bad] },
			}),
		).documents;
		expect(statuses).toEqual([
			{ id: good, status: 'Y' },
			{ id: bad, status: 'N' },
		]);
		await expectError(
			call('catalog.document.deleteList', { documentIds: [bad, good] }),
			'0',
			'You cannot delete document "A doc" as it is processed',
		);
		const left = rows(await call('catalog.document.list', { select: ['id'] }), 'documents');
		expect(left.map((row) => row.id)).toEqual([1, 2, good]);
	});

	it('lists the document types, and user field values per document', async () => {
		expect(resultOf(await call('catalog.enum.getStoreDocumentTypes', {})).enum).toHaveLength(5);
		const updated = await call('catalog.userfield.document.update', {
			documentId: 1,
			fields: { documentType: 'A', field7: 'Pallet 4' },
		});
		expect(resultOf(updated).document).toEqual({
			documentId: 1,
			documentType: 'A',
			field7: 'Pallet 4',
		});
		await expectError(
			call('catalog.userfield.document.list', { select: ['documentId'], filter: {} }),
			'0',
			'The documentType field is not specified in the select parameter',
		);
	});
});

describe('inventory management and products', () => {
	it('refuses quantity and purchasing price on a product while it is on', async () => {
		await expectError(
			call('catalog.product.update', { id: 101, fields: { quantity: 5, purchasingPrice: 10 } }),
			0,
			'Not editable when inventory accounting is enabled: quantity, purchasingPrice',
		);
		emu.portal.inventoryManagement = false;
		expect(
			(await call('catalog.product.update', { id: 101, fields: { quantity: 5 } })).status,
		).toBe(200);
	});
});
