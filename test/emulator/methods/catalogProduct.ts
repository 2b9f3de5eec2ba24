import type { Caller } from '../auth';
import { bindArray, isArrayValue, phpBool, phpInt, phpString, requireParam } from '../binder';
import { Bitrix24Error } from '../errors';
import type { Portal, Product, ProductFields } from '../portal';
import { formatBitrixDate } from '../time';
import { assertCanViewCatalog, existingCatalog } from './catalogGuards';
import { selectedFields } from './fieldSelection';
import { assertRequired, describeFields, givenFields, writableFields } from './fieldTable';
import { type FilterCondition, filterConditions } from './listFilter';
import { bindListParams, listPage, type ListSource } from './listPaging';
import { addedType, parentOf, settleTypes } from './productLinks';
import { PRODUCT, PRODUCT_KINDS, type ProductKind, typesOfCatalog } from './productKinds';
import { describedProperty, propertyFields, writtenValues } from './productProperties';
import { PICTURE_FIELDS, ProductView, storedValues } from './productView';
import { MethodReply, type MethodDefinition, type MethodTable } from './registry';
import { readUploadedImage } from './uploadedImage';

/**
 * catalog.product.* and its typed groups (.sku, .offer, .service), built from each group's
 * table: add, get, list, update, delete, getFieldsByFilter, download. The checks run in the
 * portal's order: parameters bind (code 100), the typed groups check the catalog, the caller
 * must view the catalog, the REST view checks required fields, then the method's own checks.
 */

/** Errors of the product methods are code 0 with the catalog's own texts, except rights. */
function productError(text: string): Bitrix24Error {
	return new Bitrix24Error(400, 0, text);
}

const ACCESS = {
	edit: 200040300043,
	remove: 200040300040,
	bindSection: 200040300050,
};

function assertMay(caller: Caller, code: number): void {
	if (!caller.user.canModifyCatalog) throw new Bitrix24Error(400, code, 'Access Denied');
}

/** Required on add (the view's order); an update requires nothing. */
const REQUIRED_ON_ADD = ['name', 'iblockId'];

/** Currencies of a cloud portal, for `purchasingCurrency`. */
const CURRENCIES = ['USD', 'EUR', 'RUB', 'UAH', 'BYN', 'KZT', 'GBP'];

/** The typed groups refuse a catalog that holds no products of their type (REST view's texts). */
function assertCatalogHolds(portal: Portal, type: number, iblockId: unknown): void {
	const catalog = portal.catalog(phpInt(iblockId));
	if (!catalog) throw productError('iblock is not catalog');
	if (!typesOfCatalog(catalog.productIblockId !== null).includes(type)) {
		throw productError('productType is not allowed for this catalog');
	}
}

/** The product `id` names, if the group reads its type; otherwise the group's own text. */
function kindProduct(portal: Portal, kind: ProductKind, id: unknown): Product {
	const product = portal.product(phpInt(id));
	if (!product || (kind.types && !kind.types.includes(product.type)))
		throw productError(kind.missing);
	return product;
}

/** The list must select `id` and `iblockId`; the error names the missing ones. */
function assertSelectsKeys(select: unknown[]): void {
	const missing = ['id', 'iblockId'].filter((name) => !select.includes(name));
	if (missing.length > 0) throw productError(`Required select fields: ${missing.join(', ')}`);
}

/** The filter must be an object naming the catalog (`iblockId`, without a prefix). */
function catalogFilter(filter: unknown): Record<string, unknown> {
	if (filter !== undefined && filter !== null && !isArrayValue(filter)) {
		throw productError('Incorrect filter format');
	}
	const given = givenFields(filter);
	if (given.iblockId === undefined || given.iblockId === null) {
		throw productError('Required filter fields: iblockId');
	}
	return given;
}

