import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { itemError } from '../../../../helpers/itemError';
import { productTypeName } from '../../../../bitrix24Api/productKinds';
import type { FieldList } from '../../../kit/fieldList';
import { readFieldList } from '../../../kit/fieldList';
import type { Bitrix24Call } from '../../../../transport';
import { assertKnownField } from '../../../kit/fieldNames';
import { runState } from '../../../kit/runState';
import { productSpec } from '../spec';
import type { ProductPlan } from './plan';
import { keyText } from './values';
import type { SyncSettings, WantedProduct } from './wanted';

/**
 * Variations in a sync: an item with a Parent Key is a variation of the product with that key,
 * kept in the variations catalog of the catalog synced (the catalog whose `productIblockId` names
 * it, linked through its `skuPropertyId`, shown as `parentId`).
 */

/** Types of a parent product: with variations (3) or still without (6). */
export const PARENT_TYPES = [3, 6];

/**
 * What a variation may be linked to: a parent product, or a simple product (1), which the link
 * makes a parent product: setting a variation's link property has the catalog recalculate the
 * product it names as one with variations, whatever its type was (catalog/lib/product/sku.php:
 * handlerIblockElementSetPropertyValues, then calculateComplete(product, ..., TYPE_SKU)). The
 * docs only say to link parent products; a service is linked to nothing.
 */
export const LINKABLE_TYPES = [1, ...PARENT_TYPES];

/** Per run: the variations catalog of the catalog synced, asked once. */
const catalogsOfRun = new WeakMap<object, Promise<number | undefined>>();

type Send = (call: Bitrix24Call) => Promise<unknown>;

/** The information block of the catalog's variations, if it has one: the catalog naming it. */
export async function findVariationsCatalog(send: Send, iblockId: number): Promise<number | undefined> {
	const result = (await send({
		method: 'catalog.catalog.list',
		params: { select: ['id', 'iblockId', 'productIblockId'], filter: { productIblockId: iblockId } },
	})) as IDataObject | undefined;
	const catalogs = (result?.catalogs as IDataObject[] | undefined) ?? [];
	const found = catalogs.find((catalog) => Number(catalog.productIblockId) === iblockId);
	return found ? Number(found.iblockId) : undefined;
}

/** The same, asked once per run. */
export async function variationsCatalog(context: IExecuteFunctions, iblockId: number, send: Send): Promise<number | undefined> {
	return await runState(catalogsOfRun, context, async () => await findVariationsCatalog(send, iblockId));
}

/** Keyed on a property, variations are left out: the property is the products catalog's, not theirs. */
export function keyedOnProperty(settings: SyncSettings): boolean {
	return /^property\d+$/.test(settings.keyField);
}

/**
 * What the feed says about parents: its products by key, and the keys its variations name; and,
 * where Product Kind is another kind, the fields a parent product has (see `parentFields`).
 */
export interface FeedLinks {
	products: Map<string, WantedProduct>;
	variations: Map<string, WantedProduct>;
	parentKeys: Set<string>;
	parentFields?: FieldList;
}

export function feedLinks(wanted: WantedProduct[]): FeedLinks {
	const products = new Map<string, WantedProduct>();
	const variations = new Map<string, WantedProduct>();
	const parentKeys = new Set<string>();
	for (const item of wanted) {
		if (item.parentKeyMatch === undefined) {
			products.set(item.keyMatch, item);
		} else {
			variations.set(item.keyMatch, item);
			parentKeys.add(item.parentKeyMatch);
		}
	}
	return { products, variations, parentKeys };
}

/**
 * A parent product's fields, where the feed has parents and Product Kind is another kind: their
 * fields were checked as Product Kind's, but a parent product is added through its own group (and
 * answered with its own fields), which drops a field it lacks without a word.
 */
export async function parentFields(
	context: IExecuteFunctions,
	settings: SyncSettings,
	links: FeedLinks,
	byKey: Map<string, IDataObject[]>,
	itemIndex: number,
): Promise<void> {
	if (settings.kind === 'sku') return;
	const parentsThere = [...links.products.keys()].some((key) => PARENT_TYPES.includes(Number(byKey.get(key)?.[0]?.type)));
	if (links.parentKeys.size === 0 && !parentsThere) return;
	links.parentFields = await readFieldList(context, productSpec, 'create', { iblockId: settings.iblockId }, itemIndex, 'sku');
}

