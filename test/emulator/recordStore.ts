/** One record of a plain table (a measure, a VAT rate, a store): its fields by name, `id` among them. */
export type StoredRecord = Record<string, unknown> & { id: number };

/**
 * The rows of one plain table, ids counted from 1 as the portal's tables count them. The tables of
 * one portal live in a `RecordTables`, by the method prefix that serves them.
 */
export class RecordStore {
	private readonly rows = new Map<number, StoredRecord>();
	/** The records in id order, kept until one is added or deleted (lists read it page after page). */
	private sorted: StoredRecord[] | undefined;
	/** Ids of records by a field's value (as text), for the fields `indexBy` named. */
	private readonly indexes = new Map<string, Map<string, Set<number>>>();
	private nextId = 1;

	/**
	 * Keeps the records findable by `field` (prices by `productId`), so that a list filtered on
	 * one value reads those records only, however large the table.
	 */
	indexBy(field: string): this {
		if (this.indexes.has(field)) return this;
		this.indexes.set(field, new Map());
		for (const record of this.rows.values()) this.note(record, true);
		return this;
	}

	/** The records whose `field` equals `value`, in id order; undefined when the field has no index. */
	withValue(field: string, value: unknown): StoredRecord[] | undefined {
		const index = this.indexes.get(field);
		if (!index) return undefined;
		const ids = [...(index.get(String(value)) ?? [])].sort((a, b) => a - b);
		return ids.map((id) => this.rows.get(id) as StoredRecord);
	}

	private note(record: StoredRecord, present: boolean): void {
		for (const [field, index] of this.indexes) {
			const key = String(record[field]);
			const ids = index.get(key) ?? new Set<number>();
			if (present) ids.add(record.id);
			else ids.delete(record.id);
			if (ids.size > 0) index.set(key, ids);
			else index.delete(key);
		}
	}

	get(id: number): StoredRecord | undefined {
		return this.rows.get(id);
	}

	/** Every record in id order. */
	all(): StoredRecord[] {
		this.sorted ??= [...this.rows.values()].sort((a, b) => a.id - b.id);
		return [...this.sorted];
	}

	add(fields: Record<string, unknown>): StoredRecord {
		const id = typeof fields.id === 'number' ? fields.id : this.nextId;
		const record: StoredRecord = { ...fields, id };
		const replaced = this.rows.get(id);
		if (replaced) this.note(replaced, false);
		this.sorted = undefined;
		this.rows.set(id, record);
		this.note(record, true);
		this.nextId = Math.max(this.nextId, id + 1);
		return record;
	}

	update(id: number, changes: Record<string, unknown>): StoredRecord | undefined {
		const record = this.rows.get(id);
		if (record) {
			this.note(record, false);
			Object.assign(record, changes, { id });
			this.note(record, true);
		}
		return record;
	}

	delete(id: number): boolean {
		const record = this.rows.get(id);
		if (record) this.note(record, false);
		this.sorted = undefined;
		return this.rows.delete(id);
	}

	reset(seed: readonly Record<string, unknown>[]): void {
		this.rows.clear();
		this.sorted = undefined;
		for (const index of this.indexes.values()) index.clear();
		this.nextId = 1;
		for (const record of seed) this.add(structuredClone(record));
	}
}

/** Each table's seed by its name, as the table's methods declare it. */
const SEEDS = new Map<string, readonly Record<string, unknown>[]>();

/** Declares the records every portal's table `name` starts with. */
export function declareSeed(name: string, seed: readonly Record<string, unknown>[]): void {
	SEEDS.set(name, seed);
}

/** A portal's plain tables, made on first use with their seed and emptied back to it by `reset()`. */
export class RecordTables {
	private readonly stores = new Map<
		string,
		{ store: RecordStore; seed: readonly Record<string, unknown>[] }
	>();

	/**
	 * The table `name`, made with its declared seed whoever opens it first: one opened empty by a
	 * reader (a store's delete reads the documents' items) would stay empty across `reset()`.
	 */
	of(name: string): RecordStore {
		const seed = SEEDS.get(name) ?? [];
		let entry = this.stores.get(name);
		if (!entry) {
			entry = { store: new RecordStore(), seed };
			entry.store.reset(seed);
			this.stores.set(name, entry);
		}
		return entry.store;
	}

	reset(): void {
		for (const { store, seed } of this.stores.values()) store.reset(seed);
	}
}
