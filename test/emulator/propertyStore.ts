/**
 * Product properties of the information blocks (`catalog_product_property`) and the values
 * products hold, each value with its own id (`valueId`), as the portal stores them.
 */

/** S string, N number, L list, E link to elements (`userType: 'SKU'` links a variation to its parent). */
export type PropertyType = 'S' | 'N' | 'L' | 'E';

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
	choices?: ReadonlyArray<{ id: number; value: string }>;
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

	/** The catalog's properties, in the portal's order (sort, then id). */
	of(iblockId: number): ProductProperty[] {
		return this.properties
			.filter((property) => property.iblockId === iblockId)
			.sort((a, b) => a.sort - b.sort || a.id - b.id);
	}

	find(iblockId: number, id: number): ProductProperty | undefined {
		return this.properties.find((property) => property.iblockId === iblockId && property.id === id);
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
		this.properties = properties.map((property) => ({ ...property }));
		this.values.clear();
		this.nextValueId = 1;
		for (const { productId, propertyId, values: seeded } of values)
			this.set(productId, propertyId, seeded);
	}
}