/** Refuses a field a parent product lacks, naming the item. */
export function assertParentFields(context: Pick<IExecuteFunctions, 'getNode'>, links: FeedLinks, wanted: WantedProduct): void {
	if (!links.parentFields) return;
	for (const name of Object.keys(wanted.fields)) {
		assertKnownField(context, { ...productSpec, noun: 'parent product' }, links.parentFields, { label: 'Fields', key: name, field: name }, wanted.itemIndex);
	}
}

/** A variation's parent, as the plan knows it. */
export interface ParentLink {
	key: string;
	/** The parent's item, where the feed has it. */
	itemIndex?: number;
	/** The parent's product, where the catalog has it already. */
	productId?: number;
	/** Linked now: a new variation, or one whose parent changes. */
	relink: boolean;
}

/** The parent ID a variation holds: `{ value, valueId }` as the list answers it. */
export function parentIdOf(variation: IDataObject | undefined): number | undefined {
	const id = Number(keyText(variation?.parentId));
	return Number.isInteger(id) && id > 0 ? id : undefined;
}

/**
 * The parent a variation names: an item of the feed or a product of the catalog, which must be a
 * parent product or a simple one (see `LINKABLE_TYPES`).
 */
export function planParent(
	node: INode,
	settings: SyncSettings,
	wanted: WantedProduct,
	links: FeedLinks,
	products: { byKey: Map<string, IDataObject[]>; byId: Map<number, IDataObject> },
	current: IDataObject | undefined,
): { link: ParentLink; change?: { old: unknown; new: unknown } } {
	const key = wanted.parentKey as string;
	const fail = (message: string, description?: string) => itemError(node, `Parent Key "${key}": ${message}`, wanted.itemIndex, description);
	const item = links.products.get(wanted.parentKeyMatch as string);
	const found = products.byKey.get(wanted.parentKeyMatch as string) ?? [];
	const sibling = links.variations.get(wanted.parentKeyMatch as string);
	if (!item && found.length === 0 && sibling) {
		throw fail(`it is item ${sibling.itemIndex}'s, a variation`, "A variation's parent is a product: give the key of an item without a Parent Key.");
	}
	if (!item && found.length === 0) {
		throw fail(
			`no item of the feed and no product of catalog ${settings.iblockId} has ${settings.keyLabel} "${key}"`,
			"Give the parent product's key, or add the parent to the feed.",
		);
	}
	if (found.length > 1) {
		throw fail(`${found.length} products have it (${found.map((product) => product.id).join(', ')}): which one is the parent is unclear`);
	}
	const [parent] = found;
	if (parent && !LINKABLE_TYPES.includes(Number(parent.type))) {
		throw fail(
			`product ${String(parent.id)} is a ${productTypeName(Number(parent.type)).toLowerCase()} (type ${String(parent.type)}), not a parent product`,
			'Bitrix24 links variations to parent products and simple products (which become parent products), and to no other kind.',
		);
	}
	const productId = parent ? Number(parent.id) : undefined;
	const held = parentIdOf(current);
	const relink = !current || productId === undefined || held !== productId;
	const link = { key, itemIndex: item?.itemIndex, productId, relink };
	if (!relink) return { link };
	const formerKey = held === undefined ? undefined : keyText(products.byId.get(held)?.[settings.keyField]);
	return { link, change: { old: held === undefined ? null : formerKey || held, new: key } };
}

/**
 * Gives each variation its parent's ID to be linked with, once the parents are written (`written`),
 * or fails it where its parent item failed: nothing is sent for a variation without its parent.
 */
export function linkToParents(node: INode, plans: ProductPlan[], written: boolean): void {
	const byItem = new Map(plans.map((plan) => [plan.wanted.itemIndex, plan]));
	for (const plan of plans) {
		const link = plan.parent;
		if (!link || plan.error) continue;
		const parentPlan = link.itemIndex === undefined ? undefined : byItem.get(link.itemIndex);
		const parentId = link.productId ?? parentPlan?.productId;
		const where = (message: string) => `Parent Key "${link.key}": ${message}`;
		if (parentPlan?.error || (written && link.relink && parentId === undefined)) {
			plan.error = itemError(node, where(`its parent, item ${parentPlan?.wanted.itemIndex}, failed`), plan.wanted.itemIndex, parentPlan?.error?.message);
		} else if (link.relink && parentId !== undefined) {
			// The add takes the ID; the update the property's `{ value }` (the offer pages' formats).
			plan.writes.parentId = plan.action === 'create' ? parentId : { value: parentId };
		}
	}
}
