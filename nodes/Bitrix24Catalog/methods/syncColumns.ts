import type { IDataObject, ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { describeCall } from '../actions/kit/describe';
import { withChoices } from '../actions/kit/fieldChoices';
import { FIELDS_LOAD } from '../actions/kit/parents';
import { type FieldDescription, mappingColumns } from '../actions/kit/record';
import { isPropertyField, productSpec } from '../actions/resources/product/spec';
import { findVariationsCatalog } from '../actions/resources/product/sync/variations';
import { chosenParents } from './chosenParents';
import { getCreateColumns, senderOf } from './recordFields';

/**
 * The mapping form of Product → Sync: Create's columns for the catalog's products, then the
 * properties of its variations catalog (a variation's size, colour...), which only variations,
 * the items with a Parent Key, have: named so, and never required of the feed's products.
 */
export async function getSyncColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const columns = await getCreateColumns.call(this);
	if (columns.fields.length === 0) return columns;
	const send = senderOf(this);
	const { iblockId } = chosenParents(this, productSpec, FIELDS_LOAD) as { iblockId: number };
	const variationsIblockId = await findVariationsCatalog(send, iblockId);
	const offer = productSpec.kinds?.options.find((kind) => kind.value === 'offer');
	if (variationsIblockId === undefined || !offer) return columns;
	const { call, key } = describeCall(productSpec, offer, { iblockId: variationsIblockId });
	const described = (((await send(call)) as IDataObject | undefined)?.[key] ?? {}) as Record<string, FieldDescription>;
	const taken = new Set(columns.fields.map((field) => field.id));
	// The parent link is the node's to write, from Parent Key.
	const properties = Object.entries(described)
		.filter(([id]) => isPropertyField(id) && id !== 'parentId' && !taken.has(id))
		.map(([id, field]) => [id, { ...field, name: `${field.name ?? id}, variations`, isRequired: false }]);
	const fields = await withChoices(productSpec, Object.fromEntries(properties) as Record<string, FieldDescription>, send);
	return { fields: [...columns.fields, ...mappingColumns(fields, 'create')] };
}
