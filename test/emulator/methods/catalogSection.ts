import type { Caller } from '../auth';
import { bindArray, phpInt, requireParam } from '../binder';
import { Bitrix24Error } from '../errors';
import type { Portal } from '../portal';
import type { Section } from '../sectionStore';
import { assertCanViewCatalog } from './catalogGuards';
import { pick } from './fieldSelection';
import {
	assertRequired,
	describeFields,
	field,
	type FieldTable,
	givenFields,
	shownFields,
	writableFields,
} from './fieldTable';
import { bindListParams, rowsPage } from './listPaging';
import type { MethodTable } from './registry';

/**
 * catalog.section.*: sections of a catalog. Fields as catalog.section.getFields lists them;
 * codes and texts from the method pages and the catalog's section controller; texts the
 * information block module writes end in `<br>`, as it writes them.
 */
const SECTION_TABLE: FieldTable = {
	id: field('integer', 'R'),
	iblockId: field('integer', 'Q'),
	iblockSectionId: field('integer'),
	name: field('string', 'Q'),
	xmlId: field('string'),
	code: field('string'),
	sort: field('integer'),
	active: field('char'),
	description: field('string'),
	descriptionType: field('string'),
};

const SECTION_FIELDS = shownFields(SECTION_TABLE);

/** Required on add and on update, in the order the portal names them. */
const REQUIRED = ['iblockId', 'name'];

const ERRORS = {
	addFailed: 200700300000,
	updateFailed: 200700300010,
	notFound: 200700300030,
	duplicateCode: 200700300040,
	noCatalog: 200700300050,
	editDenied: 200040300040,
	deleteDenied: 200040300050,
};

function sectionError(code: number, text: string): Bitrix24Error {
	return new Bitrix24Error(400, code, text);
}

function existingSection(portal: Portal, id: unknown): Section {
	const section = portal.sections.get(phpInt(id));
	if (!section) throw sectionError(ERRORS.notFound, 'Section is not exists');
	return section;
}

function assertCatalog(portal: Portal, iblockId: unknown): number {
	const catalog = portal.catalog(phpInt(iblockId));
	if (!catalog) throw sectionError(ERRORS.noCatalog, 'Iblock is not exists');
	return catalog.iblockId;
}

function assertMayEdit(caller: Caller, code: number): void {
	if (!caller.user.canModifyCatalog) throw sectionError(code, 'Access Denied');
}

/** What the information block checks when a section is written (`CIBlockSection::CheckFields`). */
function checkedChanges(
	portal: Portal,
	iblockId: number,
	changes: Record<string, unknown>,
	failed: number,
	id?: number,
): Partial<Section> {
	const parentId =
		changes.iblockSectionId === undefined ? undefined : phpInt(changes.iblockSectionId);
	if (parentId) {
		const parent = portal.sections.get(parentId);
		if (!parent) throw sectionError(ERRORS.noCatalog, 'Iblock is not exists');
		if (parent.iblockId !== iblockId) {
			throw sectionError(
				failed,
				'Section block code does not match that of the parent section!<br>',
			);
		}
		if (id !== undefined && isWithin(portal, parentId, id)) {
			throw sectionError(failed, 'Cannot move the section inside itself.<br>');
		}
	}
	const code = changes.code;
	const taken = portal.sections
		.inCatalog(iblockId)
		.some((section) => section.code === code && section.id !== id);
	if (typeof code === 'string' && code !== '' && taken) {
		throw sectionError(ERRORS.duplicateCode, 'Duplicate entry for key [code]');
	}
	if (changes.name !== undefined && changes.name === '') {
		throw sectionError(failed, 'Section name is not specified.<br>');
	}
	const { active, descriptionType, iblockSectionId, ...rest } = changes;
	return {
		...rest,
		...(active === undefined ? {} : { active: active === 'Y' ? 'Y' : 'N' }),
		...(descriptionType === undefined
			? {}
			: { descriptionType: descriptionType === 'html' ? 'html' : 'text' }),
		...(iblockSectionId === undefined ? {} : { iblockSectionId: parentId || null }),
	} as Partial<Section>;
}

/** Whether section `id` is `ancestor` or lies below it. */
function isWithin(portal: Portal, id: number, ancestor: number): boolean {
	for (
		let at = portal.sections.get(id);
		at;
		at = at.iblockSectionId ? portal.sections.get(at.iblockSectionId) : undefined
	) {
		if (at.id === ancestor) return true;
	}
	return false;
}

const row = (section: Section) =>
	pick(section as unknown as Record<string, unknown>, SECTION_FIELDS);

export const catalogSectionMethods: MethodTable = {
	'catalog.section.add': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const given = givenFields(requireParam(params, 'fields'));
			assertCanViewCatalog(caller);
			assertRequired(given, REQUIRED);
			const iblockId = assertCatalog(portal, given.iblockId);
			assertMayEdit(caller, ERRORS.editDenied);
			const changes = checkedChanges(
				portal,
				iblockId,
				writableFields(SECTION_TABLE, given, 'add'),
				ERRORS.addFailed,
			);
			const section = portal.sections.add({
				...changes,
				iblockId,
				name: String(changes.name),
			});
			return { section: row(section) };
		},
	},

	'catalog.section.update': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const id = requireParam(params, 'id');
			const given = givenFields(bindArray(params, 'fields'));
			assertCanViewCatalog(caller);
			assertRequired(given, REQUIRED);
			const section = existingSection(portal, id);
			assertMayEdit(caller, ERRORS.editDenied);
			// The catalog named must exist (the update page lists 200700300050), though it moves nothing.
			assertCatalog(portal, given.iblockId);
			const writable = writableFields(SECTION_TABLE, given, 'update');
			// The section stays in its catalog: the parent is checked against that one.
			delete writable.iblockId;
			const changes = checkedChanges(
				portal,
				section.iblockId,
				writable,
				ERRORS.updateFailed,
				section.id,
			);
			return {
				section: row(portal.sections.update(section.id, changes) ?? section),
			};
		},
	},

	'catalog.section.get': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const id = requireParam(params, 'id');
			assertCanViewCatalog(caller);
			return { section: row(existingSection(portal, id)) };
		},
	},

	// Sections below it go with it, and so do the products filed in them.
	'catalog.section.delete': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const id = requireParam(params, 'id');
			assertCanViewCatalog(caller);
			assertMayEdit(caller, ERRORS.deleteDenied);
			const section = existingSection(portal, id);
			const deleted = new Set(portal.sections.delete(section.id));
			const filed = portal
				.productsIn(section.iblockId)
				.filter((product) => deleted.has(Number(product.fields?.iblockSectionId)));
			for (const product of filed) portal.removeProduct(product.id);
			return true;
		},
	},

	'catalog.section.list': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const bound = bindListParams(params);
			assertCanViewCatalog(caller);
			const given = givenFields(bound.filter);
			if (given.iblockId === undefined || given.iblockId === null) {
				throw new Bitrix24Error(400, 0, 'Required filter fields: iblockId');
			}
			const rows = portal.sections.inCatalog(assertCatalog(portal, given.iblockId)).map(row);
			return rowsPage('sections', rows, SECTION_FIELDS, 'iblock', {
				...bound,
				start: params.start,
			});
		},
	},

	'catalog.section.getFields': {
		scope: 'catalog',
		handler: ({ caller }) => {
			assertCanViewCatalog(caller);
			return { section: describeFields(SECTION_TABLE) };
		},
	},
};