/** What `CProduct` and the element check about the people, section and currency given. */
function assertReferences(portal: Portal, iblockId: number, fields: ProductFields): void {
	// A section that does not exist fails the bind right (200040300050) before any field check: the
	// controller checks the right first and checkFields reads SECTION_ID, not IBLOCK_SECTION_ID
	// (catalog/lib/controller/product.php). The add page's code 0 for it is not what the server does.
	const sectionId = phpInt(fields.iblockSectionId);
	if (sectionId > 0 && portal.sections.get(sectionId)?.iblockId !== iblockId) {
		throw new Bitrix24Error(400, ACCESS.bindSection, 'Access Denied');
	}
	for (const name of ['modifiedBy', 'createdBy']) {
		if (fields[name] !== undefined && !portal.user(phpInt(fields[name]))) {
			throw productError(`User ${name} is not exists`);
		}
	}
	const currency = fields.purchasingCurrency;
	if (currency !== undefined && currency !== null && !CURRENCIES.includes(String(currency))) {
		throw productError('Currency purchasingCurrency is not exists');
	}
	// The controller's checkFields (catalog/lib/controller/product.php) looks the VAT rate up too.
	const vatId = fields.vatId;
	if (
		vatId !== undefined &&
		vatId !== null &&
		!portal.records.of('catalog.vat').get(phpInt(vatId))
	) {
		throw productError('VAT vatId is not exists');
	}
}

/**
 * The catalog's information block keeps symbolic codes unique (the add page lists the refusal);
 * the page gives no text, so this is the emulator's own wording.
 */
function assertUniqueCode(portal: Portal, iblockId: number, code: unknown, ownId?: number): void {
	if (typeof code !== 'string' || code === '') return;
	const view = new ProductView(PRODUCT, portal);
	const taken = portal
		.productsIn(iblockId)
		.some((product) => product.id !== ownId && view.value(product, 'code') === code);
	if (taken) throw productError('An element with this symbolic code already exists');
}

/** Fields the docs mark "Not editable when inventory accounting is enabled". */
const STOCK_FIELDS = ['quantity', 'quantityReserved', 'purchasingPrice', 'purchasingCurrency'];

/** Under inventory management stock and purchasing price change only through documents. */
function assertStockUntouched(portal: Portal, given: Record<string, unknown>): void {
	if (!portal.inventoryManagement) return;
	const touched = STOCK_FIELDS.filter((name) => given[name] !== undefined && given[name] !== null);
	if (touched.length > 0) {
		throw productError(`Not editable when inventory accounting is enabled: ${touched.join(', ')}`);
	}
}

/** Writes the property values `given` names; the caller says whether it adds or updates. */
function writeProperties(
	portal: Portal,
	product: Product,
	given: Record<string, unknown>,
	mode: 'add' | 'update',
): void {
	for (const [name, property] of propertyFields(portal, product.iblockId)) {
		if (!(name in given)) continue;
		const current = portal.properties.valuesOf(product.id, property.id);
		const values = writtenValues(property, given[name], current, mode);
		if (values) portal.properties.set(product.id, property.id, values);
	}
}

/**
 * Picture fields take `{fileData: [name, base64]}` (a new picture replaces the old one) or
 * `{remove: 'Y'}`; a file the portal cannot save is dropped without a word, as the REST view does.
 */
function writePictures(portal: Portal, product: Product, given: Record<string, unknown>): void {
	for (const [name, type] of Object.entries(PICTURE_FIELDS)) {
		const value = givenFields(given[name]);
		if (isArrayValue(value.fileData)) {
			try {
				portal.addImage(product.id, {
					type,
					...readUploadedImage(value.fileData, portal.maxUploadBytes),
				});
			} catch (error) {
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- not node code: a defect of the emulator
				if (!(error instanceof Bitrix24Error)) throw error;
			}
		} else if (phpString(value.remove).toUpperCase() === 'Y') {
			const pictures = portal.imagesOf(product.id).filter((image) => image.type === type);
			for (const picture of pictures) portal.deleteImage(picture.id);
		}
	}
}

/** The element fields (`name`, `active`) apart from the product's own. */
function splitFields(writable: Record<string, unknown>) {
	const { name, active, ...fields } = writable;
	for (const kept of ['iblockId', ...Object.keys(PICTURE_FIELDS)]) delete fields[kept];
	return {
		...(name === undefined ? {} : { name: phpString(name) }),
		...(active === undefined ? {} : { active: active === 'Y' ? ('Y' as const) : ('N' as const) }),
		fields,
	};
}

