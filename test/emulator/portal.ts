import { createHash, randomBytes } from 'node:crypto';

import { CATALOG_DEMO } from './catalogDemo';
import {
	DEMO_BULK_PRODUCTS,
	DEMO_CATALOGS,
	DEMO_IMAGES,
	DEMO_IMAGES_CREATED_FROM,
	DEMO_PRODUCTS,
	DEMO_PROPERTIES,
	DEMO_PROPERTY_VALUES,
	DEMO_SECTIONS,
	DEMO_USERS,
	DEMO_WEBHOOKS,
} from './demoSeed';
import { EventHub } from './events';
import { onePixelPng } from './png';
import { ProductStore } from './productStore';
import { PropertyStore } from './propertyStore';
import { decodedPath } from './routing';
import { RecordTables } from './recordStore';
import { SectionStore } from './sectionStore';
import { formatBitrixDate } from './time';

export interface Catalog {
	id: number;
	iblockId: number;
	name: string;
	/** For a variations catalog: the catalog of the parent products. */
	productIblockId: number | null;
	/** For a variations catalog: the property that links a variation to its parent. */
	skuPropertyId?: number | null;
}

/** Documented product fields a product holds beyond the basic ones (`code`, `sort`, `quantity`, ...). */
export type ProductFields = Record<string, unknown>;

export interface Product {
	id: number;
	iblockId: number;
	name: string;
	type: number;
	active: 'Y' | 'N';
	/** Values given when the product was added or changed; the portal's defaults stand for the rest. */
	fields?: ProductFields;
}

/** What can change on a product; `fields` are merged into what it holds. */
export interface ProductChanges {
	name?: string;
	active?: 'Y' | 'N';
	type?: number;
	fields?: ProductFields;
}

/** Many plain products at once, for paging benchmarks: `name(n)` names the n-th (from 1). */
export interface BulkProducts {
	count: number;
	/** Default: the product catalog (23). */
	iblockId?: number;
	/** Default: the first id above every product's. */
	firstId?: number;
	/** Default: 1 (a simple product). */
	type?: number;
	name?: (n: number) => string;
}

