import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';

/**
 * The supplier of a receipt (`catalog.documentcontractor.*`): a CRM contact (entity type 3) or
 * company (4) bound to an inventory document.
 */
export const documentContractorSpec: ResourceSpec = {
	value: 'documentContractor',
	noun: 'contractor',
	method: 'catalog.documentcontractor',
	id: { name: 'contractorId', label: 'Contractor Binding ID' },
	// The list answers its bindings under the same key as one binding.
	keys: { one: 'documentContractor', many: 'documentContractor', written: 'documentContractor' },
	quickFilters: [
		{
			name: 'documentId',
			label: 'Document ID',
			description: 'Only the contractors of this inventory document',
			key: 'documentId',
			type: 'id',
		},
	],
};

export const documentContractor = specResource({
	name: 'Contractor',
	spec: documentContractorSpec,
	crud: ['create', 'getMany', 'delete', 'getFields'],
	operationDescriptions: {
		create: 'Bind a supplier (CRM contact or company) to a receipt',
		delete: "Remove a supplier's binding from a document",
		getMany: "List documents' suppliers",
	},
});
