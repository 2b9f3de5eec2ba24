/**
 * Where the emulator deliberately answers otherwise than a page's example, each with its reason.
 * A `difference` is a line as `shape.ts` reports it (`path: what`), or a pattern for a family of
 * them; `page` is the page's path under `api-reference/catalog/`, or a pattern for several pages.
 * The reference test fails on any difference not listed here, and on an entry that no longer
 * matches anything.
 */
export interface DeliberateDifference {
	page: string | RegExp;
	difference: string | RegExp;
	reason: string;
	/** Applies only to a field the page's request does not write. */
	unwritten?: boolean;
}

const LISTS = /-list\.md$/;

const OUTDATED = /^document\/outdated\//;

export const DELIBERATE_DIFFERENCES: readonly DeliberateDifference[] = [
	{
		page: /^product\/offer\/catalog-product-offer-(add|update)\.md$/,
		difference: /^result\.offer\.property121: array documented, (object|null) answered$/,
		reason:
			"The page's variations catalog has a multiple property; the demo's has only single ones " +
			'(Size, Colour), so its value is one object.',
	},
	{
		page: OUTDATED,
		difference: /^: HTTP 404 .*ERROR_METHOD_NOT_FOUND/,
		reason:
			'Outdated methods (catalog.document.confirm, unconfirm, fields, element.fields) are not ' +
			'emulated: their pages send users to conduct, cancel and getFields, which the node calls.',
	},
	{
		page: 'catalog/catalog-catalog-get.md',
		difference: 'result.catalog.yandexExport: absent documented, string answered',
		reason:
			"The catalog's REST view (catalog/lib/restview/catalog.php) has YANDEX_EXPORT among its " +
			'fields; the page, older than it, leaves it out.',
	},
	{
		page: 'document/document-element/catalog-document-element-list.md',
		difference: 'result.documentElements.0.purchasingPrice: number documented, absent answered',
		reason:
			"The page's request selects no purchasingPrice; a list answers the fields it selects " +
			'(the page contradicts itself; the list action follows select).',
	},
	{
		page: /./,
		difference: /^time\.operating(_reset_at)?: absent documented, number answered$/,
		reason:
			'Pages written before 2025 show no operating time; portals now send both keys in every ' +
			'answer, as the 2025-2026 examples show (even at operating: 0).',
	},
	{
		page: /./,
		difference: /^result\.\w+(\.0)?\.property\d+: absent documented, \w+ answered$/,
		reason:
			"The demo catalog has more properties than the page's catalog had; every product answers " +
			'all properties of its catalog.',
	},
	{
		page: /./,
		difference: /: (null documented, \w+ answered|\w+ documented, null answered)$/,
		unwritten: true,
		reason:
			"The demo records hold other values than the page's: a field the page's record filled may " +
			'be empty (null) in the demo record and the other way round. Fields the request writes ' +
			'are compared strictly.',
	},
	{
		page: LISTS,
		difference: /^next: (number documented, absent|absent documented, number) answered$/,
		reason: 'Whether a list has a next page depends on how many rows the portal holds.',
	},
];
