import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readBitrix24Id, readId } from '../../../helpers/ids';
import { itemError } from '../../../helpers/itemError';
import type { Bitrix24Call } from '../../../transport';
import type { CustomOperation } from '../../kit/resource';
import type { ItemContext, Operation } from '../../operation';
import { itemsOf } from '../../operation';
import { inventoryDocumentSpec as spec } from './spec';
import type { Refused } from './refusal';
import { isRefused, keepRefusal, refusalError, TRUE_OR_REFUSED } from './refusal';

/** What a lifecycle method does to a document, and how the node reports it. */
interface Action {
	/** The single method (`conduct`), if there is one, and the list method (`conductList`). */
	one?: string;
	many: string;
	/** What the output says of a document the action went through for. */
	done: IDataObject;
	/** Whether the action went through for a document, from its row in a list (undefined: gone). */
	isDone(row: IDataObject | undefined): boolean;
	/** How the error lists the documents: "conducted" and "not conducted". */
	doneWord: string;
	notDoneWord: string;
}

const CONDUCT: Action & { one: string } = {
	one: 'catalog.document.conduct',
	many: 'catalog.document.conductList',
	done: { status: 'Y' },
	isDone: (row) => row?.status === 'Y',
	doneWord: 'conducted',
	notDoneWord: 'not conducted',
};

const CANCEL: Action & { one: string } = {
	one: 'catalog.document.cancel',
	many: 'catalog.document.cancelList',
	done: { status: 'N' },
	isDone: (row) => row !== undefined && row.status !== 'Y',
	doneWord: 'not conducted now',
	notDoneWord: 'still conducted',
};

const DELETE: Action = {
	many: 'catalog.document.deleteList',
	done: { deleted: true },
	isDone: (row) => row === undefined,
	doneWord: 'deleted',
	notDoneWord: 'not deleted',
};

/** Conduct or Cancel of the document the item picks; a refusal names it. */
function single(action: Action & { one: string }): Operation<number> {
	return {
		methods: [action.one, `${spec.method}.list`],
		build(this: IExecuteFunctions, itemIndex) {
			const id = readId(this, spec.id.name, spec.id.label, itemIndex);
			return {
				call: { method: action.one, params: { id }, resultOfFailure: keepRefusal },
				input: id,
			};
		},
		resultShape: TRUE_OR_REFUSED,
		async toItems(result, id, context) {
			if (isRefused(result) && !(await wentThrough(action, id, result, context))) {
				throw refusalError(this.getNode(), result, context.itemIndex, `inventory document ${id}`, {
					documentId: id,
				});
			}
			return itemsOf([{ id, ...action.done }], context.itemIndex);
		},
	};
}

const IDS_FIELD = 'documentIds';

/** The item's Document IDs: a list, or text with commas; at least one, each an ID. */
function readDocumentIds(context: IExecuteFunctions, itemIndex: number): number[] {
	const value = context.getNodeParameter(IDS_FIELD, itemIndex, '') as unknown;
	const given = Array.isArray(value)
		? value
		: String(value ?? '')
				.split(',')
				.map((part) => part.trim())
				.filter((part) => part !== '');
	const fail = (message: string) =>
		itemError(
			context.getNode(),
			message,
			itemIndex,
			'Give the IDs of the inventory documents, separated by commas, e.g. 12, 13, 15.',
		);
	if (given.length === 0) throw fail('Document IDs is empty');
	const ids = given.map((entry) => {
		const read = readBitrix24Id(entry);
		if ('problem' in read) throw fail(`Document IDs: an ID ${read.problem}`);
		return read.id;
	});
	return [...new Set(ids)];
}

/** Where each document stands after a list method refused: read back, 50 to a list call. */
async function statesOf(ids: number[], context: ItemContext): Promise<Map<number, IDataObject>> {
	const calls: Bitrix24Call[] = [];
	for (let start = 0; start < ids.length; start += 50) {
		calls.push({
			method: `${spec.method}.list`,
			params: { select: ['id', 'status'], filter: { id: ids.slice(start, start + 50) } },
		});
	}
	const rows = new Map<number, IDataObject>();
	for (const outcome of await context.sendAll(calls)) {
		if ('error' in outcome) throw outcome.error;
		const found = (outcome.result as { documents?: IDataObject[] } | undefined)?.documents ?? [];
		for (const row of found) rows.set(Number(row.id), row);
	}
	return rows;
}

