/** One record of a plain table (a measure, a VAT rate, a store): its fields by name, `id` among them. */
export type StoredRecord = Record<string, unknown> & { id: number };

/**
 * The rows of one plain table, ids counted from 1 as the portal's tables count them. The tables of
 * one portal live in a `RecordTables`, by the method prefix that serves them.
 */
export class RecordStore {
	private readonly rows = new Map<number, StoredRecord>();
	private nextId = 1;

	get(id: number): StoredRecord | undefined {
		return this.rows.get(id);
	}

	/** Every record in id order. */
	all(): StoredRecord[] {
		return [...this.rows.values()].sort((a, b) => a.id - b.id);
	}

	add(fields: Record<string, unknown>): StoredRecord {
		const id = typeof fields.id === 'number' ? fields.id : this.nextId;
		const record: StoredRecord = { ...fields, id };
		this.rows.set(id, record);
		this.nextId = Math.max(this.nextId, id + 1);
		return record;
	}

	update(id: number, changes: Record<string, unknown>): StoredRecord | undefined {
		const record = this.rows.get(id);
		if (record) Object.assign(record, changes, { id });
		return record;
	}

	delete(id: number): boolean {
		return this.rows.delete(id);
	}

	reset(seed: readonly Record<string, unknown>[]): void {
		this.rows.clear();
		this.nextId = 1;
		for (const record of seed) this.add(structuredClone(record));
	}
}

/** A portal's plain tables, made on first use with their seed and emptied back to it by `reset()`. */
export class RecordTables {
	private readonly stores = new Map<
		string,
		{ store: RecordStore; seed: readonly Record<string, unknown>[] }
	>();

	of(name: string, seed: readonly Record<string, unknown>[] = []): RecordStore {
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
