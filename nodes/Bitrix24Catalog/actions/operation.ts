import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Bitrix24Call, CallOutcome, TransportSettings } from '../transport';
import type { ExpectedFile, PortalFile } from '../transport/fileBody';
import type { ResultShape } from './resultShape';

/** What an operation may do for its item after the first call: more calls, or fetch a portal file. */
export interface ItemContext {
	itemIndex: number;
	/** Whether the call would ride in a `batch` request (Options → Batch Requests, and its parameters allow it). */
	mayBatch(call: Bitrix24Call): boolean;
	send(call: Bitrix24Call): Promise<unknown>;
	/** Several calls, 50 to a request where they may ride in a batch: each call's result or error, in order; all run. */
	sendAll(calls: Bitrix24Call[]): Promise<CallOutcome[]>;
	/** A file the portal serves at an address its answer gave (`detailUrl`): only from the portal. */
	fetchFile(detailUrl: unknown, expected: ExpectedFile): Promise<PortalFile>;
	/** A file a method answers with (`catalog.product.download`), sent with the item's settings. */
	downloadFile(call: Bitrix24Call, expected: ExpectedFile): Promise<PortalFile>;
}

/** An item's first call, and what `build` read for it, handed on to `toItems`. */
export interface Plan<Input> {
	call: Bitrix24Call;
	input: Input;
	/** The call's result, where it is known without asking (a filter no row can meet): not sent. */
	known?: unknown;
}

/** One valid item as `sendItems` gets it: what `build` read, and how its calls are sent. */
export interface ItemPlan<Input> {
	itemIndex: number;
	input: Input;
	settings: TransportSettings;
}

/** How `sendItems` reaches the portal. */
export interface RunContext {
	/**
	 * Calls of one or several items (`itemIndexes`, one per call), 50 to a request where they may
	 * ride in a batch, else one by one: each call's result or error, in order; all are sent.
	 */
	sendAll(calls: Bitrix24Call[], itemIndexes: number[]): Promise<CallOutcome[]>;
	/** One call in a request of its own, for the item at `itemIndex`; throws its error. */
	send(call: Bitrix24Call, itemIndex: number): Promise<unknown>;
}

/**
 * An item's plan that waits on what the portal describes (its field list, to check the item's
 * field names and values against): made once every item's own parameters passed their checks,
 * so that bad input in any item stops the run before anything at all is sent.
 */
export interface CheckedPlan<Input> {
	verify(): Promise<Plan<Input>>;
}

/** A call after the first, with the form of its result. */
export interface Stage<Input> extends Plan<Input> {
	resultShape: ResultShape;
}

/**
 * An operation in two halves, so that every item's input is checked before anything is sent:
 * `build` reads one item's parameters (and checks its file) into its first call and its input;
 * `toItems` turns the call's result, once it has the form `answer` describes, into output items,
 * sending follow-up calls through the context where the operation needs them.
 */
export interface Operation<Input = unknown> {
	/** The fields the operation shows of its own (its resource adds each once). */
	description?: INodeProperties[];
	/**
	 * Every Bitrix24 method the operation may call: the README's table of methods and the test
	 * that every documented method is reachable are read from here.
	 */
	methods: readonly string[];
	build(
		this: IExecuteFunctions,
		itemIndex: number,
	): Plan<Input> | CheckedPlan<Input> | Promise<Plan<Input> | CheckedPlan<Input>>;
	/**
	 * The form of the first call's result that `toItems` (or `followUp`) relies on; of the item's
	 * input where it depends on it (a product kind's own result key).
	 */
	resultShape: ResultShape | ((input: Input) => ResultShape);
	/**
	 * A second call made from the first's result (Create or Update: an add or an update after the
	 * lookup), sent in a round of its own and batched across items like the first; undefined when
	 * the item needs none. `toItems` then gets the last call's result and input.
	 */
	followUp?(
		this: IExecuteFunctions,
		result: unknown,
		input: Input,
		itemIndex: number,
	): Stage<Input> | undefined;
	/**
	 * Instead of the rounds of first and second calls: the operation sends every valid item's
	 * calls itself, for operations whose items depend on one another (two items of one product
	 * write its prices one after the other) or share their reads. Answers each item's result,
	 * which `toItems` then gets, or its error; an item left out fails as not sent.
	 */
	sendItems?(
		this: IExecuteFunctions,
		plans: Array<ItemPlan<Input>>,
		run: RunContext,
	): Promise<Map<number, CallOutcome>>;
	/**
	 * Items that speak for the whole run (a sync's summary), put before the items' own output
	 * once every item has given its output.
	 */
	finish?(this: IExecuteFunctions): INodeExecutionData[];
	toItems(
		this: IExecuteFunctions,
		result: unknown,
		input: Input,
		context: ItemContext,
	): INodeExecutionData[] | Promise<INodeExecutionData[]>;
}

/** The form an item's first result must have. */
export function resultShapeOf<Input>(operation: Operation<Input>, input: Input): ResultShape {
	return typeof operation.resultShape === 'function'
		? operation.resultShape(input)
		: operation.resultShape;
}

/** An operation whatever its input: each has its own, which only it reads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any>;

/** One output item per result, each paired with the input item. */
export function itemsOf(
	results: INodeExecutionData['json'][],
	itemIndex: number,
): INodeExecutionData[] {
	return results.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
