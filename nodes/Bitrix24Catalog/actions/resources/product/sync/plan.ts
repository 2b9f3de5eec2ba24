import type { IDataObject, INode } from 'n8n-workflow';

import { itemError } from '../../../../helpers/itemError';
import type { ProductKind } from '../../../../bitrix24Api/productKinds';
import { PRODUCT_KIND_METHODS } from '../../../../bitrix24Api/productKinds';
import type { PriceEntry } from '../../price/priceEntries';
import type { PriceWrite } from '../../price/priceWrites';
import { planWrites } from '../../price/priceWrites';
import type { ImageSource } from './images';
import { storedFingerprints } from './images';
import type { PortalState } from './portalState';
import { keyText, sameValue, shown } from './values';
import type { FeedLinks, ParentLink } from './variations';
import { assertParentFields, keyedOnProperty, LINKABLE_TYPES, PARENT_TYPES, parentIdOf, planParent } from './variations';
import type { SyncSettings, WantedProduct } from './wanted';

/** One change as the plan shows it. */
export interface Change {
	old: unknown;
	new: unknown;
}

export type Action = 'create' | 'update' | 'unchanged';

/** What the sync does for one input item. */
export interface ProductPlan {
	wanted: WantedProduct;
	action: Action;
	/** The kind it is, or is created as, and its catalog (a variation's: the variations catalog). */
	kind: ProductKind;
	iblockId: number;
	productId?: number;
	/** A variation's parent. */
	parent?: ParentLink;
	/** Refused or failed: nothing more is done for it. */
	error?: Error;
	/** The fields to write: all of them for a new product, those that differ for one there. */
	writes: IDataObject;
	/** A section path to create first (names from the root), the product then goes into it. */
	sectionPath?: string[];
	prices: PriceEntry[];
	/** The price writes of a product there (a new one's are made once it has its ID). */
	priceWrites: PriceWrite[];
	/** Changes of stock per store, through documents. */
	stockDeltas: Array<{ storeId: number; delta: number }>;
	/** The images to bring in line, when they differ. */
	images?: ImageSource[];
	changes: Record<string, Record<string, Change> | Change>;
}

/** A product of the scope that no item names. */
export interface Removal {
	productId: number;
	key: string;
	action: 'deactivate' | 'delete';
	/** A variation's: its parent's key. */
	parentKey?: string;
}

const KIND_TYPES: Record<ProductKind, number[]> = { product: [1], sku: PARENT_TYPES, service: [7], offer: [4, 5] };
const KIND_NAMES: Record<ProductKind, string> = { product: 'simple product', sku: 'parent product', service: 'service', offer: 'variation' };

/** The plan of an item refused before it was compared: nothing is done for it. */
export function refusedPlan(settings: SyncSettings, wanted: WantedProduct, error: Error): ProductPlan {
	return { wanted, action: 'unchanged', kind: settings.kind, iblockId: settings.iblockId, error, writes: {}, prices: [], priceWrites: [], stockDeltas: [], changes: {} };
}

const lower = (text: unknown) => String(text ?? '').trim().toLowerCase();

/** Finds price types, stores and sections by ID or by name, as an item names them. */
class Named {
	private readonly byId = new Map<string, IDataObject>();
	private readonly byName = new Map<string, IDataObject>();

	constructor(rows: IDataObject[], nameField: string) {
		for (const row of rows) {
			this.byId.set(String(row.id), row);
			if (!this.byName.has(lower(row[nameField]))) this.byName.set(lower(row[nameField]), row);
		}
	}

	find(given: string): IDataObject | undefined {
		return /^\d+$/.test(given) ? this.byId.get(given) : this.byName.get(lower(given));
	}
}

/** The catalog's sections by path of names (lower case), for paths like `Tools/Drills`. */
export class SectionTree {
	private readonly byPath = new Map<string, number>();
	readonly ids = new Set<number>();

	constructor(sections: IDataObject[]) {
		const byId = new Map(sections.map((section) => [Number(section.id), section]));
		const pathOf = (section: IDataObject, depth = 0): string[] => {
			const parent = byId.get(Number(section.iblockSectionId));
			return [...(parent && depth < 64 ? pathOf(parent, depth + 1) : []), lower(section.name)];
		};
		for (const section of sections) {
			this.ids.add(Number(section.id));
			const key = pathOf(section).join('/');
			if (!this.byPath.has(key)) this.byPath.set(key, Number(section.id));
		}
	}

	find(path: string[]): number | undefined {
		return this.byPath.get(path.map(lower).join('/'));
	}

	add(path: string[], id: number): void {
		this.byPath.set(path.map(lower).join('/'), id);
		this.ids.add(id);
	}
}

