/**
 * Documented error codes no request to the emulator provokes, each with the reason. An entry
 * names a page (its path under `api-reference/catalog/`, or a pattern for several) and a code;
 * with `description`, it covers the code only where every row the page gives it matches (the
 * "Other errors" rows). The error-table test fails on a documented code neither provoked nor
 * listed, and on an entry whose code is provoked after all.
 */
export interface UnreproducibleError {
	page: string | RegExp;
	code: string;
	description?: RegExp;
	reason: string;
}

// Reads and writes of products in every group: catalog-product-get.md, catalog-product-offer-get.md, ...
const PRODUCT_READS =
	/^product\/((offer|service|sku)\/)?catalog-product-(\w+-)?(get|update|delete)\.md$/;
const TYPED_ADDS = /^product\/(offer|service|sku)\/catalog-product-\w+-add\.md$/;

export const UNREPRODUCIBLE_ERRORS: readonly UnreproducibleError[] = [
	{
		page: /./,
		code: '0',
		description:
			/^(|Other errors \(e\.g\., fatal errors\)|Error of (deleting|modifying new) document)$/,
		reason:
			'Internal failures of the portal (fatal errors, a save the database refuses): no request ' +
			'provokes them on a working portal.',
	},
	{
		page: /^document\/outdated\//,
		code: '0',
		reason: 'Outdated methods are not emulated (the reference test lists them).',
	},
	{
		page: /^document\/outdated\//,
		code: '100',
		reason: 'Outdated methods are not emulated (the reference test lists them).',
	},
	{
		page: /^document\/outdated\//,
		code: 'ERROR_DOCUMENT_RIGHTS',
		reason: 'Outdated methods are not emulated (the reference test lists them).',
	},
	{
		page: /^(catalog\/catalog-catalog-(get|is-offers|list)|section\/catalog-section-list|price\/catalog-price-(modify|update))\.md$/,
		code: '200040300030',
		reason:
			'Needs a user who may use the catalog module but not read this information block (or ' +
			'price type); the demo portal grants its users rights to the whole catalog, and the ' +
			'controllers check the module right first (200040300010/200040300020).',
	},
	{
		page: /^(product\/((offer|service|sku)\/)?catalog-product-(\w+-)?(get|update|add)|section\/catalog-section-get)\.md$/,
		code: '200040300040',
		reason:
			"Needs a user with catalog rights but without the information block's element (or " +
			'section) right; the demo portal has rights to the whole catalog only, and the ' +
			'controllers check those first (200040300010/200040300020). Section get without ' +
			'rights therefore answers 200040300010, as catalog/lib/controller/section.php checks.',
	},
	{
		page: PRODUCT_READS,
		code: '200040300000',
		reason:
			"Get, update and delete look up the product's own information block, which exists for " +
			'every product that exists.',
	},
	{
		page: TYPED_ADDS,
		code: '200040300000',
		reason:
			"The typed groups check the catalog's kind first and refuse an unknown one with code 0, " +
			'"iblock is not catalog" (catalog/lib/restview/product.php).',
	},
	{
		page: 'section/catalog-section-delete.md',
		code: '200040300020',
		description: /^Errors during deletion/,
		reason: 'A failed delete inside the database: no request provokes it on a working portal.',
	},
	{
		page: /^(measure\/catalog-measure-update|price-type\/price-type-lang\/catalog-price-type-lang-update)\.md$/,
		code: '0',
		description: /^(Required fields of the `fields` structure not provided|Other errors.*)$/,
		reason:
			'The page names no field an update requires, and its own example changes only some: an ' +
			'update of any one field succeeds.',
	},
	{
		page: 'measure/catalog-measure-list.md',
		code: '0',
		description: /^(Required fields of the `filter` structure are not provided|Other errors.*)$/,
		reason: 'The page names no required filter field, and its own example lists with none.',
	},
];
