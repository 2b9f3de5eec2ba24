import type { Caller } from '../auth';
import { Bitrix24Error } from '../errors';
import type { Portal, Product } from '../portal';

/** Checks the catalog methods share, with the codes and texts the catalog module answers. */

const MODIFY_DENIED = 200040300020;

export function assertCanModifyCatalog(caller: Caller): void {
	if (!caller.user.canModifyCatalog) throw new Bitrix24Error(400, MODIFY_DENIED, 'Access Denied');
}

/** The product an image method works on (products, SKU parents, variations and services alike). */
export function existingProduct(portal: Portal, productId: number): Product {
	if (productId <= 0) throw new Bitrix24Error(400, 0, 'Empty productID');
	const product = portal.product(productId);
	if (!product) throw new Bitrix24Error(400, 0, 'Product was not found');
	return product;
}
