import { bindInt } from '../binder';
import { Bitrix24Error } from '../errors';
import { assertCanModifyCatalog, existingProduct } from './catalogGuards';
import type { MethodTable } from './registry';

/** catalog.productImage.*: images of products, SKU parents, variations and services. */
export const catalogProductImageMethods: MethodTable = {
	'catalog.productImage.delete': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const productId = bindInt(params, 'productId');
			const id = bindInt(params, 'id');
			assertCanModifyCatalog(caller);
			const product = existingProduct(portal, productId);
			if (portal.image(id)?.productId !== product.id)
				throw new Bitrix24Error(400, 0, 'Image does not exist');
			portal.deleteImage(id);
			return true;
		},
	},
};