function add(kind: ProductKind): MethodDefinition {
	return {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const given = givenFields(requireParam(params, 'fields'));
			if (kind.checksCatalog) assertCatalogHolds(portal, kind.describedType, given.iblockId);
			assertCanViewCatalog(caller);
			assertRequired(given, REQUIRED_ON_ADD);
			const catalog = existingCatalog(portal, phpInt(given.iblockId));
			assertMay(caller, ACCESS.edit);
			const { name, active, fields } = splitFields(writableFields(kind.fields, given, 'add'));
			assertReferences(portal, catalog.iblockId, fields);
			assertUniqueCode(portal, catalog.iblockId, fields.code);
			assertStockUntouched(portal, fields);
			const now = formatBitrixDate(new Date());
			const product = portal.createProduct({
				iblockId: catalog.iblockId,
				name: name ?? '',
				active: active ?? 'Y',
				type: addedType(portal, catalog.iblockId, given, kind.addedType),
				fields: {
					dateCreate: now,
					timestampX: now,
					createdBy: caller.user.id,
					modifiedBy: caller.user.id,
					...storedValues(fields, true),
				},
			});
			writeProperties(portal, product, given, 'add');
			writePictures(portal, product, given);
			settleTypes(portal, product);
			return { [kind.keys.saved]: new ProductView(kind, portal).row(product) };
		},
	};
}

function update(kind: ProductKind): MethodDefinition {
	return {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const id = requireParam(params, 'id');
			const given = givenFields(bindArray(params, 'fields'));
			const product = kindProduct(portal, kind, id);
			// The portal compares the given catalog with the stored one strictly: a number never
			// equals the text the database holds, so only the catalog written as text passes.
			const origin = given.iblockId;
			if (phpBool(origin) && origin !== String(product.iblockId)) {
				throw productError(`Product - ${product.id} is not exists in catalog - ${phpInt(origin)}`);
			}
			assertCanViewCatalog(caller);
			assertMay(caller, ACCESS.edit);
			const changes = splitFields(writableFields(kind.fields, given, 'update'));
			assertReferences(portal, product.iblockId, changes.fields);
			assertUniqueCode(portal, product.iblockId, changes.fields.code, product.id);
			assertStockUntouched(portal, changes.fields);
			const linkedBefore = parentOf(portal, product);
			writeProperties(portal, product, given, 'update');
			writePictures(portal, product, given);
			portal.updateProduct(product.id, {
				...changes,
				fields: {
					...storedValues(changes.fields, false),
					timestampX: formatBitrixDate(new Date()),
					modifiedBy: caller.user.id,
				},
			});
			settleTypes(portal, product, linkedBefore);
			return { [kind.keys.saved]: new ProductView(kind, portal).row(product) };
		},
	};
}

function get(kind: ProductKind): MethodDefinition {
	return {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const id = requireParam(params, 'id');
			assertCanViewCatalog(caller);
			return {
				[kind.keys.item]: new ProductView(kind, portal).row(kindProduct(portal, kind, id)),
			};
		},
	};
}

function remove(kind: ProductKind): MethodDefinition {
	return {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const id = requireParam(params, 'id');
			assertCanViewCatalog(caller);
			const product = kindProduct(portal, kind, id);
			assertMay(caller, ACCESS.remove);
			const parent = parentOf(portal, product);
			portal.removeProduct(product.id);
			settleTypes(portal, product, parent);
			return true;
		},
	};
}

/** The typed groups read only their types: a `type` they read narrows them, any other is ignored. */
function typeCondition(kind: ProductKind, filter: Record<string, unknown>): FilterCondition[] {
	if (!kind.types) return [];
	const asked = filter.type === undefined ? undefined : phpInt(filter.type);
	const wanted = asked !== undefined && kind.types.includes(asked) ? [asked] : kind.types;
	return [
		{
			field: 'type',
			prefix: '',
			wanted,
			matches: (type) => wanted.includes(Number(type)),
		},
	];
}

