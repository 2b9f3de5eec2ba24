import type { IDataObject } from 'n8n-workflow';

import type { Bitrix24Call } from '../../transport';

/**
 * A resource as data: the generic operations (Create, Get, Get Many, Update, Delete, Get Fields)
 * and the pickers are built from it. What differs between Bitrix24's resources is said here once.
 */
export interface ResourceSpec {
	/** The Resource field's value: 'section'. */
	value: string;
	/** What one record is called in texts: 'section'. */
	noun: string;
	/** What many are called, where adding an s is wrong: 'properties'. */
	plural?: string;
	/** The methods' common prefix: 'catalog.section' (then .get, .list, .add, ...). */
	method: string;
	/** The record's ID, as the node's field names it. */
	id: {
		name: string;
		label: string;
		/** The listSearch method of the record ID field's picker: one lists the spec's records. */
		searchListMethod?: string;
		/**
		 * The resource whose records the ID picker lists, where they are another's (a property's
		 * section settings are found by the property's ID): the field takes that one's picker.
		 */
		pickedFrom?: ResourceSpec;
		/**
		 * What the methods take the ID as, and the record holds it under, where that is not `id`
		 * (a property's filter settings: `propertyId`).
		 */
		param?: string;
	};
	/**
	 * Pickers of part of the records, by their listSearch method and the filter that makes the
	 * part (list properties: `{ propertyType: 'L' }`), besides the ID picker.
	 */
	partPickers?: Record<string, IDataObject>;
	/**
	 * Fields Bitrix24 wants on every update (a VAT rate's `name` and `rate`): where the user
	 * leaves one out, Update reads the record first and sends its current value.
	 */
	keptOnUpdate?: string[];
	/**
	 * Fields that hold the ID of another resource's record (a product's `measure`, `vatId`):
	 * the mapping form offers those records by their names.
	 */
	references?: Record<string, ResourceSpec>;
	/** Fields that take one of the few values their page lists (a property's type): offered by name. */
	listedValues?: Record<string, Array<{ name: string; value: string }>>;
	/** Where results sit: one record (get, getFields), a list, a written record (add, update). */
	keys: ResultKeys;
	/**
	 * Records that own this one, each picked in a field of its own and sent as a field of the same
	 * name: a list's filter must name them, and so must a new record (`iblockId`: the catalog).
	 */
	parents?: ParentSpec[];
	/** Fields a list must select whatever the user chose (`id`, which paging needs, and more). */
	requiredSelect?: string[];
	/** What a list selects when the user chose no fields; none (every field) by default. */
	defaultSelect?: string[];
	/**
	 * Kinds of record with method groups of their own (products: simple, parent, variation,
	 * service), picked where they matter; the spec's own methods read and write every kind.
	 */
	kinds?: KindsSpec;
	/**
	 * Records describe their fields with `getFieldsByFilter`, given the parents and the kind
	 * (the catalog's properties are fields too), instead of `getFields`.
	 */
	describedByFilter?: boolean;
	/**
	 * Fields that hold property values (`property110`): written as `{ value }`, a list of them
	 * for a multiple property, as Bitrix24 takes them.
	 */
	isPropertyField?(name: string): boolean;
	/** A record as the node outputs it (products: no credentials in file addresses). */
	present?(record: IDataObject): IDataObject;
	/** The field pickers show and search records by; `name` by default (stores have a `title`). */
	titleField?: string;
	/** Conditions Get Many offers as fields of their own (Product ID, Amount Below). */
	quickFilters?: QuickFilter[];
	/**
	 * Fields whose values another method lists as `{ [key]: [{ id, name }] }` (a document's
	 * type): the mapping form offers them by name.
	 */
	choices?: Record<string, { method: string; key: string }>;
	/** Fields Bitrix24 types `char` that hold text (a currency code), not a Y/N switch. */
	textFields?: string[];
	/**
	 * What the mapping form (`fields`) and Get Many's Filters say of the records' traps, as their
	 * descriptions and as hints for n8n's AI builder.
	 */
	guide?: { fields?: string; filters?: string };
}

/** A condition of Get Many with a field of its own, sent as the filter key `key` when given. */
export interface QuickFilter {
	/** The field's name in the Filter By collection: 'productId'. */
	name: string;
	label: string;
	description: string;
	/** The list's filter key: 'productId', '<amount'. */
	key: string;
	/** `id`: a record's ID (a whole number, 1 or more); `number`: any number. */
	type: 'id' | 'number';
}

export interface ResultKeys {
	one: string;
	many: string;
	written: string;
}

export interface ParentSpec {
	/** The field, in the node and in Bitrix24: 'iblockId'. */
	name: string;
	label: string;
	description: string;
	searchListMethod: string;
	/**
	 * Pickers list the records of every parent while none is chosen (a property's list values,
	 * picked where the property is not a field of the form).
	 */
	optionalInPickers?: boolean;
}

/** One kind of record and the method group that serves it. */
export interface RecordKind {
	/** The Kind field's value: 'sku'. */
	value: string;
	name: string;
	description: string;
	/** The group's prefix: 'catalog.product.sku'. */
	method: string;
	keys: ResultKeys;
	/** Added to the filter of `getFieldsByFilter`: what the group describes (`productType`). */
	describeFilter?: IDataObject;
	/** Added to a list's filter when the group lists other kinds too (`type`). */
	listFilter?: IDataObject;
}

export interface KindsSpec {
	/** The Kind field's name: 'productKind'. */
	name: string;
	label: string;
	/** What the Kind field says of the kinds (and n8n's AI builder reads). */
	description?: string;
	options: RecordKind[];
	/**
	 * The kind whose fields a form shows where no kind is picked (Update, Get Many of every
	 * kind), found from the parents: products of a variations catalog are variations.
	 */
	kindOfParents(
		parents: IDataObject,
		send: (call: Bitrix24Call) => Promise<unknown>,
	): Promise<string>;
}

/** The generic operations a spec gives. */
export type CrudOperation =
	| 'create'
	| 'get'
	| 'getMany'
	| 'update'
	| 'delete'
	| 'getFields'
	| 'upsert';
