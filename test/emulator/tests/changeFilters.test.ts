import { resultOf } from '../testClient';
import { useEmulator } from './emulatorUnderTest';

/**
 * The list filters a poller of changes relies on: modification times compared as moments
 * (`>=dateModify`, `>=timestampX`, whatever offset the value is written in), newest first by a
 * time, and `@` ("in") on the stock's stores.
 */

const { emu, call } = useEmulator();

type Rows = Array<Record<string, unknown>>;

async function list(method: string, key: string, params: object): Promise<Rows> {
	return resultOf(await call(method, params))[key] as Rows;
}

describe('date-time filters and order', () => {
	it('compares `>=dateModify` as a moment, written in any offset', async () => {
		const { document } = resultOf(
			await call('catalog.document.add', {
				fields: { docType: 'D', currency: 'USD', responsibleId: 1 },
			}),
		) as { document: { id: number; dateModify: string } };
		const modified = Date.parse(document.dateModify);
		// The same moment in Moscow time: later as text than the UTC stamps, equal as a moment.
		const moscow = new Date(modified + 3 * 3600_000).toISOString().slice(0, 19) + '+03:00';
		const byMoment = await list('catalog.document.list', 'documents', {
			select: ['id'],
			filter: { '>=dateModify': moscow },
		});
		expect(byMoment).toEqual([{ id: document.id }]);
		// One second later, in the portal's own offset: nothing.
		const after = new Date(modified + 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
		expect(
			await list('catalog.document.list', 'documents', {
				select: ['id'],
				filter: { '>=dateModify': after },
			}),
		).toEqual([]);
		// Before it, written with a western offset, which sorts after it as text: both documents
		// of the demo portal (made earlier) stay out, the new one is in.
		const western =
			new Date(modified - 3600_000 - 5 * 3600_000).toISOString().slice(0, 19) + '-05:00';
		expect(
			await list('catalog.document.list', 'documents', {
				select: ['id'],
				filter: { '>dateModify': western },
			}),
		).toEqual([{ id: document.id }]);
	});

	it('orders by a modification time, newest first', async () => {
		emu.portal.updateProduct(104, { name: 'Edited' });
		const [newest] = await list('catalog.product.list', 'products', {
			select: ['id', 'iblockId', 'timestampX'],
			filter: { iblockId: 23 },
			order: { timestampX: 'DESC' },
		});
		expect(newest.id).toBe(104);
	});

	it("moves a product's timestampX when it is edited in the portal", async () => {
		const before = Date.now() - 1000;
		emu.portal.updateProduct(102, { active: 'N' });
		const [product] = await list('catalog.product.list', 'products', {
			select: ['id', 'iblockId', 'timestampX'],
			filter: { iblockId: 23, '>=timestampX': new Date(before).toISOString() },
		});
		expect(product).toMatchObject({ id: 102 });
		expect(Date.parse(String(product.timestampX))).toBeGreaterThanOrEqual(before);
	});
});

describe('stock by store', () => {
	it('takes `@storeId` as "in" on the stock list', async () => {
		expect(
			await list('catalog.storeproduct.list', 'storeProducts', {
				select: ['productId', 'storeId'],
				filter: { '@storeId': [2] },
			}),
		).toEqual([{ productId: 101, storeId: 2 }]);
	});
});
