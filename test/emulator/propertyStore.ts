/**
 * Product properties of the information blocks (`catalog_product_property`) and the values
 * products hold, each value with its own id (`valueId`), as the portal stores them.
 */

/**
 * S string, N number, L list, F file, E link to elements (`userType: 'SKU'` links a variation to
 * its parent), G link to sections.
 */
export type PropertyType = 'S' | 'N' | 'L' | 'F' | 'E' | 'G';

/** One value of a list property (`catalog_product_property_enum`). */
export interface ListChoice {
	id: number;
	value: string;
	xmlId?: string;
	def?: 'Y' | 'N';
	sort?: number;
}

export interface ProductProperty {
	id: number;
	iblockId: number;
	name: string;
	propertyType: PropertyType;
	userType: string | null;
	multiple: boolean;
	required: boolean;
	sort: number;
	/** The choices of a list property. */
	choices?: readonly ListChoice[];
	/** The rest of `catalog_product_property` (code, xmlId, active, ...), as written through REST. */
	details?: Record<string, unknown>;
}

export interface PropertyValue {
	valueId: number;
	/** As the database keeps it: text (a list property keeps the choice's id). */
	value: string;
}

/** A value to store; one without `valueId` gets a new id. */
export interface NewPropertyValue {
	valueId?: number;
	value: string;
}

export interface SeedPropertyValue {
	productId: number;
	propertyId: number;
	values: readonly PropertyValue[];
}

export class PropertyStore {
	private properties: ProductProperty[] = [];
	// productId → propertyId → values
	private readonly values = new Map<number, Map<number, PropertyValue[]>>();
	private nextValueId = 1;
	// Ids are never given twice, as the database's counters do not step back on a delete.
	private nextPropertyId = 1;
	private nextChoiceId = 1;

	/** The catalog's properties, in the portal's order (sort, then id). */
	of(iblockId: number): ProductProperty[] {
		return this.properties
			.filter((property) => property.iblockId === iblockId)
			.sort((a, b) => a.sort - b.sort || a.id - b.id);
	}

	find(iblockId: number, id: number): ProductProperty | undefined {
		return this.properties.find((property) => property.iblockId === iblockId && property.id === id);
	}

	/** Every catalog's properties, by id. */
	all(): ProductProperty[] {
		return [...this.properties].sort((a, b) => a.id - b.id);
	}

	byId(id: number): ProductProperty | undefined {
		return this.properties.find((property) => property.id === id);
	}

	add(fields: Omit<ProductProperty, 'id'>): ProductProperty {
		const id = this.nextPropertyId++;
		const property = { ...fields, id };
		this.properties.push(property);
		return property;
	}

	update(id: number, changes: Partial<Omit<ProductProperty, 'id'>>): ProductProperty | undefined {
		const property = this.byId(id);
		if (property) Object.assign(property, changes);
		return property;
	}

	/** Removes the property with its choices and every value products held of it. */
	remove(id: number): void {
		this.properties = this.properties.filter((property) => property.id !== id);
		for (const ofProduct of this.values.values()) ofProduct.delete(id);
	}

	/** Every list property's choices, each with its property. */
	choices(): Array<ListChoice & { propertyId: number }> {
		return this.all().flatMap((property) =>
			(property.choices ?? []).map((choice) => ({
				...choice,
				propertyId: property.id,
			})),
		);
	}

	/** Adds a choice to a list property; ids are counted across properties, as the portal does. */
	addChoice(propertyId: number, choice: Omit<ListChoice, 'id'>): ListChoice {
		const id = this.nextChoiceId++;
		const added = { ...choice, id };
		this.update(propertyId, {
			choices: [...(this.byId(propertyId)?.choices ?? []), added],
		});
		return added;
	}

	/** Changes a choice, moving it to another property when `propertyId` names one. */
	updateChoice(id: number, propertyId: number, changes: Partial<ListChoice>): ListChoice {
		const current = this.all()
			.flatMap((property) => property.choices ?? [])
			.find((choice) => choice.id === id);
		this.removeChoice(id);
		const changed: ListChoice = { ...current, ...changes, id } as ListChoice;
		this.update(propertyId, {
			choices: [...(this.byId(propertyId)?.choices ?? []), changed],
		});
		return changed;
	}

	removeChoice(id: number): void {
		for (const property of this.properties) {
			if (property.choices?.some((choice) => choice.id === id)) {
				property.choices = property.choices.filter((choice) => choice.id !== id);
			}
		}
	}

	valuesOf(productId: number, propertyId: number): readonly PropertyValue[] {
		return this.values.get(productId)?.get(propertyId) ?? [];
	}

	/** Replaces the product's values of one property; values without an id get a new one. */
	set(productId: number, propertyId: number, values: readonly NewPropertyValue[]): void {
		let ofProduct = this.values.get(productId);
		if (!ofProduct) {
			ofProduct = new Map();
			this.values.set(productId, ofProduct);
		}
		const stored = values.map(({ valueId, value }) => ({
			valueId: valueId ?? this.nextValueId++,
			value,
		}));
		for (const { valueId } of stored) this.nextValueId = Math.max(this.nextValueId, valueId + 1);
		if (stored.length === 0) ofProduct.delete(propertyId);
		else ofProduct.set(propertyId, stored);
	}

	forget(productId: number): void {
		this.values.delete(productId);
	}

	reset(properties: readonly ProductProperty[], values: readonly SeedPropertyValue[]): void {
		this.properties = properties.map((property) => structuredClone(property));
		this.values.clear();
		this.nextValueId = 1;
		this.nextPropertyId = Math.max(0, ...properties.map((property) => property.id)) + 1;
		this.nextChoiceId =
			Math.max(0, ...properties.flatMap(({ choices = [] }) => choices.map(({ id }) => id))) + 1;
		for (const { productId, propertyId, values: seeded } of values)
			this.set(productId, propertyId, seeded);
	}
}