export const IMAGE_TYPES = ['DETAIL_PICTURE', 'PREVIEW_PICTURE', 'MORE_PHOTO'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export interface ProductImage {
	id: number;
	productId: number;
	type: ImageType;
	name: string;
	createTime: string;
	detailUrl: string;
	bytes: Buffer;
	mimeType: string;
}

export interface NewFile {
	name: string;
	bytes: Buffer;
	mimeType: string;
}

export interface StoredFile extends NewFile {
	id: number;
	url: string;
}

export interface User {
	id: number;
	name: string;
	lastName: string;
	gender: 'F' | 'M' | '';
	admin: boolean;
	canModifyCatalog: boolean;
	canViewCatalog: boolean;
}

export interface Webhook {
	userId: number;
	secret: string;
	scopes: string[];
	/** The webhook acts with its user's rights: these read and write that user's rights. */
	canModifyCatalog: boolean;
	canViewCatalog: boolean;
	revoked: boolean;
}

export interface PortalSettings {
	/** Largest file `catalog.productImage.add` accepts, in bytes (default 50 MiB). */
	maxUploadBytes?: number;
	/** Adds the catalog demo (properties and products of every kind); `reset()` keeps it. */
	catalogDemo?: boolean;
	/** Inventory management on at the start (off by default, as on a new portal). */
	inventoryManagement?: boolean;
}

const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export interface NewProduct {
	id?: number;
	iblockId?: number;
	name: string;
	type?: number;
	active?: 'Y' | 'N';
	fields?: ProductFields;
}

export interface NewImage {
	type?: string;
	name?: string;
	bytes?: Buffer;
	mimeType?: string;
}

function md5(text: string): string {
	return createHash('md5').update(text).digest('hex');
}

// Files live under a hashed directory, as on a real portal; derived from the id to stay deterministic.
function detailUrlOf(id: number, name: string): string {
	return `/upload/iblock/${md5(String(id)).slice(0, 3)}/${md5(`${id}/${name}`)}/${encodeURIComponent(name)}`;
}

// Each image gets its own colour so tests can tell the bytes apart.
function pngFor(id: number): Buffer {
	const hash = Buffer.from(md5(`png/${id}`), 'hex');
	return onePixelPng(hash[0], hash[1], hash[2]);
}

function webhookActingAs(user: User, secret: string, scopes: readonly string[]): Webhook {
	return {
		userId: user.id,
		secret,
		scopes: [...scopes],
		revoked: false,
		get canModifyCatalog() {
			return user.canModifyCatalog;
		},
		set canModifyCatalog(allowed: boolean) {
			user.canModifyCatalog = allowed;
		},
		get canViewCatalog() {
			return user.canViewCatalog;
		},
		set canViewCatalog(allowed: boolean) {
			user.canViewCatalog = allowed;
		},
	};
}

/** In-memory state of one portal: catalog data, users and their webhooks. */
export class Portal {
	readonly catalogs: Catalog[] = [];
	readonly webhooks: Record<string, Webhook> = {};
	/** Event handlers (apps' bindings, outgoing webhooks); product changes below call them. */
	readonly events = new EventHub();
	/** Settable at any time; `reset()` restores the value given at construction. */
	maxUploadBytes: number;
	/**
	 * Inventory management (`catalog.document.mode.status`): while on, stock changes only through
	 * conducted documents. Settable at any time; `reset()` restores the value given at construction.
	 */
	inventoryManagement = false;
	private readonly initialInventoryManagement: boolean;
	/** Catalog sections. */
	readonly sections = new SectionStore();
	/** Product properties of each catalog and the values products hold. */
	readonly properties = new PropertyStore();
	/** Plain tables (measures, VAT rates, stores, ...) by the method prefix that serves them. */
	readonly records = new RecordTables();
	private readonly products = new ProductStore();
	private readonly catalogDemo: boolean;
	private readonly images = new Map<number, ProductImage>();
	/** Files other records point at (a store's image), by the path they are served under. */
	private readonly files = new Map<string, StoredFile>();
	private readonly users = new Map<number, User>();
	private readonly secrets: Record<string, string>;
	private readonly initialMaxUploadBytes: number;
	private nextProductId = 0;
	private nextImageId = 0;

	/** Secrets not given are random per portal and survive `reset()`, so webhook URLs stay valid. */
	constructor(secrets: Record<string, string> = {}, settings: PortalSettings = {}) {
		this.secrets = Object.fromEntries(
			DEMO_WEBHOOKS.map(({ name }) => [name, secrets[name] ?? randomBytes(8).toString('hex')]),
		);
		this.initialMaxUploadBytes = settings.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
		this.catalogDemo = settings.catalogDemo ?? false;
		this.initialInventoryManagement = settings.inventoryManagement ?? false;
		this.maxUploadBytes = this.initialMaxUploadBytes;
		this.reset();
	}

	reset(): void {
		this.maxUploadBytes = this.initialMaxUploadBytes;
		this.inventoryManagement = this.initialInventoryManagement;
		this.catalogs.splice(
			0,
			this.catalogs.length,
			...DEMO_CATALOGS.map((catalog) => ({ ...catalog })),
		);
		this.products.clear();
		this.images.clear();
		this.files.clear();
		this.users.clear();
		this.events.reset();
		for (const user of DEMO_USERS) this.users.set(user.id, { ...user });
		for (const name of Object.keys(this.webhooks)) delete this.webhooks[name];
		for (const { name, userId, scopes } of DEMO_WEBHOOKS) {
			this.webhooks[name] = webhookActingAs(this.requireUser(userId), this.secrets[name], scopes);
		}
		this.nextProductId = 1;
		this.nextImageId = 1;
		for (const product of DEMO_PRODUCTS) this.addProduct(product);
		// Stored aside from the counter, so products added later still get 107, 108, ...
		for (const product of DEMO_BULK_PRODUCTS) this.products.put({ ...product });
		const demo = this.catalogDemo ? CATALOG_DEMO : undefined;
		this.sections.reset(DEMO_SECTIONS);
		this.records.reset();
		this.properties.reset(
			[...DEMO_PROPERTIES, ...(demo?.properties ?? [])],
			[...DEMO_PROPERTY_VALUES, ...(demo?.values ?? [])],
		);
		for (const product of demo?.products ?? []) this.products.put(structuredClone(product));
		DEMO_IMAGES.forEach((seed, index) => {
			this.storeImage({
				...seed,
				createTime: formatBitrixDate(new Date(DEMO_IMAGES_CREATED_FROM + index * 60_000)),
				detailUrl: detailUrlOf(seed.id, seed.name),
				bytes: pngFor(seed.id),
				mimeType: 'image/png',
			});
		});
	}

	/** Catalogs are addressed by their information block, as the catalog methods do. */
	catalog(iblockId: number): Catalog | undefined {
		return this.catalogs.find((catalog) => catalog.iblockId === iblockId);
	}

	product(id: number): Product | undefined {
		return this.products.get(id);
	}

	/** The catalog's products in id order. */
	productsIn(iblockId: number): Product[] {
		return [...this.products.inCatalog(iblockId)];
	}

	/** The catalog's products in id order from the first whose id is at least `fromId`, one by one. */
	productsFrom(iblockId: number, fromId?: number): IterableIterator<Product> {
		return this.products.inCatalog(iblockId, fromId);
	}

	image(id: number): ProductImage | undefined {
		return this.images.get(id);
	}

	imagesOf(productId: number): ProductImage[] {
		return [...this.images.values()].filter((image) => image.productId === productId);
	}

	/** The image stored at this portal path (its `detailUrl`), percent-encoded or not. */
	imageAt(path: string): ProductImage | undefined {
		const wanted = decodedPath(path);
		return [...this.images.values()].find((image) => decodedPath(image.detailUrl) === wanted);
	}

	/**
	 * Saves a file a record points at (a store's `imageId`), under the upload folder as the
	 * portal's file table does: answers its id and path, served like product images.
	 */
	saveFile(file: NewFile): { id: number; url: string } {
		const id = 1 + this.files.size + this.nextImageId;
		const url = detailUrlOf(id, file.name);
		this.files.set(decodedPath(url), { ...file, id, url });
		return { id, url };
	}

	/** A saved file by its path, percent-encoded or not. */
	fileAt(path: string): StoredFile | undefined {
		return this.files.get(decodedPath(path));
	}

	user(id: number): User | undefined {
		return this.users.get(id);
	}

	/** The live webhook with this user and secret, revoked or not. */
	webhookFor(userId: number, secret: string): Webhook | undefined {
		return Object.values(this.webhooks).find(
			(hook) => hook.userId === userId && hook.secret === secret,
		);
	}

	addProduct(fields: NewProduct): Product {
		const product: Product = {
			id: fields.id ?? this.freeProductId(),
			iblockId: fields.iblockId ?? DEMO_CATALOGS[0].iblockId,
			name: fields.name,
			type: fields.type ?? 1,
			active: fields.active ?? 'Y',
			...(fields.fields ? { fields: { ...fields.fields } } : {}),
		};
		this.products.put(product);
		this.nextProductId = Math.max(this.nextProductId, product.id + 1);
		return product;
	}

	/** A product added in the portal: fires CATALOG.PRODUCT.ON.ADD. */
	createProduct(fields: NewProduct): Product {
		const product = this.addProduct(fields);
		this.events.emit('CATALOG.PRODUCT.ON.ADD', {
			ID: product.id,
			TYPE: product.type,
		});
		return product;
	}

	/**
	 * A product edited in the portal (by hand or by API): fires CATALOG.PRODUCT.ON.UPDATE. Its
	 * modification time (`timestampX`) moves, as any edit of an information block element moves it.
	 */
	updateProduct(id: number, { fields, ...changes }: ProductChanges): Product {
		const product = this.products.get(id);
		if (!product) throw new Error(`Product ${id} does not exist`);
		Object.assign(product, changes);
		product.fields = { ...product.fields, timestampX: formatBitrixDate(new Date()), ...fields };
		this.events.emit('CATALOG.PRODUCT.ON.UPDATE', {
			ID: product.id,
			TYPE: product.type,
		});
		return product;
	}

	/** A type that follows the product's links (variations, parents) changes quietly. */
	setProductType(id: number, type: number): void {
		const product = this.products.get(id);
		if (product) product.type = type;
	}

	/** A product deleted with its images: fires CATALOG.PRODUCT.ON.DELETE. */
	removeProduct(id: number): boolean {
		const product = this.products.get(id);
		if (!product) return false;
		for (const image of this.imagesOf(id)) this.images.delete(image.id);
		this.products.delete(id);
		this.properties.forget(id);
		this.events.emit('CATALOG.PRODUCT.ON.DELETE', {
			ID: product.id,
			TYPE: product.type,
		});
		return true;
	}

	/**
	 * Stores an image the way the catalog does: an unknown type becomes MORE_PHOTO, which appends;
	 * DETAIL_PICTURE and PREVIEW_PICTURE replace the product's current one.
	 */
	addImage(productId: number, fields: NewImage = {}): ProductImage {
		if (!this.products.has(productId)) throw new Error(`Product ${productId} does not exist`);
		const type = IMAGE_TYPES.find((known) => known === fields.type) ?? 'MORE_PHOTO';
		if (type !== 'MORE_PHOTO') {
			for (const replaced of this.imagesOf(productId).filter((image) => image.type === type)) {
				this.images.delete(replaced.id);
			}
		}
		const id = this.nextImageId;
		const name = fields.name ?? `image-${id}.png`;
		return this.storeImage({
			id,
			productId,
			type,
			name,
			createTime: formatBitrixDate(new Date()),
			detailUrl: detailUrlOf(id, name),
			bytes: fields.bytes ?? pngFor(id),
			mimeType: fields.mimeType ?? 'image/png',
		});
	}

	deleteImage(id: number): boolean {
		return this.images.delete(id);
	}

	/**
	 * Adds `count` plain products in one go, without events (a portal that already holds them);
	 * answers the first and last id. `reset()` removes them.
	 */
	seedProducts({ count, iblockId, firstId, type, name }: BulkProducts): {
		firstId: number;
		lastId: number;
	} {
		const first = firstId ?? this.products.highestId() + 1;
		for (let n = 1; n <= count; n++) {
			const id = first + n - 1;
			this.products.put({
				id,
				iblockId: iblockId ?? DEMO_CATALOGS[0].iblockId,
				name: name ? name(n) : `Bulk product ${n}`,
				type: type ?? 1,
				active: 'Y',
			});
		}
		return { firstId: first, lastId: first + count - 1 };
	}

	// The next id from the counter that no product holds yet (bulk products took theirs directly).
	private freeProductId(): number {
		let id = this.nextProductId;
		while (this.products.has(id)) id++;
		return id;
	}

	private storeImage(image: ProductImage): ProductImage {
		this.images.set(image.id, image);
		this.nextImageId = Math.max(this.nextImageId, image.id + 1);
		return image;
	}

	private requireUser(id: number): User {
		const user = this.users.get(id);
		if (!user) throw new Error(`User ${id} does not exist`);
		return user;
	}
}
