import { Bitrix24Emulator } from '../index';
import { parsePhpQuery } from '../params';
import { postJson, resultOf } from '../testClient';

/** PHP's input limits, which a portal's batch command meets in parse_str (main/php_variables.c). */
describe("PHP's input limits in batch commands", () => {
	it('reads 1,000 values and drops the rest without an error, by default', () => {
		const query = Array.from({ length: 1200 }, (_, index) => `id[${index}]=${index}`).join('&');
		expect((parsePhpQuery(query).id as string[]).length).toBe(1000);
		expect((parsePhpQuery(query, { maxInputVars: 1500, maxNestingLevel: 64 }).id as string[]).length).toBe(1200);
	});

	it('drops the whole parameter a key nested deeper than the limit belongs to', () => {
		const deep = `filter[b]=2&filter${'[a]'.repeat(65)}=1&select[0]=id`;
		expect(parsePhpQuery(deep)).toEqual({ select: ['id'] });
		expect(parsePhpQuery(`filter[b]=2&filter${'[a]'.repeat(64)}=1`).filter).toMatchObject({ b: '2' });
	});

	describe('in a running portal', () => {
		let emu: Bitrix24Emulator;
		afterEach(() => emu.stop());

		it.each([
			[undefined, 1000],
			[{ maxInputVars: 3000 }, 1001],
		])('with %p, a filter of 1,001 IDs in a batch command reads %i of them', async (phpInput, read) => {
			emu = await Bitrix24Emulator.start(phpInput ? { phpInput } : {});
			const ids = Array.from({ length: 1001 }, (_, index) => 900000 + index);
			// The last ID is the only one a product has: cut away, the filter matches nothing.
			ids[1000] = 101;
			const query = ids.map((id, index) => `filter[id][${index}]=${id}`).join('&');
			const answer = await postJson(`${emu.webhookUrl()}batch`, {
				halt: 0,
				cmd: { c0: `catalog.product.list?select[0]=id&select[1]=iblockId&filter[iblockId]=23&${query}` },
			});
			const { result } = resultOf(answer) as { result: Record<string, { products: unknown[] }> };
			expect(result.c0.products).toHaveLength(read === 1000 ? 0 : 1);
		});
	});
});
