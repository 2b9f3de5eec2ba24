import type { Operation } from '../operation';
import type { Resource } from '../kit/resource';
import { catalog } from './catalog';
import { catalogEnum } from './catalogEnum';
import { customApiCall } from './customApiCall';
import { documentContractor } from './documentContractor';
import { documentItem } from './documentItem';
import { inventoryDocument } from './inventoryDocument';
import { markup } from './markup';
import { measure } from './measure';
import { price } from './price';
import { priceType, priceTypeGroup, priceTypeLang } from './priceType';
import { product } from './product';
import { productImage } from './productImage';
import { feature, listValue, productProperty, sectionSettings } from './productProperty';
import { ratio } from './ratio';
import { roundingRule } from './roundingRule';
import { section } from './section';
import { stock } from './stock';
import { store } from './store';
import { vat } from './vat';

/**
 * Every resource of the node, by the value of its Resource field: the node's description, its
 * routing and its tests are built from this one list.
 */
export const RESOURCES: Record<string, Resource> = {
	catalog,
	enum: catalogEnum,
	measure,
	product,
	productImage,
	productProperty,
	productPropertyEnum: listValue,
	productPropertyFeature: feature,
	productPropertySection: sectionSettings,
	ratio,
	section,
	vat,
	customApiCall,
	markup,
	price,
	priceType,
	priceTypeGroup,
	priceTypeLang,
	roundingRule,
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