function list(kind: ProductKind): MethodDefinition {
	return {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const { select, order } = bindListParams({
				select: params.select,
				order: params.order,
			});
			assertCanViewCatalog(caller);
			assertSelectsKeys(select);
			const filter = catalogFilter(params.filter);
			if (kind.checksCatalog) assertCatalogHolds(portal, kind.describedType, filter.iblockId);
			const { iblockId } = existingCatalog(portal, phpInt(filter.iblockId));
			const view = new ProductView(kind, portal);
			const all = view.allFields(iblockId);
			const conditions = filterConditions(filter, (name) => view.knows(iblockId, name), 'iblock');
			const source: ListSource<Product> = {
				items: (fromId) => portal.productsFrom(iblockId, fromId),
				value: (product, name) => view.value(product, name),
				row: (product, fields) => view.row(product, fields),
			};
			return listPage(kind.keys.list, source, {
				conditions: [
					...conditions.filter(
						(test) => !(kind.types && test.field === 'type' && test.prefix === ''),
					),
					...typeCondition(kind, filter),
				],
				order,
				orderable: (name) => view.knows(iblockId, name),
				select: select.includes('*') ? all : selectedFields(select, all),
				start: params.start,
			});
		},
	};
}

function fieldsByFilter(kind: ProductKind): MethodDefinition {
	return {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const filter = givenFields(requireParam(params, 'filter'));
			assertCanViewCatalog(caller);
			const iblockId = phpInt(filter.iblockId);
			if (iblockId <= 0) throw productError('parameter - iblockId is empty');
			// The typed groups describe their own type; catalog.product takes `productType` (simple by default).
			const type = kind.types
				? kind.describedType
				: phpInt(filter.productType) || kind.describedType;
			assertCatalogHolds(portal, type, iblockId);
			const described = PRODUCT_KINDS.find((candidate) => candidate.types?.includes(type)) ?? kind;
			const properties = [...propertyFields(portal, iblockId)].map(
				([name, property]) => [name, describedProperty(property)] as const,
			);
			return {
				[kind.keys.item]: {
					...describeFields(described.fields),
					...Object.fromEntries(properties),
				},
			};
		},
	};
}

/**
 * The bytes of one of a product's files, as the picture fields' URLs point here. The field name
 * is written as the fields are (`detailPicture`); `DETAIL_PICTURE` names no field.
 */
function download(kind: ProductKind): MethodDefinition {
	return {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const fields = givenFields(bindArray(params, 'fields'));
			assertCanViewCatalog(caller);
			const missing = ['fieldName', 'fileId', 'productId'].filter(
				(name) => fields[name] === undefined || fields[name] === null,
			);
			if (missing.length > 0) throw productError(`Required fields: ${missing.join(', ')}`);
			const product = kindProduct(portal, kind, fields.productId);
			const type = PICTURE_FIELDS[phpString(fields.fieldName)];
			if (!type) throw productError('Name file field is not available');
			const image = portal.image(phpInt(fields.fileId));
			if (image?.productId !== product.id || image.type !== type)
				throw productError('Product file wrong');
			return new MethodReply(
				null,
				{},
				{ bytes: image.bytes, mimeType: image.mimeType, name: image.name },
			);
		},
	};
}

function groupMethods(kind: ProductKind): MethodTable {
	return {
		[`${kind.prefix}.add`]: add(kind),
		[`${kind.prefix}.get`]: get(kind),
		[`${kind.prefix}.list`]: list(kind),
		[`${kind.prefix}.update`]: update(kind),
		[`${kind.prefix}.delete`]: remove(kind),
		[`${kind.prefix}.getFieldsByFilter`]: fieldsByFilter(kind),
		[`${kind.prefix}.download`]: download(kind),
	};
}

/** catalog.product.*, .sku.*, .offer.* and .service.*. */
export const catalogProductMethods: MethodTable = Object.assign(
	{},
	...PRODUCT_KINDS.map(groupMethods),
);
