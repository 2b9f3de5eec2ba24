import { isArrayValue, phpInt } from '../binder';
import type { Portal, Product } from '../portal';
import { PRODUCT_TYPE } from './productKinds';

/**
 * Variations name their parent product in the variations catalog's link property (`parentId`),
 * and types follow the links, as the catalog keeps them: a variation with a parent is 4, one
 * without 5; a parent product with variations is 3, one without 6.
 */

/**
 * The products a variation can be linked to: parent products, and simple products, which the link
 * makes parent products. Setting a variation's link property has the catalog recalculate the
 * product it names as one with variations, whatever its type was
 * (catalog/lib/product/sku.php: handlerIblockElementSetPropertyValues, then
 * calculateComplete(product, ..., TYPE_SKU)); the docs only say to link parent products.
 */
const LINKABLE_TYPES: readonly number[] = [
	PRODUCT_TYPE.product,
	PRODUCT_TYPE.parent,
	PRODUCT_TYPE.emptyParent,
];

/** The link property of a variations catalog. */
function linkProperty(portal: Portal, iblockId: number): number | undefined {
	const catalog = portal.catalog(iblockId);
	return catalog?.productIblockId === null ? undefined : (catalog?.skuPropertyId ?? undefined);
}

function asParent(portal: Portal, id: number): number | undefined {
	const parent = portal.product(id);
	return parent && LINKABLE_TYPES.includes(parent.type) ? parent.id : undefined;
}

/** The parent product a variation is linked to, if it is one. */
export function parentOf(portal: Portal, product: Product): number | undefined {
	const propertyId = linkProperty(portal, product.iblockId);
	if (propertyId === undefined) return undefined;
	const [link] = portal.properties.valuesOf(product.id, propertyId);
	return link ? asParent(portal, phpInt(link.value)) : undefined;
}

/** The type a product added to `iblockId` gets: in a variations catalog, by the `parentId` given. */
export function addedType(
	portal: Portal,
	iblockId: number,
	given: Record<string, unknown>,
	type: number,
): number {
	if (linkProperty(portal, iblockId) === undefined) return type;
	const link =
		isArrayValue(given.parentId) && !Array.isArray(given.parentId)
			? given.parentId.value
			: given.parentId;
	return link !== undefined && asParent(portal, phpInt(link))
		? PRODUCT_TYPE.variation
		: PRODUCT_TYPE.freeVariation;
}

function hasVariations(portal: Portal, parentId: number): boolean {
	return portal.catalogs.some((catalog) => {
		if (catalog.productIblockId === null) return false;
		return portal
			.productsIn(catalog.iblockId)
			.some((product) => parentOf(portal, product) === parentId);
	});
}

/**
 * Types after a variation was linked, relinked or deleted: its own (while it exists) and those
 * of its parents before and now. Types change quietly, without events.
 */
export function settleTypes(portal: Portal, variation: Product, formerParent?: number): void {
	if (linkProperty(portal, variation.iblockId) === undefined) return;
	const current = portal.product(variation.id) ? parentOf(portal, variation) : undefined;
	if (portal.product(variation.id)) {
		portal.setProductType(
			variation.id,
			current ? PRODUCT_TYPE.variation : PRODUCT_TYPE.freeVariation,
		);
	}
	for (const parent of new Set([formerParent, current])) {
		if (parent === undefined || !portal.product(parent)) continue;
		portal.setProductType(
			parent,
			hasVariations(portal, parent) ? PRODUCT_TYPE.parent : PRODUCT_TYPE.emptyParent,
		);
	}
}
