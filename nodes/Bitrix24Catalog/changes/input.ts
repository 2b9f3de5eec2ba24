import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBitrix24Id } from '../helpers/ids';
import type { Bitrix24Authentication } from '../transport';
import { DEFAULT_PRODUCT_FIELDS, parseFieldList } from '../trigger/productDetails';
import type { WatchName, WatchSpec } from './watches';
import { WATCHES } from './watches';

export type Change = 'added' | 'changed' | 'removed';

/** What a poll watches, read from the node's parameters and checked before anything is sent. */
export interface ChangesQuery {
	authentication: Bitrix24Authentication;
	spec: WatchSpec;
	/** The list's own filter (catalog, stores, document types). */
	filter: IDataObject;
	select: string[];
	emit: Set<Change>;
	/** Tells what is watched: the state of another watch is not compared with this one's. */
	watchKey: string;
}

function refuse(
	context: IPollFunctions,
	message: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description });
}

function idOrRefuse(context: IPollFunctions, value: unknown, label: string): number {
	const read = readBitrix24Id(value);
	if ('id' in read) return read.id;
	throw refuse(
		context,
		`${label} ${read.problem}`,
		`${label} takes a Bitrix24 ID, for example 23.`,
	);
}

/** `1, 2` → [1, 2]; empty → []. */
function storeIdsOf(context: IPollFunctions): number[] {
	const text = context.getNodeParameter('storeIds', '') as unknown;
	if (typeof text === 'number') return [idOrRefuse(context, text, 'Store IDs')];
	if (typeof text !== 'string') {
		throw refuse(context, 'Store IDs must be store IDs separated by commas, for example 1, 2');
	}
	const parts = text.split(',').map((part) => part.trim());
	if (parts.length === 1 && parts[0] === '') return [];
	return [...new Set(parts.map((part) => idOrRefuse(context, part, 'Store IDs')))];
}

function documentTypesOf(context: IPollFunctions): string[] {
	const types = context.getNodeParameter('documentTypes', []) as unknown;
	const list = Array.isArray(types) ? types : [types];
	for (const type of list) {
		if (typeof type !== 'string' || !/^[A-Z]$/.test(type)) {
			throw refuse(
				context,
				`Document Types holds ${JSON.stringify(type)}, which is no document type`,
				'Document types are single capital letters: A (arrival), S (receipt), M (transfer), R (return), D (write-off).',
			);
		}
	}
	return list as string[];
}

function filterOf(context: IPollFunctions, watch: WatchName): IDataObject {
	switch (watch) {
		case 'stock': {
			const stores = storeIdsOf(context);
			// `@` is "in" for the ORM lists (catalog/store-product/catalog-store-product-list.md).
			return stores.length > 0 ? { '@storeId': stores } : {};
		}
		case 'documents': {
			const types = documentTypesOf(context);
			return types.length > 0 ? { '@docType': types } : {};
		}
		case 'sections':
		case 'products': {
			const catalog = context.getNodeParameter('catalogId', '', { extractValue: true });
			return { iblockId: idOrRefuse(context, catalog, 'Catalog') };
		}
	}
}

function selectOf(context: IPollFunctions, spec: WatchSpec): string[] {
	if (spec.value !== 'products') return [...spec.select];
	const fields = parseFieldList(
		String(context.getNodeParameter('productFields', DEFAULT_PRODUCT_FIELDS) ?? ''),
	);
	const bad = fields.find((field) => !/^[A-Za-z][A-Za-z0-9_]*$/.test(field));
	if (bad !== undefined) {
		throw refuse(
			context,
			`Product Fields holds "${bad}", which is no field name`,
			'Name fields as the product list answers them, separated by commas: id, name, active, property258.',
		);
	}
	// An empty list means every field, which the product list gives for `*` (select must name
	// `id` and `iblockId`: catalog/product/catalog-product-list.md).
	return [...new Set([...(fields.length > 0 ? fields : ['*']), ...spec.select])];
}

function emitOf(context: IPollFunctions, spec: WatchSpec): Set<Change> {
	const allowed: Change[] =
		spec.way.kind === 'compared' ? ['added', 'changed', 'removed'] : ['added', 'changed'];
	const emit = context.getNodeParameter('emit', allowed) as unknown;
	const list = Array.isArray(emit) ? emit : [emit];
	for (const value of list) {
		if (!allowed.includes(value as Change)) {
			throw refuse(
				context,
				`Emit holds ${JSON.stringify(value)}, which ${spec.noun}s cannot give`,
				`Emit takes ${allowed.join(', ')} here.`,
			);
		}
	}
	if (list.length === 0) throw refuse(context, 'Choose at least one kind of change in Emit');
	return new Set(list as Change[]);
}

/** The node's parameters as a query; bad input is refused here, naming the parameter. */
export function readQuery(context: IPollFunctions): ChangesQuery {
	const authentication = context.getNodeParameter(
		'authentication',
		'webhook',
	) as Bitrix24Authentication;
	const watch = context.getNodeParameter('watch', 'stock') as WatchName;
	const spec = WATCHES[watch];
	if (!spec)
		throw refuse(context, `Watch holds ${JSON.stringify(watch)}, which the node cannot watch`);
	const filter = filterOf(context, watch);
	const select = selectOf(context, spec);
	const emit = emitOf(context, spec);
	return {
		authentication,
		spec,
		filter,
		select,
		emit,
		watchKey: JSON.stringify([watch, filter]),
	};
}
