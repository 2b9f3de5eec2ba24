import type { Bitrix24Emulator } from '../index';
import type { ReferencePage } from './pages';
import { exampleRequest } from './requests';

/**
 * Requests that provoke a page's documented errors without knowing them one by one: the call
 * with no parameters (code 100), the page's request by a user who may not read the catalog and
 * by one who may only read it (the rights codes), with every id naming nothing (not found), and
 * with empty fields (required fields). Pages that need more name their own in `EXTRA_PROBES`.
 */

export interface Probe {
	name: string;
	webhook: string;
	params: unknown;
	prepare?(emu: Bitrix24Emulator): Promise<void> | void;
}

export interface ProbeAnswer {
	probe: string;
	status: number;
	error?: unknown;
	description?: string;
}

const MISSING_ID = 999_999;

function isMap(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every id in the request (`id`, `productId`, `documentIds`, ...) replaced by one that names nothing. */
function missingIds(value: unknown, key = ''): unknown {
	if (/(^id|Id|Ids)$/.test(key) && (typeof value === 'number' || typeof value === 'string'))
		return MISSING_ID;
	if (Array.isArray(value))
		return /Ids$/.test(key) ? value.map(() => MISSING_ID) : value.map((entry) => missingIds(entry));
	if (!isMap(value)) return value;
	return Object.fromEntries(
		Object.entries(value).map(([name, entry]) => [name, missingIds(entry, name)]),
	);
}

function withFields(params: unknown, fields: unknown): unknown {
	return isMap(params) && 'fields' in params ? { ...params, fields } : undefined;
}

type ExtraProbe = Omit<Probe, 'webhook'> & { webhook?: string };

const BAD_LIST = { name: 'filter not an array', params: { filter: 'wrong_type' } };
const MEASURE = { measureTitle: 'Pair', symbol: 'pr' };
const TAKEN_CODE = { name: 'code taken', params: { fields: { ...MEASURE, code: 796 } } };
const SECOND_DEFAULT = {
	name: 'second default',
	params: { fields: { ...MEASURE, code: 715, isDefault: 'Y' } },
};

/** Requests some pages need to reach a documented error the generic probes cannot. */
const EXTRA_PROBES: Record<string, readonly ExtraProbe[]> = {
	'measure/catalog-measure-add.md': [TAKEN_CODE, SECOND_DEFAULT],
	'measure/catalog-measure-update.md': [
		{ ...TAKEN_CODE, params: { id: 1, ...TAKEN_CODE.params } },
		{ ...SECOND_DEFAULT, params: { id: 1, ...SECOND_DEFAULT.params } },
	],
	'price-type/catalog-price-type-delete.md': [{ name: 'the base type', params: { id: 1 } }],
	'price-type/price-type-lang/catalog-price-type-lang-add.md': [
		{ name: 'unknown language', params: { fields: { catalogGroupId: 2, lang: 'xx', name: 'P' } } },
		{ name: 'translation taken', params: { fields: { catalogGroupId: 1, lang: 'en', name: 'P' } } },
	],
	'price-type/price-type-lang/catalog-price-type-lang-update.md': [
		{ name: 'unknown language', params: { id: 1, fields: { lang: 'xx' } } },
		{ name: 'unknown price type', params: { id: 1, fields: { catalogGroupId: 999 } } },
		{ name: 'translation taken', params: { id: 2, fields: { lang: 'en' } } },
	],
	'product-property-enum/catalog-product-property-enum-add.md': [
		{
			name: 'external code taken',
			params: { fields: { propertyId: 113, value: 'Linen', xmlId: 'cotton' } },
		},
	],
	'product-property-enum/catalog-product-property-enum-list.md': [BAD_LIST],
	'product-property-feature/catalog-product-property-feature-list.md': [BAD_LIST],
	'product-property-section/catalog-product-property-section-list.md': [BAD_LIST],
	'product-property/catalog-product-property-list.md': [BAD_LIST],
	'section/catalog-section-add.md': [
		{ name: 'empty name', params: { fields: { iblockId: 23, name: '' } } },
		{ name: 'code taken', params: { fields: { iblockId: 23, name: 'Mugs', code: 'clothing' } } },
	],
	'section/catalog-section-update.md': [
		{
			name: 'moved inside itself',
			params: { id: 12, fields: { iblockId: 23, name: 'Clothing', iblockSectionId: 13 } },
		},
		{
			name: 'code taken',
			params: { id: 11, fields: { iblockId: 23, name: 'Coffee', code: 'clothing' } },
		},
		{ name: 'unknown catalog', params: { id: 11, fields: { iblockId: 999, name: 'Coffee' } } },
	],
	'store/catalog-store-delete.md': [{ name: 'store with documents', params: { id: 2 } }],
	'store/catalog-store-update.md': [
		{ name: 'empty address', params: { id: 1, fields: { address: '' } } },
	],
	'userfield-document/catalog-userfield-document-list.md': [
		{
			name: 'documentType not selected',
			params: { select: ['documentId'], filter: { documentType: 'A' } },
		},
	],
	'measure/catalog-measure-list.md': [BAD_LIST],
};

export function probesOf(page: ReferencePage): Probe[] {
	const { params, prepare } = exampleRequest(page);
	const name = page.source.replace(/^api-reference\/catalog\//, '');
	const emptyFields = withFields(params, {});
	const fields = isMap(params) && isMap(params.fields) ? params.fields : undefined;
	const unknownSection =
		fields && 'iblockSectionId' in fields
			? withFields(params, { ...fields, iblockSectionId: MISSING_ID })
			: undefined;
	return [
		{ name: 'no parameters', webhook: 'admin', params: {} },
		{ name: 'no catalog rights', webhook: 'noAccess', params, prepare },
		{ name: 'read-only rights', webhook: 'viewer', params, prepare },
		{ name: 'ids naming nothing', webhook: 'admin', params: missingIds(params), prepare },
		...(emptyFields === undefined
			? []
			: [{ name: 'empty fields', webhook: 'admin', params: emptyFields, prepare }]),
		...(unknownSection === undefined
			? []
			: [{ name: 'unknown section', webhook: 'admin', params: unknownSection, prepare }]),
		...(EXTRA_PROBES[name] ?? []).map((probe) => ({ webhook: 'admin', ...probe })),
	];
}
