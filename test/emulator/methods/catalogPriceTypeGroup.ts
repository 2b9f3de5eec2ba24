import { phpString } from '../binder';
import { Bitrix24Error } from '../errors';
import type { StoredRecord } from '../recordStore';
import { assertPriceType } from './catalogPriceType';
import { field } from './fieldTable';
import { recordTableMethods, type RecordTableSpec } from './recordTable';

/**
 * The customer groups that may see or buy at a price type (`catalog.priceTypeGroup.*`), from the
 * pages in catalog/price-type.
 */

const ACCESS = ['Y', 'N'];

export const PRICE_TYPE_GROUP_TABLE: RecordTableSpec = {
	method: 'catalog.priceTypeGroup',
	keys: { one: 'priceTypeGroup', many: 'priceTypeGroups' },
	table: {
		access: field('char', 'Q'),
		catalogGroupId: field('integer', 'Q'),
		groupId: field('integer', 'Q'),
		id: field('integer'),
	},
	seed: [
		{ access: 'Y', catalogGroupId: 1, groupId: 2 },
		{ access: 'N', catalogGroupId: 2, groupId: 2 },
		{ access: 'Y', catalogGroupId: 2, groupId: 23 },
	],
	methods: ['add', 'list', 'delete', 'getFields'],
	required: { add: ['catalogGroupId', 'groupId', 'access'] },
	notFound: { code: 0, text: 'Entity does not exist' },
	check(fields, { portal, store }) {
		assertPriceType(portal, fields.catalogGroupId, {
			code: 0,
			text: 'The specified price type does not exist',
		});
		if (!ACCESS.includes(phpString(fields.access))) {
			throw new Bitrix24Error(
				400,
				0,
				'Invalid access type provided. The available values are: Y, N',
			);
		}
		const same = (other: StoredRecord) =>
			other.catalogGroupId === fields.catalogGroupId &&
			other.groupId === fields.groupId &&
			other.access === fields.access;
		if (store.all().some(same)) {
			throw new Bitrix24Error(400, 0, 'The specified access type for this group already exists');
		}
		return fields;
	},
};

export const catalogPriceTypeGroupMethods = recordTableMethods(PRICE_TYPE_GROUP_TABLE);
