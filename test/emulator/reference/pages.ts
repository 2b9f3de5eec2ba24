/**
 * The catalog reference's documented examples, copied into `pages.json` by `extract.ts` from
 * github.com/bitrix24/b24restdocs, `api-reference/catalog/**` (MIT licence: `LICENSE` beside it).
 */
import pages from './pages.json';

/** One row of a page's "Possible Error Codes" table. */
export interface DocumentedErrorRow {
	code: string;
	description: string;
	/** Where the table has a status column. */
	status?: number;
}

export interface ReferencePage {
	/** The page, relative to the docs' root: `api-reference/catalog/product/catalog-product-add.md`. */
	source: string;
	method: string;
	/** The JSON body of the page's cURL (Webhook) example. */
	request?: unknown;
	/** JSON blocks under "Response Handling". */
	responses: unknown[];
	/** JSON blocks under "Error Handling". */
	errorExamples: unknown[];
	errorTable: DocumentedErrorRow[];
}

export const REFERENCE_PAGES: readonly ReferencePage[] = pages as ReferencePage[];
