import { CATALOG_GUIDE } from '../../guide';
import { specResource } from '../../kit/resource';
import { lifecycleOperations } from './lifecycle';
import { documentTypesOperation, inventoryModeOperation } from './mode';
import { inventoryDocumentSpec } from './spec';
import { userFieldOperations } from './userFields';

export { inventoryDocumentSpec } from './spec';

export const inventoryDocument = specResource({
	name: 'Inventory Document',
	about: CATALOG_GUIDE.stock,
	spec: inventoryDocumentSpec,
	crud: ['create', 'getMany', 'update', 'delete', 'getFields'],
	operationDescriptions: {
		create:
			'Create a draft document (receipt, transfer, write-off...); add its items, then conduct it',
		delete: 'Delete a document that is not conducted',
	},
	custom: {
		...lifecycleOperations,
		getInventoryMode: inventoryModeOperation,
		getDocumentTypes: documentTypesOperation,
		...userFieldOperations,
	},
});
