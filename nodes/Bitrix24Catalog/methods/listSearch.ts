import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { IMAGE_TYPE_LABEL, unwrapImages } from '../actions/resources/productImage/image';
import { toBitrix24Id } from '../helpers/ids';
import { callBitrix24 } from '../transport';
import { settingsOf } from './settings';

/**
 * Products by name across all of the portal's catalogues, a page of Bitrix24's 50 at a time.
 * The token says where the next page starts: `<catalogue index>:<start>`.
 */
export async function searchProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const settings = settingsOf(this);
	const catalogResult = (await callBitrix24.call(
		this,
		{
			method: 'catalog.catalog.list',
			params: { select: ['id', 'iblockId', 'name'], order: { id: 'ASC' } },
		},
		settings,
		0,
	)) as { catalogs?: IDataObject[] };
	const catalogs = catalogResult.catalogs ?? [];
	const [catalogIndex, start] = (paginationToken ?? '0:0').split(':').map(Number);
	const catalog = catalogs[catalogIndex];
	if (!catalog) return { results: [] };

	const productFilter: IDataObject = { iblockId: catalog.iblockId };
	if (filter?.trim()) productFilter['%name'] = filter.trim();
	const page = (await callBitrix24.call(
		this,
		{
			method: 'catalog.product.list',
			params: {
				select: ['id', 'iblockId', 'name'],
				filter: productFilter,
				order: { name: 'ASC' },
				start,
			},
		},
		settings,
		0,
	)) as { products?: IDataObject[] };
	// The next offset sits beside `result` in the answer; a full page means there may be more.
	const products = page.products ?? [];
	const nextToken =
		products.length >= 50
			? `${catalogIndex}:${start + products.length}`
			: catalogIndex + 1 < catalogs.length
				? `${catalogIndex + 1}:0`
				: undefined;
	return {
		results: products.map((product) => ({
			name: `${product.name} (#${product.id}, ${catalog.name})`,
			value: String(product.id),
		})),
		paginationToken: nextToken,
	};
}

/** The chosen product's images, by name and type. */
export async function searchProductImages(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const value = this.getCurrentNodeParameter('productId', { extractValue: true });
	if (value === undefined || value === null || value === '') {
		throw new NodeOperationError(
			this.getNode(),
			'Choose the product first, then pick one of its images',
		);
	}
	const productId = toBitrix24Id(this.getNode(), value, 'Product ID', 0);
	const result = await callBitrix24.call(
		this,
		{ method: 'catalog.productImage.list', params: { productId, select: ['id', 'name', 'type'] } },
		settingsOf(this),
		0,
	);
	const needle = filter?.trim().toLowerCase() ?? '';
	return {
		results: unwrapImages(result)
			.filter((image) => !needle || String(image.name).toLowerCase().includes(needle))
			.map((image) => ({
				name: `${image.name} (${IMAGE_TYPE_LABEL[String(image.type)] ?? image.type}, #${image.id})`,
				value: String(image.id),
			})),
	};
}
