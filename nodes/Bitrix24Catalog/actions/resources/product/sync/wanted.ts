import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readBitrix24Id } from '../../../../helpers/ids';
import { itemError } from '../../../../helpers/itemError';
import type { ProductKind } from '../../../../bitrix24Api/productKinds';
import { itemSender } from '../../../kit/fieldList';
import { checkedFields, readMappedFields } from '../../../kit/record';
import { runState } from '../../../kit/runState';
import { productSpec } from '../spec';
import type { ImageSource } from './images';
import { readImageSources } from './images';
import { itemParameter } from './itemParameter';
import { keyText } from './values';
import { keyedOnProperty, variationsCatalog } from './variations';

/** A price the item wants: its type by name or ID, as yet unresolved. */
export interface WantedPrice {
	priceType: string;
	price: number;
	currency: string;
}

export interface WantedStock {
	store: string;
	amount: number;
}

/** One input item: the state its product is to be in. */
export interface WantedProduct {
	itemIndex: number;
	/** The key's value as given, and as compared (trimmed, lower case, as the portal's columns compare). */
	key: string;
	keyMatch: string;
	fields: IDataObject;
	prices: WantedPrice[];
	stock: WantedStock[];
	section?: { id: number } | { path: string[] };
	images?: ImageSource[];
	/** A variation's parent, by its key: as given, and as compared. */
	parentKey?: string;
	parentKeyMatch?: string;
}

/** What the run reads once, from the first item: the same for the whole feed. */
export interface SyncSettings {
	apply: boolean;
	iblockId: number;
	kind: ProductKind;
	keyField: string;
	keyLabel: string;
	missing: 'leave' | 'deactivate' | 'delete';
	/** Parent Key is set: the feed speaks for the variations of the products in the scope too. */
	withVariations: boolean;
	scope: { kind: 'catalog' } | { kind: 'section'; sectionId: number } | { kind: 'marker'; field: string; value: string };
	eachProduct: boolean;
	fingerprintProperty?: string;
	/** Where variations keep theirs: a property of the variations catalog. */
	variationFingerprintProperty?: string;
	imageHosts: string[];
	documentCurrency: string;
}

const CURRENCY = /^[A-Z]{3}$/;
const PROPERTY = /^property\d+$/;

function text(context: IExecuteFunctions, name: string, itemIndex: number, fallback = ''): string {
	return String(context.getNodeParameter(name, itemIndex, fallback) ?? '').trim();
}

/** The run's settings, each checked; they are read from the first item. */
export function readSettings(context: IExecuteFunctions, iblockId: number): SyncSettings {
	const node = context.getNode();
	const fail = (message: string, description?: string) => itemError(node, message, 0, description);
	const key = text(context, 'syncKey', 0, 'xmlId');
	let keyField = key;
	if (key === 'property') {
		keyField = text(context, 'syncKeyProperty', 0);
		if (!PROPERTY.test(keyField)) {
			throw fail(`Key Property "${keyField}" is not a property name`, 'Name it as the Fields list does, such as property270.');
		}
	}
	const missing = text(context, 'syncMissing', 0, 'leave') as SyncSettings['missing'];
	let scope: SyncSettings['scope'] = { kind: 'catalog' };
	if (missing !== 'leave') {
		const kind = text(context, 'syncScope', 0, 'catalog');
		if (kind === 'section') {
			const id = readBitrix24Id(context.getNodeParameter('syncScopeSection', 0, 0));
			if ('problem' in id) throw fail(`Scope Section ID ${id.problem}`, 'Give the ID of the section whose products the feed speaks for.');
			scope = { kind: 'section', sectionId: id.id };
		} else if (kind === 'marker') {
			const field = text(context, 'syncMarkerField', 0);
			const value = text(context, 'syncMarkerValue', 0);
			if (!field || !value) throw fail('Marker Field and Marker Value: both are needed', 'Name the field or property that marks the products the feed speaks for, and its value.');
			scope = { kind: 'marker', field, value };
		}
	}
	const options = context.getNodeParameter('syncOptions', 0, {}) as IDataObject;
	const fingerprint = (name: string, label: string, catalog: string) => {
		const property = String(options[name] ?? '').trim() || undefined;
		if (property && !PROPERTY.test(property)) {
			throw fail(`${label} "${property}" is not a property name`, `Name a text property of the ${catalog}, such as property290.`);
		}
		return property;
	};
	const fingerprintProperty = fingerprint('fingerprintProperty', 'Image Fingerprint Property', 'catalog');
	const variationFingerprintProperty = fingerprint('variationFingerprintProperty', 'Variation Image Fingerprint Property', 'variations catalog');
	const documentCurrency = String(options.documentCurrency ?? 'USD').trim().toUpperCase();
	if (!CURRENCY.test(documentCurrency)) throw fail(`Document Currency "${documentCurrency}" is not a currency code`, 'Give a three-letter code, such as USD.');
	return {
		apply: text(context, 'syncMode', 0, 'dryRun') === 'apply',
		iblockId,
		kind: text(context, 'productKind', 0, 'product') as ProductKind,
		keyField,
		keyLabel: { xmlId: 'XML ID', code: 'Code' }[key] ?? keyField,
		missing,
		withVariations: String(context.getNodeParameter('syncParentKey', 0, '', { rawExpressions: true }) ?? '').trim() !== '',
		scope,
		eachProduct: text(context, 'syncOutput', 0, 'summary') === 'products',
		fingerprintProperty,
		variationFingerprintProperty,
		imageHosts: String(options.imageHosts ?? '')
			.split(',')
			.map((host) => host.trim().toLowerCase())
			.filter(Boolean),
		documentCurrency,
	};
}

