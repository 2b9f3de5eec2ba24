import { CATALOG_GUIDE } from '../../guide';
import { ALL_CRUD } from '../../kit/crud';
import { specResource } from '../../kit/resource';
import { downloadFile } from './downloadFile.operation';
import { productSpec } from './spec';
import { syncProducts } from './sync/sync.operation';

export const product = specResource({
	name: 'Product',
	about: CATALOG_GUIDE.kinds,
	spec: productSpec,
	crud: ALL_CRUD,
	operationDescriptions: {
		create: 'Create a simple product, parent product, variation or service',
		delete: 'Delete a product of any kind',
		get: 'Get a product of any kind',
		getFields: "Get the fields a catalog's products of one kind have, properties included",
		getMany: "List a catalog's products",
		update: "Change a product's fields and property values",
	},
	custom: {
		sync: {
			operation: syncProducts,
			takesParents: true,
			label: {
				name: 'Sync',
				description:
					'Bring the catalog in line with a feed: create, update or remove only what differs (dry run first)',
				action: 'Sync products with a feed',
			},
		},
		downloadFile: {
			operation: downloadFile,
			takesId: true,
			picksKindLikeGet: true,
			label: {
				name: 'Download File',
				description: "Get a product's picture or file property as binary data",
				action: 'Download a file of a product',
			},
		},
	},
	// Get, Delete and Download File take a product of any catalog; Update lists the chosen catalog's.
	idPicker: { searchListMethod: 'searchProducts', operations: ['get', 'delete', 'downloadFile'] },
});
