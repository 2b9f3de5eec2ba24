import type { IExecuteFunctions } from 'n8n-workflow';

import { CATALOG_METHODS } from '../../../bitrix24Api/methods';
import { itemError } from '../../../helpers/itemError';

/** `catalog.product.list`, `catalog.document.mode.status`: `catalog.` and two or more names. */
const CATALOG_METHOD = /^catalog(\.[a-z][a-z0-9_]*){2,}$/i;

const ADDS = new Set(
	CATALOG_METHODS.filter(({ name }) => name.endsWith('.add')).map(({ name }) => name.toLowerCase()),
);
const DOCUMENTED = new Set(CATALOG_METHODS.map(({ name }) => name.toLowerCase()));

/**
 * Documented methods that only read (get, list, getFields, getFieldsByFilter, isOffers,
 * download, catalog.document.mode.status, ...): sending one again after a lost answer is safe.
 */
const READ = /\.(get[a-z]*|list|is[a-z]+|download|status)$/i;

/** Documented single deletes: sent again after a lost answer, one that finds nothing is done. */
const DELETE = /\.delete$/i;

/**
 * What sending the method again after a lost answer would do, Bitrix24 reading method names in
 * any letter case:
 * - `read`: nothing; it is sent again;
 * - `delete`: it is sent again, and finding nothing to delete means the first attempt did;
 * - `create`: a second record (the documented `*.add`, and any method the reference does not
 *   list, as nothing says what it does): never sent again;
 * - `change`: the work twice, or a refusal of work already done ("The document has already been
 *   conducted"): update, modify, set, conduct, cancel and the list forms; never sent again.
 */
export function resendKind(method: string): 'read' | 'delete' | 'create' | 'change' {
	const name = method.toLowerCase();
	if (ADDS.has(name) || !DOCUMENTED.has(name)) return 'create';
	if (READ.test(name)) return 'read';
	return DELETE.test(name) ? 'delete' : 'change';
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
	throw itemError(
		context.getNode(),
		other
			? `Method must be a catalog method (catalog.…), but got ${shown}`
			: `Method must be a method name such as catalog.product.list, but got ${shown}`,
		itemIndex,
		other
			? 'This node calls the Bitrix24 catalog API only: pick a method from the list or type one that starts with "catalog.". Nothing was sent.'
			: 'Pick a method from the list, or type its name as the Bitrix24 REST reference writes it. Nothing was sent.',
	);
}