/** Per run: the first item of each key. */
const keysOfRun = new WeakMap<object, Map<string, number>>();

/**
 * One item's wanted state, every value checked before anything is sent; `verify` then checks its
 * fields against the catalog's field list, as Create does.
 */
export async function readWanted(
	context: IExecuteFunctions,
	settings: SyncSettings,
	itemIndex: number,
): Promise<{ verify: () => Promise<WantedProduct> }> {
	const node = context.getNode();
	const fail = (message: string, description?: string) => itemError(node, message, itemIndex, description);
	// n8n converts the mapped values' types itself when asked to: then the mapping goes through it.
	const converts = (context.getNodeParameter('fields.attemptToConvertTypes', itemIndex, false) as boolean) === true;
	const mapped = readMappedFields(
		context,
		itemIndex,
		productSpec,
		converts ? undefined : itemParameter(context, 'fields', itemIndex, {}),
	);
	const key = keyText(mapped.values[settings.keyField]);
	if (!key) {
		throw fail(`Fields: ${settings.keyField}, the key, is empty`, `Map a value for ${settings.keyField}: it ties the item to its product.`);
	}
	const keyMatch = key.toLowerCase();
	const firsts = runState(keysOfRun, context, () => new Map<string, number>());
	const first = firsts.get(keyMatch) ?? itemIndex;
	if (first !== itemIndex) {
		throw fail(`Fields: ${settings.keyField} "${key}" is item ${first}'s too: one run syncs a product once`, 'Remove the duplicate from the feed.');
	}
	firsts.set(keyMatch, itemIndex);

	const prices = readPrices(context, itemIndex, fail);
	const stock = readStock(context, itemIndex, fail);
	const section = readSection(String(itemParameter(context, 'syncSection', itemIndex, '') ?? '').trim(), fail);
	const parentKey = readParentKey(context, settings, itemIndex, keyMatch, section, fail);
	const images = await readImageSources(context, settings, itemIndex);
	if (images && !parentKey && !settings.fingerprintProperty) {
		throw fail('Images need Options → Image Fingerprint Property', 'Name a text property of the catalog where the node keeps what it uploaded, so that it never uploads an unchanged image again.');
	}
	if (images && parentKey && !settings.variationFingerprintProperty) {
		throw fail('Images of a variation need Options → Variation Image Fingerprint Property', 'Name a text property of the variations catalog where the node keeps what it uploaded to variations.');
	}
	return {
		verify: async () => {
			// A variation's fields are those of the variations catalog, as Create of a variation checks them.
			const iblockId = parentKey ? await variationsCatalog(context, settings.iblockId, itemSender(context, itemIndex)) : settings.iblockId;
			if (iblockId === undefined) {
				throw fail(`Parent Key: catalog ${settings.iblockId} has no variations catalog`, 'Turn on variations for the catalog in Bitrix24, or leave Parent Key empty.');
			}
			return {
				itemIndex,
				key,
				keyMatch,
				fields: await checkedFields(context, itemIndex, productSpec, 'create', { iblockId }, mapped, parentKey ? 'offer' : undefined),
				prices,
				stock,
				section,
				images,
				...(parentKey ? { parentKey, parentKeyMatch: parentKey.toLowerCase() } : {}),
			};
		},
	};
}

