import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../helpers/itemError';
import { explained } from '../guide';
import type { Bitrix24Call } from '../../transport';
import { shownFor } from './fields';
import type { CrudOperation, KindsSpec, RecordKind, ResourceSpec } from './spec';

/** The Kind field's value for every kind: the spec's own methods, which serve every kind. */
export const ANY_KIND = 'any';

/**
 * The operations that pick a kind: Create, Create or Update and Get Fields pick the group that
 * adds or describes it; Get Many, Get, Update and Delete one kind or any kind. Any kind (the
 * default) sends the spec's own methods, which read and write a record of every kind by its ID;
 * a kind sends its group's, which also check that the record is of that kind.
 */
const PICKS: Partial<Record<CrudOperation, { any: boolean }>> = {
	create: { any: false },
	upsert: { any: false },
	getFields: { any: false },
	getMany: { any: true },
	get: { any: true },
	update: { any: true },
	delete: { any: true },
};

/** 'productKind', or 'productKindOrAny' where every kind may be chosen (its options differ). */
function fieldName(kinds: KindsSpec, any: boolean): string {
	return any ? `${kinds.name}OrAny` : kinds.name;
}

/** The names of a spec's Kind fields: the forms and field lists that depend on them. */
export function kindFieldNames(spec: ResourceSpec): string[] {
	return spec.kinds ? [fieldName(spec.kinds, false), fieldName(spec.kinds, true)] : [];
}

/** The spec's own methods, as a kind. */
export function anyKind(spec: ResourceSpec): RecordKind {
	return {
		value: ANY_KIND,
		name: 'Any Kind',
		description: `Every kind of ${spec.noun}`,
		method: spec.method,
		keys: spec.keys,
	};
}

/**
 * The Kind fields of a spec, each shown for those of `operations` that pick one, and for the
 * resource's own operations that pick one as Get does (`likeGet`).
 */
export function kindFields(
	spec: ResourceSpec,
	operations: CrudOperation[],
	likeGet: string[] = [],
): INodeProperties[] {
	const { kinds } = spec;
	if (!kinds) return [];
	return [false, true].flatMap((any) => {
		const shown = [
			...operations.filter((operation) => PICKS[operation]?.any === any),
			...(any ? likeGet : []),
		];
		if (shown.length === 0) return [];
		const options = any ? [anyKind(spec), ...kinds.options] : kinds.options;
		return [
			{
				displayName: kinds.label,
				name: fieldName(kinds, any),
				type: 'options' as const,
				noDataExpression: true,
				options: options.map(({ name, value, description }) => ({ name, value, description })),
				default: options[0].value,
				...explained(kinds.description),
				displayOptions: shownFor(spec.value, shown),
			},
		];
	});
}

/** The kind an operation works with for one item: the one picked, or the spec's own methods. */
export function readKind(
	context: Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'>,
	spec: ResourceSpec,
	operation: CrudOperation,
	itemIndex: number,
): RecordKind {
	const pick = PICKS[operation];
	if (!spec.kinds || !pick) return anyKind(spec);
	const value = context.getNodeParameter(fieldName(spec.kinds, pick.any), itemIndex) as unknown;
	const kind = kindOf(spec, pick.any, value);
	if (kind) return kind;
	throw itemError(
		context.getNode(),
		`${spec.kinds.label} "${String(value)}" is not one this node knows`,
		itemIndex,
		`Choose one of: ${kindsOf(spec, pick.any)
			.map(({ name }) => name)
			.join(', ')}.`,
	);
}

/**
 * The kind whose fields the editor lists for an operation: the one picked, else the kind the
 * parents hold (an Update, or a list of every kind).
 */
export async function describedKind(
	spec: ResourceSpec,
	operation: string,
	readParameter: (name: string) => unknown,
	parents: IDataObject,
	send: (call: Bitrix24Call) => Promise<unknown>,
): Promise<RecordKind> {
	const { kinds } = spec;
	if (!kinds) return anyKind(spec);
	const pick = PICKS[operation as CrudOperation];
	const picked = pick ? kindOf(spec, false, readParameter(fieldName(kinds, pick.any))) : undefined;
	return (
		picked ?? kindOf(spec, false, await kinds.kindOfParents(parents, send)) ?? kinds.options[0]
	);
}

/**
 * The methods an operation may call, one per method group it may pick (`catalog.product.sku.add`,
 * ...), or the spec's own where it picks none.
 */
export function kindMethods(
	spec: ResourceSpec,
	operation: CrudOperation,
	suffix: string,
): string[] {
	const pick = PICKS[operation];
	const groups = spec.kinds && pick ? kindsOf(spec, pick.any) : [anyKind(spec)];
	return [...new Set(groups.map((kind) => `${kind.method}.${suffix}`))];
}

function kindsOf(spec: ResourceSpec, any: boolean): RecordKind[] {
	const options = spec.kinds?.options ?? [];
	return any ? [anyKind(spec), ...options] : options;
}

function kindOf(spec: ResourceSpec, any: boolean, value: unknown): RecordKind | undefined {
	return kindsOf(spec, any).find((kind) => kind.value === value);
}
