import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Bitrix24Authentication, Bitrix24Call } from '../../transport';
import { callBitrix24 } from '../../transport';
import { readBatching, readTransportSettings } from '../options';
import { describeCall } from './describe';
import { withOwnChoices } from './fieldChoices';
import { describedKind, kindFieldNames } from './kinds';
import type { FieldDescription } from './record';
import { runState } from './runState';
import type { CrudOperation, ResourceSpec } from './spec';

export type FieldList = Record<string, FieldDescription>;

/** Sends one call of the run's reads for an item, with the node's credentials and options. */
export function itemSender(
	context: IExecuteFunctions,
	itemIndex: number,
): (call: Bitrix24Call) => Promise<unknown> {
	const authentication = context.getNodeParameter('authentication', 0) as Bitrix24Authentication;
	const settings = {
		...readTransportSettings(context, authentication, itemIndex),
		batching: readBatching(context),
	};
	return async (call) => await callBitrix24.call(context, call, settings, itemIndex);
}

/** Per run: each field list asked for, by what decides it (resource, operation, kind, catalog). */
const listsOfRun = new WeakMap<object, Map<string, Promise<FieldList>>>();

/**
 * The fields the item's records have, as the editor's mapping form lists them: described by the
 * resource's `getFields`, or for the kind picked (else the one the catalog holds) and the catalog
 * with `getFieldsByFilter`, the catalog's properties (`propertyN`) included. Read once per run for
 * each catalog and kind: mapped fields and filter keys are checked against it before anything
 * else is sent, as Bitrix24 drops a name it does not know without a word.
 */
export async function readFieldList(
	context: IExecuteFunctions,
	spec: ResourceSpec,
	operation: CrudOperation,
	parents: IDataObject,
	itemIndex: number,
	/** The kind whose fields are wanted, where the item decides it rather than the Kind field. */
	kindValue?: string,
): Promise<FieldList> {
	const described = spec.describedByFilter ? parents : {};
	const kindNames = kindFieldNames(spec);
	const parameter = (name: string) =>
		kindValue !== undefined && kindNames.includes(name)
			? kindValue
			: context.getNodeParameter(name, itemIndex, '');
	const kinds = kindNames.map(parameter);
	const key = JSON.stringify([spec.value, operation, kinds, described]);
	const lists = runState(listsOfRun, context, () => new Map<string, Promise<FieldList>>());
	let list = lists.get(key);
	if (list === undefined) {
		list = (async () => {
			const send = itemSender(context, itemIndex);
			const kind = await describedKind(spec, operation, parameter, described, send);
			const { call, key: resultKey } = describeCall(spec, kind, described);
			const result = (await send(call)) as IDataObject | undefined;
			return withOwnChoices(spec, (result?.[resultKey] ?? {}) as FieldList);
		})();
		lists.set(key, list);
	}
	return await list;
}
