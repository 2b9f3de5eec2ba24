import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readId } from '../../../helpers/ids';
import { itemError } from '../../../helpers/itemError';
import { objectResult } from '../../resultShape';
import { shownFor } from '../../kit/fields';
import { specResource } from '../../kit/resource';
import type { ResourceSpec } from '../../kit/spec';
import type { Operation } from '../../operation';
import { itemsOf } from '../../operation';
import { productPropertySpec } from './property';

/**
 * How each property shows in the smart filter of the catalog's sections
 * (`catalog.productPropertySection.*`): one record per property, read and set by its ID.
 */
export const sectionSettingsSpec: ResourceSpec = {
	value: 'productPropertySection',
	noun: "property's section settings",
	plural: "properties' section settings",
	method: 'catalog.productPropertySection',
	id: {
		name: 'propertyId',
		label: 'Property ID',
		pickedFrom: productPropertySpec,
		param: 'propertyId',
	},
	keys: {
		one: 'productPropertySection',
		many: 'productPropertySections',
		written: 'productPropertySection',
	},
};

const KEY = sectionSettingsSpec.keys.written;

const YES_NO = (value: unknown) => (value ? 'Y' : 'N');

/** The settings Set changes, as the `set` page lists them. */
const settingsField = {
	displayName: 'Settings',
	name: 'sectionSettings',
	type: 'collection' as const,
	placeholder: 'Add Setting',
	default: {},
	displayOptions: shownFor(sectionSettingsSpec.value, ['set']),
	options: [
		{
			displayName: 'Display Expanded',
			name: 'displayExpanded',
			type: 'boolean' as const,
			default: false,
			description: 'Whether the property is shown expanded in the filter',
		},
		{
			displayName: 'Display Type',
			name: 'displayType',
			type: 'options' as const,
			default: 'F',
			description: "How the smart filter offers the property's values",
			options: [
				{ name: 'Checkboxes', value: 'F' },
				{ name: 'Dropdown List', value: 'P' },
				{ name: 'Radio Buttons', value: 'K' },
			],
		},
		{
			displayName: 'Filter Hint',
			name: 'filterHint',
			type: 'string' as const,
			default: '',
			description: 'A hint for visitors in the smart filter',
		},
		{
			displayName: 'Smart Filter',
			name: 'smartFilter',
			type: 'boolean' as const,
			default: false,
			description: 'Whether the property is shown in the smart filter',
		},
	],
};

const FLAGS = ['displayExpanded', 'smartFilter'];

/** Sets a property's section settings: those given change, the others stay. */
const set: Operation<undefined> = {
	description: [settingsField],
	methods: [`${sectionSettingsSpec.method}.set`],
	build(this: IExecuteFunctions, itemIndex: number) {
		const propertyId = readId(this, 'propertyId', 'Property ID', itemIndex);
		const given = this.getNodeParameter('sectionSettings', itemIndex, {}) as IDataObject;
		const fields = Object.fromEntries(
			Object.entries(given).map(([name, value]) => [
				name,
				FLAGS.includes(name) ? YES_NO(value) : value,
			]),
		);
		if (Object.keys(fields).length === 0) {
			throw itemError(
				this.getNode(),
				'Settings: nothing to set',
				itemIndex,
				'Add at least one setting.',
			);
		}
		return {
			call: { method: `${sectionSettingsSpec.method}.set`, params: { propertyId, fields } },
			input: undefined,
		};
	},
	resultShape: objectResult(KEY, true, 'propertyId'),
	toItems: (result, _input, { itemIndex }) =>
		itemsOf([(result as Record<string, IDataObject>)[KEY]], itemIndex),
};

export const sectionSettings = specResource({
	name: 'Property Section Settings',
	spec: sectionSettingsSpec,
	crud: ['get', 'getMany'],
	operationDescriptions: {
		get: "Get a property's section settings",
		getMany: "List the properties' section settings",
	},
	custom: {
		set: {
			operation: set,
			takesId: true,
			label: {
				name: 'Set',
				description: "Change a property's section settings",
				action: "Set a property's section settings",
			},
		},
	},
});