/** An item's Parent Key, checked: what makes it a variation. */
function readParentKey(
	context: IExecuteFunctions,
	settings: SyncSettings,
	itemIndex: number,
	keyMatch: string,
	section: WantedProduct['section'],
	fail: Fail,
): string | undefined {
	const parentKey = keyText(itemParameter(context, 'syncParentKey', itemIndex, ''));
	if (!parentKey) return undefined;
	if (keyedOnProperty(settings)) {
		throw fail(`Parent Key: variations cannot be synced on ${settings.keyField}`, "The key property is the products catalog's, which variations do not have: sync a feed with variations on XML ID or Code.");
	}
	if (parentKey.toLowerCase() === keyMatch) throw fail(`Parent Key "${parentKey}" is the item's own key`, "Give the key of the variation's parent product.");
	if (section) {
		throw fail('Section: a variation has none of its own, it is shown in its parent\'s', 'Leave Section empty for variations, e.g. {{ $json.parent ? "" : $json.section }}.');
	}
	return parentKey;
}

type Fail = (message: string, description?: string) => Error;

function entriesOf(context: IExecuteFunctions, name: string, key: string, itemIndex: number): IDataObject[] {
	const collection = itemParameter<IDataObject>(context, name, itemIndex, {});
	return (collection[key] as IDataObject[] | undefined) ?? [];
}

function numberOf(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : undefined;
}

function readPrices(context: IExecuteFunctions, itemIndex: number, fail: Fail): WantedPrice[] {
	const seen = new Set<string>();
	return entriesOf(context, 'syncPrices', 'price', itemIndex).map((entry, index) => {
		const where = `Prices: price ${index + 1}`;
		const priceType = String(entry.priceType ?? '').trim();
		if (!priceType) throw fail(`${where}: the price type is empty`, 'Give the price type by name or ID.');
		if (seen.has(priceType.toLowerCase())) throw fail(`${where}: price type "${priceType}" is given twice`);
		seen.add(priceType.toLowerCase());
		const price = numberOf(entry.price);
		if (price === undefined) throw fail(`${where}: "${String(entry.price)}" is not a price`, 'Give a number from 0.');
		const currency = String(entry.currency ?? '').trim().toUpperCase();
		if (!CURRENCY.test(currency)) throw fail(`${where}: "${currency}" is not a currency code`, 'Give a three-letter code, such as USD.');
		return { priceType, price, currency };
	});
}

function readStock(context: IExecuteFunctions, itemIndex: number, fail: Fail): WantedStock[] {
	const seen = new Set<string>();
	return entriesOf(context, 'syncStock', 'store', itemIndex).map((entry, index) => {
		const where = `Stock: store ${index + 1}`;
		const store = String(entry.store ?? '').trim();
		if (!store) throw fail(`${where}: the store is empty`, 'Give the store by title or ID.');
		if (seen.has(store.toLowerCase())) throw fail(`${where}: store "${store}" is given twice`);
		seen.add(store.toLowerCase());
		const amount = numberOf(entry.amount);
		if (amount === undefined) throw fail(`${where}: "${String(entry.amount)}" is not a quantity`, 'Give a number from 0.');
		return { store, amount };
	});
}

function readSection(value: string, fail: Fail): WantedProduct['section'] {
	if (!value) return undefined;
	if (/^\d+$/.test(value)) {
		const id = readBitrix24Id(value);
		if ('problem' in id) throw fail(`Section ${id.problem}`);
		return { id: id.id };
	}
	const path = value.split('/').map((name) => name.trim());
	if (path.some((name) => name === '')) {
		throw fail(`Section "${value}" has an empty name in its path`, 'Separate the names of the sections with single slashes, such as Tools/Drills.');
	}
	return { path };
}
