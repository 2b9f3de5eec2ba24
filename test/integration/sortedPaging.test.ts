import { AUTHENTICATIONS, locator } from '../harness/nodeInputs';
import { resourceRunner, usePortal } from './fixtures';

const BULK = 150;

describe.each(AUTHENTICATIONS)(
	'Get Many in another order than ID, %s credentials',
	(authentication) => {
		const portal = usePortal();
		const run = resourceRunner(portal, authentication);
		const sections = () => portal.emulator.portal.sections;

		/** 150 more sections whose sort order is the reverse of their ID order. */
		function addBulk(): number[] {
			return Array.from(
				{ length: BULK },
				(_, index) =>
					sections().add({ iblockId: 23, name: `Bulk ${index}`, sort: 1000 - index }).id,
			);
		}

		/** Runs `change` once, just before the portal answers the second list call of the run. */
		function beforeSecondList(change: () => void) {
			const store = sections();
			const original = store.inCatalog.bind(store);
			let calls = 0;
			return jest.spyOn(store, 'inCatalog').mockImplementation((iblockId) => {
				calls += 1;
				if (calls === 2) change();
				return original(iblockId);
			});
		}

		const list = (extra: Record<string, unknown>) =>
			run('section', 'getMany', {
				iblockId: locator('23'),
				listOptions: { sortField: 'sort', sortDirection: 'ASC' },
				...extra,
			});

		/** IDs in the order of their sections' sort, ties by ID (ascending in either direction). */
		const byOrder = (ids: number[], sign = 1) =>
			[...ids].sort((a, b) => sign * (sections().get(a)!.sort - sections().get(b)!.sort) || a - b);

		it('Return All misses no record when records are deleted while the pages are read', async () => {
			const bulk = addBulk();
			const before = sections()
				.inCatalog(23)
				.map((section) => section.id);
			// The 20 that sort first: the first page of a list paged by position in that order.
			const deleted = bulk.slice(-20);
			const spy = beforeSecondList(() => deleted.forEach((id) => sections().delete(id)));
			const { output, error } = await list({ returnAll: true });
			spy.mockRestore();
			expect(error).toBeUndefined();
			const ids = output.map((item) => item.json.id as number);
			expect(new Set(ids).size).toBe(ids.length);
			const kept = before.filter((id) => !deleted.includes(id));
			expect(ids.filter((id) => kept.includes(id))).toEqual(byOrder(kept));
			// Read by ID, sorted here: the field's order, ties by ID.
			expect(portal.emulator.restCalls('catalog.section.list')[0].params).toMatchObject({
				order: { id: 'ASC' },
				start: -1,
			});
		});

		it('Return All repeats no record when records are added while the pages are read', async () => {
			addBulk();
			const spy = beforeSecondList(() => {
				for (let index = 0; index < 20; index++) {
					sections().add({ iblockId: 23, name: `New ${index}`, sort: 1 });
				}
			});
			const { output, error } = await list({ returnAll: true });
			spy.mockRestore();
			expect(error).toBeUndefined();
			const ids = output.map((item) => item.json.id as number);
			expect(new Set(ids).size).toBe(ids.length);
			expect(ids).toEqual(byOrder(ids));
			expect(ids).toHaveLength(4 + BULK + 20);
		});

		it('Return All sorts descending, leaving out the sort field where Fields did not ask for it', async () => {
			addBulk();
			const { output, error } = await list({
				returnAll: true,
				listOptions: { sortField: 'sort', sortDirection: 'DESC', select: ['name'] },
			});
			expect(error).toBeUndefined();
			const ids = output.map((item) => item.json.id as number);
			expect(ids).toEqual(byOrder(ids, -1));
			expect(output[0].json).toEqual({ id: ids[0], name: expect.any(String) });
			expect(portal.emulator.restCalls('catalog.section.list')[0].params).toMatchObject({
				select: ['id', 'name', 'sort'],
			});
		});

		it('with a Limit the portal sorts, by position; a record moved onto a later page is output once', async () => {
			addBulk();
			const spy = beforeSecondList(() => {
				for (let index = 0; index < 20; index++) {
					sections().add({ iblockId: 23, name: `New ${index}`, sort: 1 });
				}
			});
			const { output, error } = await list({ returnAll: false, limit: 120 });
			spy.mockRestore();
			expect(error).toBeUndefined();
			const ids = output.map((item) => item.json.id as number);
			expect(new Set(ids).size).toBe(ids.length);
			expect(portal.emulator.restCalls('catalog.section.list')[0].params).toMatchObject({
				order: { sort: 'ASC' },
				start: 0,
			});
		});

		it('refuses a sort direction other than ASC or DESC before anything is sent', async () => {
			const { error } = await list({
				returnAll: true,
				listOptions: { sortField: 'sort', sortDirection: 'UP' },
			});
			expect(error?.message).toBe(
				'List Options → Sort Direction must be ASC or DESC, but got "UP" [item 0]',
			);
			expect(portal.emulator.requests).toEqual([]);
		});
	},
);