export interface Resolved {
	priceTypes: Named;
	stores: Named;
	sections: SectionTree;
	/** The portal's products by key (lower case), and by ID. */
	byKey: Map<string, IDataObject[]>;
	byId: Map<number, IDataObject>;
	/** The variations catalog's products by key. */
	variationsByKey: Map<string, IDataObject[]>;
}

function byKeyOf(settings: SyncSettings, rows: IDataObject[]): Map<string, IDataObject[]> {
	const byKey = new Map<string, IDataObject[]>();
	for (const row of rows) {
		const key = lower(keyText(row[settings.keyField]));
		if (!key) continue;
		byKey.set(key, [...(byKey.get(key) ?? []), row]);
	}
	return byKey;
}

export function resolve(settings: SyncSettings, state: PortalState): Resolved {
	return {
		priceTypes: new Named(state.priceTypes, 'name'),
		stores: new Named(state.stores, 'title'),
		sections: new SectionTree(state.sections),
		byKey: byKeyOf(settings, state.products),
		byId: new Map(state.products.map((product) => [Number(product.id), product])),
		variationsByKey: byKeyOf(settings, state.variations),
	};
}

/** The IDs of the price types and stores the feed names (unknown ones are refused with their items). */
export function namedIds(wanted: WantedProduct[], resolved: Resolved): { priceTypeIds: number[]; storeIds: number[] } {
	const ids = (names: string[], named: Named) =>
		[...new Set(names.map((name) => named.find(name)?.id).filter((id) => id !== undefined).map(Number))];
	return {
		priceTypeIds: ids(wanted.flatMap((product) => product.prices.map((price) => price.priceType)), resolved.priceTypes),
		storeIds: ids(wanted.flatMap((product) => product.stock.map((entry) => entry.store)), resolved.stores),
	};
}

/**
 * The product an item is for, found by its key among the products or, for a variation, among the
 * variations, and the kind it is (or is created as). Refuses a key two products share, a key on
 * the other side (a variation's for a product, or the reverse), and a product of another kind.
 */
function matchProduct(
	node: INode,
	settings: SyncSettings,
	resolved: Resolved,
	links: FeedLinks,
	wanted: WantedProduct,
): { kind: ProductKind; current?: IDataObject } {
	const fail = (message: string, description?: string) => itemError(node, message, wanted.itemIndex, description);
	const variation = wanted.parentKeyMatch !== undefined;
	// An item the feed's variations name as their parent is a parent product, whatever Product Kind says.
	const named = !variation && links.parentKeys.has(wanted.keyMatch);
	const kind: ProductKind = variation ? 'offer' : named ? 'sku' : settings.kind;
	const found = (variation ? resolved.variationsByKey : resolved.byKey).get(wanted.keyMatch) ?? [];
	if (found.length > 1) {
		throw fail(
			`${found.length} ${variation ? 'variations' : 'products'} have ${settings.keyLabel} "${wanted.key}" (${found.map((product) => product.id).join(', ')}): which one the item is for is unclear`,
			'Give each product its own key value in Bitrix24, or sync on another key.',
		);
	}
	const [current] = found;
	const productId = current ? Number(current.id) : undefined;
	// The key on the other side of the catalog: the item's kind is not its product's.
	const [other] = found.length === 0 ? ((variation ? resolved.byKey : resolved.variationsByKey).get(wanted.keyMatch) ?? []) : [];
	if (other) {
		throw fail(
			`${variation ? 'Product' : 'Variation'} ${String(other.id)} has ${settings.keyLabel} "${wanted.key}": the item is ${variation ? 'a variation (it has a Parent Key)' : 'not a variation (it has no Parent Key)'}`,
			variation ? "A product's kind does not change: leave the item's Parent Key empty." : "A product's kind does not change: give the item its parent's key as Parent Key.",
		);
	}
	// Product Kind decides what a new product is: a parent product already there stays one, and a
	// simple product the feed's variations name becomes one as they are linked to it.
	const accepted = named ? LINKABLE_TYPES : kind === 'product' ? [...KIND_TYPES.product, ...PARENT_TYPES] : KIND_TYPES[kind];
	if (current && !accepted.includes(Number(current.type))) {
		throw fail(
			`Product ${productId} with ${settings.keyLabel} "${wanted.key}" is of type ${String(current.type)}, not a ${KIND_NAMES[kind]}`,
			named
				? 'Variations of the feed name it as their parent: Bitrix24 links variations to parent products and simple products only.'
				: "A product's kind does not change: set Product Kind to the kind of the feed's products.",
		);
	}
	if (kind === 'sku' || PARENT_TYPES.includes(Number(current?.type))) assertParentFields({ getNode: () => node }, links, wanted);
	return { kind, current };
}

/**
 * Compares one item's wanted state with the product as read: what to create, or which fields,
 * prices, stock and images differ, each with its old and new value. Refuses (with the item) a
 * key two products share, a price type, store or section the portal lacks, a change of kind.
 */
