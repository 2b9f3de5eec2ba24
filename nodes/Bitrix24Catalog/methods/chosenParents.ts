import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chooseFirst } from '../actions/kit/parents';
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
			throw new NodeOperationError(context.getNode(), chooseFirst(parent.label, then));
		}
		parents[parent.name] = toBitrix24Id(context.getNode(), value, parent.label, 0);
	}
	return parents;
}

/**
 * What a form says while a parent it needs is not chosen yet ("Choose the Catalog first, then
 * …"), or nothing once they all are: n8n's mapping form shows it in place of the fields, where a
 * loader's error would only read "No fields found".
 */
export function missingParentNotice(
	context: ILoadOptionsFunctions,
	spec: ResourceSpec,
	then: string,
): string | undefined {
	const missing = (spec.parents ?? []).find(({ name }) => {
		const value = context.getCurrentNodeParameter(name, { extractValue: true });
		return value === undefined || value === null || value === '';
	});
	return missing && chooseFirst(missing.label, then);
}
