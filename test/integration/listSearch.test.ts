import type { INodeParameters } from 'n8n-workflow';

import type { ListSearchOptions } from '../harness/listSearch';
import { runListSearch } from '../harness/listSearch';
import { AUTHENTICATIONS, credentialsFor, locator, productImageParameters } from '../harness/nodeInputs';
import { usePortal } from './fixtures';

describe.each(AUTHENTICATIONS)('picking from a list with %s credentials', (authentication) => {
	const portal = usePortal();
	/** `query`: the text typed into the list and the page to show; `parameters`: the node's other fields. */
	const search = (
		method: 'searchProducts' | 'searchProductImages',
		parameter: string,
		query: Pick<ListSearchOptions, 'filter' | 'paginationToken'> = {},
		parameters: INodeParameters = {},
	) =>
		runListSearch(method, parameter, {
			parameters: productImageParameters(authentication, 'delete', parameters),
			credentials: credentialsFor(portal.emulator, authentication),
			...query,
		});

	it('finds products by part of their name across the catalogues', async () => {
		const { results, paginationToken } = await search('searchProducts', 'productId', { filter: 't-shirt' });
		expect(results).toEqual([{ name: 'T-shirt (#102, Product catalog)', value: '102' }]);
		// The variations catalogue comes on the next page.
		expect(paginationToken).toBe('1:0');
		const next = await search('searchProducts', 'productId', { filter: 't-shirt', paginationToken });
		expect(next.results).toEqual([{ name: 'T-shirt, red, M (#103, Product catalog (variations))', value: '103' }]);
		expect(next.paginationToken).toBeUndefined();
		expect(portal.emulator.restCalls('catalog.product.list').map((call) => call.params.filter)).toEqual([
			{ iblockId: 23, '%name': 't-shirt' },
			{ iblockId: 25, '%name': 't-shirt' },
		]);
	});

	it('pages through a large catalogue 50 products at a time', async () => {
		const names: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const page = await search('searchProducts', 'productId', token ? { paginationToken: token } : {});
			names.push(...page.results.map((result) => String(result.value)));
			token = page.paginationToken;
			pages++;
		} while (token && pages < 20);
		const all = portal.emulator.portal.productsIn(23).concat(portal.emulator.portal.productsIn(25));
		expect(new Set(names)).toEqual(new Set(all.map((product) => String(product.id))));
		expect(names).toHaveLength(all.length);
		expect(pages).toBeGreaterThan(2);
	});

	it("lists the chosen product's images by name and type", async () => {
		const { results } = await search('searchProductImages', 'imageId', {}, { productId: locator('101') });
		expect(results).toEqual([
			{ name: 'espresso-front.png (detail picture, #1001)', value: '1001' },
			{ name: 'espresso-preview.png (preview picture, #1002)', value: '1002' },
			{ name: 'espresso-side.png (gallery, #1003)', value: '1003' },
			{ name: 'espresso-back.png (gallery, #1004)', value: '1004' },
		]);
	});

	it('asks for the product first when none is chosen', async () => {
		await expect(search('searchProductImages', 'imageId', {}, { productId: locator('', 'list') })).rejects.toThrow(
			'Choose the product first, then pick one of its images',
		);
		expect(portal.emulator.requests).toEqual([]);
	});
});
