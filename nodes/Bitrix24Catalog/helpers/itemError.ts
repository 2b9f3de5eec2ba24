import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A text about one input item, naming it: n8n shows an error's message without its item. */
export function ofItem(message: string, itemIndex: number): string {
	return `${message} [item ${itemIndex}]`;
}

/** An item's input the node refuses (before sending anything), naming the item. */
export function itemError(
	node: INode,
	message: string,
	itemIndex: number,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(node, ofItem(message, itemIndex), { itemIndex, description });
}
