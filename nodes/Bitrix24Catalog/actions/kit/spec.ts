/**
 * A resource as data: the generic operations (Create, Get, Get Many, Update, Delete, Get Fields)
 * and the pickers are built from it. What differs between Bitrix24's resources is said here once.
 */
export interface ResourceSpec {
	/** The Resource field's value: 'section'. */
	value: string;
	/** What one record is called in texts: 'section'. */
	noun: string;
	/** The methods' common prefix: 'catalog.section' (then .get, .list, .add, ...). */
	method: string;
	/** The record's ID, as the node's field names it. */
	id: { name: string; label: string; searchListMethod?: string };
	/** Where results sit: one record (get, getFields), a list, a written record (add, update). */
	keys: { one: string; many: string; written: string };
	/**
	 * Records that own this one, each picked in a field of its own and sent as a field of the same
	 * name: a list's filter must name them, and so must a new record (`iblockId`: the catalog).
	 */
	parents?: ParentSpec[];
	/** Fields a list must select whatever the user chose (`id`, which paging needs, and more). */
	requiredSelect?: string[];
}

export interface ParentSpec {
	/** The field, in the node and in Bitrix24: 'iblockId'. */
	name: string;
	label: string;
	description: string;
	searchListMethod: string;
}

/** The generic operations a spec gives. */
export type CrudOperation = 'create' | 'get' | 'getMany' | 'update' | 'delete' | 'getFields';