/**
 * Whether a refusal after a lost answer only says the lost attempt did the work (the document
 * conducted already): then the document stands as the action leaves it.
 */
async function wentThrough(
	action: Action,
	id: number,
	refusal: Refused,
	context: ItemContext,
): Promise<boolean> {
	return refusal.uncertain && action.isDone((await statesOf([id], context)).get(id));
}

/**
 * Conduct, Cancel or Delete of many documents in one call (`conductList`, ...). Bitrix24 goes
 * through the documents one by one and answers only the first refusal, keeping what went
 * through; so after a refusal the node reads where each document stands, and the item's error
 * lists which the action went through for and which not (also in its details). A refusal of a
 * call sent again after its answer was lost is no error when every document stands done.
 */
function many(action: Action): Operation<number[]> {
	return {
		description: [documentIdsField],
		methods: [action.many, `${spec.method}.list`],
		build(this: IExecuteFunctions, itemIndex) {
			const documentIds = readDocumentIds(this, itemIndex);
			return {
				call: { method: action.many, params: { documentIds }, resultOfFailure: keepRefusal },
				input: documentIds,
			};
		},
		resultShape: TRUE_OR_REFUSED,
		async toItems(result, ids, context) {
			const { itemIndex } = context;
			const succeeded = () =>
				itemsOf(
					ids.map((id) => ({ id, ...action.done })),
					itemIndex,
				);
			if (!isRefused(result)) return succeeded();
			const rows = await statesOf(ids, context);
			const done = ids.filter((id) => action.isDone(rows.get(id)));
			const notDone = ids.filter((id) => !done.includes(id));
			// After a lost answer, a refusal may only say the lost attempt did it all.
			if (result.uncertain && notDone.length === 0) return succeeded();
			const list = (some: number[]) => (some.length > 0 ? some.join(', ') : 'none');
			throw refusalError(
				this.getNode(),
				result,
				itemIndex,
				`${action.doneWord}: ${list(done)}; ${action.notDoneWord}: ${list(notDone)}`,
				{ documentIds: ids, done, notDone },
			);
		},
	};
}

/** The Document IDs field of the list forms. */
const documentIdsField = {
	displayName: 'Document IDs',
	name: IDS_FIELD,
	type: 'string' as const,
	default: '',
	required: true,
	placeholder: 'e.g. 12, 13, 15',
	description: 'The inventory documents, by ID, separated by commas (or a list from an expression)',
	displayOptions: {
		show: { resource: [spec.value], operation: ['conductMany', 'cancelMany', 'deleteMany'] },
	},
};

export const lifecycleOperations: Record<string, CustomOperation> = {
	conduct: {
		operation: single(CONDUCT),
		takesId: true,
		label: {
			name: 'Conduct',
			description: 'Conduct a document: its goods come into or leave the stores',
			action: 'Conduct an inventory document',
		},
	},
	cancel: {
		operation: single(CANCEL),
		takesId: true,
		label: {
			name: 'Cancel',
			description: 'Cancel a conducted document: its changes to stock are undone',
			action: 'Cancel an inventory document',
		},
	},
	conductMany: {
		operation: many(CONDUCT),
		label: {
			name: 'Conduct Many',
			description: 'Conduct several documents in one call',
			action: 'Conduct many inventory documents',
		},
	},
	cancelMany: {
		operation: many(CANCEL),
		label: {
			name: 'Cancel Many',
			description: 'Cancel several conducted documents in one call',
			action: 'Cancel many inventory documents',
		},
	},
	deleteMany: {
		operation: many(DELETE),
		label: {
			name: 'Delete Many',
			description: 'Delete several documents that are not conducted in one call',
			action: 'Delete many inventory documents',
		},
	},
};
