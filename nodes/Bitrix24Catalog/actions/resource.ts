import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ResourceSpec } from './kit/spec';
import type { AnyOperation } from './operation';

/** A resource's operations by the value of its Operation field. */
export type OperationMap = Record<string, AnyOperation>;

/**
 * The Operation field of a resource: its options' values must name operations of the map, so a
 * wrong name fails to compile (and a unit test checks that every operation is shown).
 */
export type OperationField<Operations extends OperationMap> = INodeProperties & {
	name: 'operation';
	options: Array<INodePropertyOptions & { value: keyof Operations & string }>;
};

/** One resource of the node: its label, its operations and the fields they show. */
export interface Resource<Operations extends OperationMap = OperationMap> {
	name: string;
	value: string;
	operations: Operations;
	description: INodeProperties[];
	/** For a resource built from a spec: what pickers and field lists read. */
	spec?: ResourceSpec;
	/**
	 * The Custom API Call: it calls whichever catalog method the user names, so its `methods`
	 * say nothing of the documented API's coverage; offered last, where n8n puts its own.
	 */
	customApiCall?: true;
}

/**
 * The fields the operations show of their own, each once (operations of one resource may share a
 * field, as the list forms of a lifecycle share Document IDs), in the operations' order.
 */
export function ownFieldsOf(operations: AnyOperation[]): INodeProperties[] {
	return [...new Set(operations.flatMap((operation) => operation.description ?? []))];
}
