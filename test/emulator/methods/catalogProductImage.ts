import {
	bindArray,
	bindInt,
	bindOptionalArray,
	type PhpArrayValue,
	phpInt,
	phpValues,
} from '../binder';
import { Bitrix24Error } from '../errors';
import {
	assertCanModifyCatalog,
	assertCanViewCatalog,
	existingImage,
	existingProduct,
	foundProduct,
} from './catalogGuards';
import { selectedFields } from './fieldSelection';
import { IMAGE_FIELD_DESCRIPTIONS, IMAGE_FIELDS, imageRecord } from './imageView';
import { MethodReply, type MethodTable } from './registry';
import { readUploadedImage } from './uploadedImage';

// A list (`fields: [1]`) names no field.
function fieldOf(fields: PhpArrayValue, name: string): unknown {
	return Array.isArray(fields) ? undefined : fields[name];
}

/** A field of `fields` the portal insists on before the method runs (code 0, not a binding error). */
function requiredField(fields: PhpArrayValue, name: string): unknown {
	const value = fieldOf(fields, name);
	if (value === undefined || value === null) {
		throw new Bitrix24Error(400, 0, `Required fields: ${name}`);
	}
	return value;
}

/**
 * catalog.productImage.*: images of products, SKU parents, variations and services.
 * Each method binds its arguments first, then checks the caller's right, then the data.
 */
export const catalogProductImageMethods: MethodTable = {
	'catalog.productImage.add': {
		scope: 'catalog',
		handler: ({ params, caller, portal, origin }) => {
			const fields = bindArray(params, 'fields');
			const fileContent = bindArray(params, 'fileContent');
			assertCanModifyCatalog(caller);
			// The id is a field, not an argument: PHP casts it (`'abc'` is 0, so no product).
			const product = foundProduct(portal, phpInt(requiredField(fields, 'productId')));
			const file = readUploadedImage(fileContent, portal.maxUploadBytes);
			const type = fieldOf(fields, 'type');
			const image = portal.addImage(product.id, {
				...file,
				type: typeof type === 'string' ? type : undefined,
			});
			return { productImage: imageRecord(image, caller, origin) };
		},
	},

	'catalog.productImage.get': {
		scope: 'catalog',
		handler: ({ params, caller, portal, origin }) => {
			const productId = bindInt(params, 'productId');
			const id = bindInt(params, 'id');
			assertCanViewCatalog(caller);
			const image = existingImage(portal, existingProduct(portal, productId), id);
			return { productImage: imageRecord(image, caller, origin) };
		},
	},

	// All images at once: no paging, so `total` and never `next`.
	'catalog.productImage.list': {
		scope: 'catalog',
		handler: ({ params, caller, portal, origin }) => {
			const productId = bindInt(params, 'productId');
			const select = phpValues(bindOptionalArray(params, 'select'));
			assertCanViewCatalog(caller);
			const product = existingProduct(portal, productId);
			const fields = selectedFields(select, IMAGE_FIELDS);
			const images = portal
				.imagesOf(product.id)
				.sort((a, b) => a.id - b.id)
				.map((image) => imageRecord(image, caller, origin, fields));
			return new MethodReply({ productImages: images }, { total: images.length });
		},
	},

	'catalog.productImage.getFields': {
		scope: 'catalog',
		handler: ({ caller }) => {
			assertCanViewCatalog(caller);
			return { productImage: IMAGE_FIELD_DESCRIPTIONS };
		},
	},

	'catalog.productImage.delete': {
		scope: 'catalog',
		handler: ({ params, caller, portal }) => {
			const productId = bindInt(params, 'productId');
			const id = bindInt(params, 'id');
			assertCanModifyCatalog(caller);
			const image = existingImage(portal, existingProduct(portal, productId), id);
			portal.deleteImage(image.id);
			return true;
		},
	},
};
