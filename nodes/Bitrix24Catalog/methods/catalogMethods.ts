import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { CATALOG_METHODS, documentationUrl } from '../bitrix24Api/methods';

/**
 * The documented catalog methods whose name or title holds the search text, each linking to its
 * page: the Custom API Call's picker. The list is the node's own, so the portal is not asked.
 */
export async function searchCatalogMethods(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const words = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	const found = CATALOG_METHODS.filter((method) => {
		const text = `${method.name} ${method.title}`.toLowerCase();
		return words.every((word) => text.includes(word));
	});
	return {
		results: found.map((method) => ({
			name: `${method.name} (${method.title})`,
			value: method.name,
			url: documentationUrl(method),
		})),
	};
}
