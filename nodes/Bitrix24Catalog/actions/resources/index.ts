import type { Operation, Resource } from '../operation';
import { catalog } from './catalog';
import { customApiCall } from './customApiCall';
import { documentContractor } from './documentContractor';
import { documentItem } from './documentItem';
import { inventoryDocument } from './inventoryDocument';
import { markup } from './markup';
import { price } from './price';
import { priceType, priceTypeGroup, priceTypeLang } from './priceType';
import { product } from './product';
import { productImage } from './productImage';
import { roundingRule } from './roundingRule';
import { section } from './section';
import { stock } from './stock';
import { store } from './store';

/**
 * Every resource of the node, by the value of its Resource field: the node's description, its
 * routing and its tests are built from this one list.
 */
export const RESOURCES: Record<string, Resource> = {
	catalog,
	customApiCall,
	markup,
	price,
	priceType,
	priceTypeGroup,
	priceTypeLang,
	product,
	productImage,
	roundingRule,
	section,
	store,
	stock,
	inventoryDocument,
	documentItem,
	documentContractor,
};

/** The operation the node's Resource and Operation fields name, if there is one. */
export function operationOf(resource: string, operation: string): Operation | undefined {
	const found = Object.hasOwn(RESOURCES, resource) ? RESOURCES[resource] : undefined;
	return found && Object.hasOwn(found.operations, operation)
		? found.operations[operation]
		: undefined;
}
