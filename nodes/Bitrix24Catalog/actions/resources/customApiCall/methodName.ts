import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CATALOG_METHODS } from '../../../catalog/methods';

/** `catalog.product.list`, `catalog.document.mode.status`: `catalog.` and two or more names. */
const CATALOG_METHOD = /^catalog(\.[a-z][a-z0-9_]*){2,}$/i;

const ADDS = new Set(
	CATALOG_METHODS.filter(({ name }) => name.endsWith('.add')).map(({ name }) => name.toLowerCase()),
);
const DOCUMENTED = new Set(CATALOG_METHODS.map(({ name }) => name.toLowerCase()));

/**
 * Whether a call of the method may create something, so that it must never be sent twice: the
 * documented `*.add` methods, and any method the reference does not list, as nothing says what
 * it does. Bitrix24 reads method names in any letter case.
 */
export function mayCreate(method: string): boolean {
	const name = method.toLowerCase();
	return ADDS.has(name) || !DOCUMENTED.has(name);
}

/**
 * The item's method, checked before anything is sent: a catalog method only, as this node is
 * for the catalog API; one the reference does not list yet is sent as it is.
 */
export function readMethodName(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('method', itemIndex, '', { extractValue: true }) as unknown;
	const method = typeof raw === 'string' ? raw.trim() : '';
	if (CATALOG_METHOD.test(method)) return method;
	const shown = typeof raw === 'string' ? `"${raw}"` : String(raw);
	// A well-formed name of another API (crm.product.list, batch) is told apart from a typo.
	const other = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/i.test(method) && !/^catalog\./i.test(method);
	throw new NodeOperationError(
		context.getNode(),
		other
			? `Method must be a catalog method (catalog.…), but got ${shown} [item ${itemIndex}]`
			: `Method must be a method name such as catalog.product.list, but got ${shown} [item ${itemIndex}]`,
		{
			itemIndex,
			description: other
				? 'This node calls the Bitrix24 catalog API only: pick a method from the list or type one that starts with "catalog.". Nothing was sent.'
				: 'Pick a method from the list, or type its name as the Bitrix24 REST reference writes it. Nothing was sent.',
		},
	);
}
