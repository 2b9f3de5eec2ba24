import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ResourceSpec } from '../actions/kit/spec';
import { toBitrix24Id } from '../helpers/ids';

/**
 * The parents chosen in the node, as the editor holds them (`{ iblockId: 23 }`): a picker lists
 * the records they hold, a form the fields they give. `then` says what needs them; a picker
 * (`purpose: 'pick'`) does without the parents that are optional in pickers.
 */
export function chosenParents(
	context: ILoadOptionsFunctions,
	spec: ResourceSpec,
	then: string,
	purpose: 'pick' | 'describe' = 'describe',
): IDataObject {
	const parents: IDataObject = {};
	for (const parent of spec.parents ?? []) {
		const optional = parent.optionalInPickers === true && purpose === 'pick';
		// A parent the form does not show has nothing to extract: n8n would throw for it.
		if (optional && context.getCurrentNodeParameter(parent.name) === undefined) continue;
		const value = context.getCurrentNodeParameter(parent.name, { extractValue: true });
		if (value === undefined || value === null || value === '') {
			if (optional) continue;
			throw new NodeOperationError(
				context.getNode(),
				`Choose the ${parent.label} first, then ${then}`,
			);
		}
		parents[parent.name] = toBitrix24Id(context.getNode(), value, parent.label, 0);
	}
	return parents;
}