export function planProduct(
	node: INode,
	settings: SyncSettings,
	state: PortalState,
	resolved: Resolved,
	links: FeedLinks,
	wanted: WantedProduct,
): ProductPlan {
	const { itemIndex } = wanted;
	const fail = (message: string, description?: string) => itemError(node, message, itemIndex, description);
	const variation = wanted.parentKeyMatch !== undefined;
	const { kind, current } = matchProduct(node, settings, resolved, links, wanted);
	const productId = current ? Number(current.id) : undefined;
	const changes: ProductPlan['changes'] = {};
	const writes: IDataObject = {};
	const fieldChanges: Record<string, Change> = {};
	for (const [name, value] of Object.entries(wanted.fields)) {
		if (name === 'id') continue;
		if (current && sameValue(current[name], value)) continue;
		writes[name] = value;
		fieldChanges[name] = { old: current ? shown(current[name]) : null, new: shown(value) };
	}
	// A product a Deactivate run took out comes back active when the feed names it again.
	if (settings.missing === 'deactivate' && current?.active === 'N' && !('active' in wanted.fields)) {
		writes.active = 'Y';
		fieldChanges.active = { old: 'N', new: 'Y' };
	}
	if (Object.keys(fieldChanges).length > 0) changes.fields = fieldChanges;
	// Shown, not written: linking its variations makes it a parent product.
	if (kind === 'sku' && Number(current?.type) === KIND_TYPES.product[0]) changes.kind = { old: KIND_NAMES.product, new: KIND_NAMES.sku };
	let parent: ParentLink | undefined;
	if (variation) {
		const planned = planParent(node, settings, wanted, links, resolved, current);
		parent = planned.link;
		if (planned.change) changes.parent = planned.change;
	}

	// The section: by ID, or by a path created where it is missing.
	let sectionPath: string[] | undefined;
	if (wanted.section) {
		let sectionId: number | undefined;
		if ('id' in wanted.section) {
			sectionId = wanted.section.id;
			if (!resolved.sections.ids.has(sectionId)) {
				throw fail(`Section ${sectionId} is not a section of catalog ${settings.iblockId}`);
			}
		} else {
			sectionId = resolved.sections.find(wanted.section.path);
			if (sectionId === undefined) sectionPath = wanted.section.path;
		}
		const currentSection = current?.iblockSectionId ? Number(current.iblockSectionId) : null;
		if (sectionPath || sectionId !== currentSection) {
			changes.section = { old: currentSection, new: sectionPath ? sectionPath.join('/') : sectionId };
			if (sectionId !== undefined) writes.iblockSectionId = sectionId;
		}
	}

	// Prices, of the named types only.
	const prices: PriceEntry[] = wanted.prices.map((entry, index) => {
		const type = resolved.priceTypes.find(entry.priceType);
		if (!type) {
			throw fail(`Prices: price ${index + 1}: there is no price type "${entry.priceType}"`, `The portal's price types: ${state.priceTypes.map((row) => `${String(row.name)} (${String(row.id)})`).join(', ')}.`);
		}
		return { catalogGroupId: Number(type.id), price: entry.price, currency: entry.currency };
	});
	const currentPrices = productId ? (state.prices.get(productId) ?? []) : [];
	const priceWrites = productId
		? planWrites(node, { productId, prices, removeOthers: false }, currentPrices, itemIndex).writes
		: [];
	const priceChanges: Record<string, Change> = {};
	for (const entry of prices) {
		const row = currentPrices.find((price) => Number(price.catalogGroupId) === entry.catalogGroupId);
		const changed = productId ? priceWrites.some((write) => write.catalogGroupId === entry.catalogGroupId) : true;
		if (!changed) continue;
		const name = String(resolved.priceTypes.find(String(entry.catalogGroupId))?.name ?? entry.catalogGroupId);
		priceChanges[name] = {
			old: row ? { price: Number(row.price), currency: row.currency } : null,
			new: { price: entry.price, currency: entry.currency },
		};
	}
	if (Object.keys(priceChanges).length > 0) changes.prices = priceChanges;

	// Stock: through documents, or the product's quantity.
	const stockDeltas: ProductPlan['stockDeltas'] = [];
	if (wanted.stock.length > 0) {
		const stockChanges: Record<string, Change> = {};
		const stores = wanted.stock.map((entry, index) => {
			const store = resolved.stores.find(entry.store);
			if (!store) {
				throw fail(`Stock: store ${index + 1}: there is no store "${entry.store}"`, `The portal's stores: ${state.stores.map((row) => `${String(row.title)} (${String(row.id)})`).join(', ')}.`);
			}
			return { storeId: Number(store.id), title: String(store.title ?? store.id), amount: entry.amount };
		});
		if (state.inventoryManagement) {
			for (const { storeId, title, amount } of stores) {
				const held = (productId ? state.stock.get(productId)?.get(storeId) : undefined) ?? 0;
				if (held === amount) continue;
				stockDeltas.push({ storeId, delta: amount - held });
				stockChanges[title] = { old: held, new: amount };
			}
		} else {
			const quantity = stores.reduce((sum, store) => sum + store.amount, 0);
			const held = current ? Number(current.quantity ?? 0) : 0;
			if (!current || held !== quantity) {
				writes.quantity = quantity;
				stockChanges.quantity = { old: current ? held : null, new: quantity };
			}
		}
		if (Object.keys(stockChanges).length > 0) changes.stock = stockChanges;
	}

	// Images: compared by the fingerprints the product keeps.
	let images: ImageSource[] | undefined;
	const fingerprintProperty = variation ? settings.variationFingerprintProperty : settings.fingerprintProperty;
	if (wanted.images && fingerprintProperty) {
		const stored = current ? storedFingerprints(current[fingerprintProperty]) : [];
		const wantedPrints = wanted.images.map((image) => image.fingerprint);
		if (stored.join(',') !== wantedPrints.join(',')) {
			images = wanted.images;
			changes.images = { old: stored, new: wantedPrints };
		}
	}

	const changed = Object.keys(changes).length > 0;
	return {
		wanted,
		action: !current ? 'create' : changed ? 'update' : 'unchanged',
		kind,
		iblockId: variation ? (state.variationsIblockId as number) : settings.iblockId,
		productId,
		parent,
		writes,
		sectionPath,
		prices,
		priceWrites,
		stockDeltas,
		images,
		changes,
	};
}

