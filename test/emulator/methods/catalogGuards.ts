import type { Caller } from '../auth';
import { Bitrix24Error } from '../errors';
import type { Catalog, Portal, Product, ProductImage } from '../portal';

/** Checks the catalog methods share, with the codes and texts the catalog module answers. */

const VIEW_DENIED = 200040300010;
const MODIFY_DENIED = 200040300020;
const IBLOCK_NOT_FOUND = 200040300000;

export function assertCanViewCatalog(caller: Caller): void {
	if (!caller.user.canViewCatalog) throw new Bitrix24Error(400, VIEW_DENIED, 'Access Denied');
}

export function assertCanModifyCatalog(caller: Caller): void {
	if (!caller.user.canModifyCatalog) throw new Bitrix24Error(400, MODIFY_DENIED, 'Access Denied');
}

/** The product an image method works on (products, SKU parents, variations and services alike). */
export function existingProduct(portal: Portal, productId: number): Product {
	if (productId <= 0) throw new Bitrix24Error(400, 0, 'Empty productID');
	return foundProduct(portal, productId);
}

/** Like `existingProduct`, for methods that look the id up without checking it first. */
export function foundProduct(portal: Portal, productId: number): Product {
	const product = portal.product(productId);
	if (!product) throw new Bitrix24Error(400, 0, 'Product was not found');
	return product;
}

/** One of the product's images. */
export function existingImage(portal: Portal, product: Product, id: number): ProductImage {
	const image = portal.image(id);
	if (image?.productId !== product.id) throw new Bitrix24Error(400, 0, 'Image does not exist');
	return image;
}

/** The catalog whose information block is `iblockId`. */
export function existingCatalog(portal: Portal, iblockId: number): Catalog {
	const catalog = portal.catalog(iblockId);
	if (!catalog) throw new Bitrix24Error(400, IBLOCK_NOT_FOUND, 'Iblock Not Found');
	return catalog;
}
