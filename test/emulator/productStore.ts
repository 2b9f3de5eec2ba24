import type { Product } from './portal';

/** Ids of one catalog's products, kept sorted so lists can start anywhere by binary search. */
class IdIndex {
	private ids: number[] = [];
	private sorted = true;

	add(id: number): void {
		if (this.ids.length > 0 && id < this.ids[this.ids.length - 1]) this.sorted = false;
		this.ids.push(id);
	}

	remove(id: number): void {
		const ids = this.all();
		const at = firstAtLeast(ids, id);
		if (ids[at] === id) ids.splice(at, 1);
	}

	all(): number[] {
		if (!this.sorted) {
			this.ids.sort((a, b) => a - b);
			this.sorted = true;
		}
		return this.ids;
	}
}

/** Position of the first id that is `id` or more. */
function firstAtLeast(ids: readonly number[], id: number): number {
	let [low, high] = [0, ids.length];
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (ids[middle] < id) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * The portal's products by id and, per catalog, in id order: cheap enough for a hundred
 * thousand rows, so that paging benchmarks read what they would on a large portal.
 */
export class ProductStore {
	private readonly byId = new Map<number, Product>();
	private readonly byCatalog = new Map<number, IdIndex>();

	get(id: number): Product | undefined {
		return this.byId.get(id);
	}

	has(id: number): boolean {
		return this.byId.has(id);
	}

	put(product: Product): void {
		const previous = this.byId.get(product.id);
		if (previous) this.byCatalog.get(previous.iblockId)?.remove(previous.id);
		this.byId.set(product.id, product);
		this.indexOf(product.iblockId).add(product.id);
	}

	delete(id: number): boolean {
		const product = this.byId.get(id);
		if (!product) return false;
		this.byCatalog.get(product.iblockId)?.remove(id);
		return this.byId.delete(id);
	}

	/** The catalog's products in id order, from the first whose id is at least `fromId`. */
	*inCatalog(iblockId: number, fromId?: number): IterableIterator<Product> {
		const ids = this.byCatalog.get(iblockId)?.all() ?? [];
		for (let at = fromId === undefined ? 0 : firstAtLeast(ids, fromId); at < ids.length; at++) {
			const product = this.byId.get(ids[at]);
			if (product) yield product;
		}
	}

	highestId(): number {
		let highest = 0;
		for (const id of this.byId.keys()) highest = Math.max(highest, id);
		return highest;
	}

	clear(): void {
		this.byId.clear();
		this.byCatalog.clear();
	}

	private indexOf(iblockId: number): IdIndex {
		let index = this.byCatalog.get(iblockId);
		if (!index) {
			index = new IdIndex();
			this.byCatalog.set(iblockId, index);
		}
		return index;
	}
}