/**
 * The products of the scope whose key no item of the feed names, and what becomes of them; and
 * the variations no item names whose parent product is in the scope (a product a variation of the
 * feed names as its parent is the feed's). Variations go first: deleted, a parent takes its
 * variations with it. A variation without a parent is in no scope: it is never removed.
 */
export function planRemovals(settings: SyncSettings, state: PortalState, wanted: WantedProduct[]): Removal[] {
	if (settings.missing === 'leave') return [];
	const action = settings.missing;
	const { scope, keyField } = settings;
	const productKeys = new Set(wanted.map((item) => item.parentKeyMatch ?? item.keyMatch));
	const variationKeys = new Set(wanted.filter((item) => item.parentKeyMatch !== undefined).map((item) => item.keyMatch));
	const inScope = (product: IDataObject) =>
		scope.kind === 'catalog' ||
		(scope.kind === 'section' && Number(product.iblockSectionId) === scope.sectionId) ||
		(scope.kind === 'marker' && sameValue(product[scope.field], scope.value));
	// A product without a key is no feed's: never removed.
	const removable = (row: IDataObject, feedKeys: Set<string>) => {
		const key = lower(keyText(row[keyField]));
		return key !== '' && !feedKeys.has(key) && (action === 'delete' || row.active !== 'N');
	};
	const removal = (row: IDataObject, parentKey?: string): Removal => ({
		productId: Number(row.id),
		key: keyText(row[keyField]),
		action,
		...(parentKey === undefined ? {} : { parentKey }),
	});
	const byId = new Map(state.products.map((product) => [Number(product.id), product]));
	const variations = state.variations.flatMap((variation) => {
		const parent = byId.get(parentIdOf(variation) ?? 0);
		return parent && inScope(parent) && removable(variation, variationKeys) ? [removal(variation, keyText(parent[keyField]))] : [];
	});
	const products = state.products.filter((product) => inScope(product) && removable(product, productKeys)).map((product) => removal(product));
	return [...variations, ...products];
}

/** The methods that add, update and find a product of a kind, and the key an add's answer holds. */
export function writeMethodsOf(kind: ProductKind): { add: string; update: string; list: string; listKey: string; written: string; noun: string } {
	const { method, keys } = PRODUCT_KIND_METHODS[kind];
	// A variation is written and found through its own group, which the offer pages document with
	// its parent link; catalog.product's own methods serve the other kinds.
	const own = kind === 'offer';
	return {
		add: `${method}.add`,
		update: own ? `${method}.update` : 'catalog.product.update',
		list: own ? `${method}.list` : 'catalog.product.list',
		listKey: own ? keys.many : PRODUCT_KIND_METHODS.product.keys.many,
		written: keys.written,
		noun: own ? 'variation' : 'product',
	};
}

/**
 * Variations are read where the feed has them, or where products not in the feed are removed and
 * the feed speaks for variations (Parent Key set): a feed without them never touches variations.
 */
export function readsVariations(settings: SyncSettings, wanted: WantedProduct[]): boolean {
	return (
		wanted.some((item) => item.parentKeyMatch !== undefined) ||
		(settings.missing !== 'leave' && settings.withVariations && !keyedOnProperty(settings))
	);
}
