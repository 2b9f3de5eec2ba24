/** A catalog section (`catalog_section`): the tree products are filed in. */
export interface Section {
	id: number;
	iblockId: number;
	/** The parent section; `null` on the top level. */
	iblockSectionId: number | null;
	name: string;
	xmlId: string | null;
	code: string | null;
	sort: number;
	active: 'Y' | 'N';
	description: string | null;
	descriptionType: 'text' | 'html';
}

export type NewSection = Pick<Section, 'iblockId' | 'name'> &
	Partial<Omit<Section, 'iblockId' | 'name'>>;

/** What a section created without them holds (REST docs, catalog.section.add). */
export const SECTION_DEFAULTS = {
	iblockSectionId: null,
	xmlId: null,
	code: null,
	sort: 500,
	active: 'Y',
	description: null,
	descriptionType: 'text',
} as const;

export class SectionStore {
	private readonly sections = new Map<number, Section>();
	private nextId = 1;

	get(id: number): Section | undefined {
		return this.sections.get(id);
	}

	/** The catalog's sections in id order. */
	inCatalog(iblockId: number): Section[] {
		return [...this.sections.values()]
			.filter((section) => section.iblockId === iblockId)
			.sort((a, b) => a.id - b.id);
	}

	add(fields: NewSection): Section {
		const section: Section = {
			...SECTION_DEFAULTS,
			...fields,
			id: fields.id ?? this.nextId,
		};
		this.sections.set(section.id, section);
		this.nextId = Math.max(this.nextId, section.id + 1);
		return section;
	}

	update(id: number, changes: Partial<Omit<Section, 'id'>>): Section | undefined {
		const section = this.sections.get(id);
		if (section) Object.assign(section, changes);
		return section;
	}

	/** Deletes the section and every section below it; answers the ids deleted. */
	delete(id: number): number[] {
		if (!this.sections.has(id)) return [];
		const children = [...this.sections.values()].filter(
			(section) => section.iblockSectionId === id,
		);
		this.sections.delete(id);
		return [id, ...children.flatMap((child) => this.delete(child.id))];
	}

	reset(seed: readonly Section[]): void {
		this.sections.clear();
		this.nextId = 1;
		for (const section of seed) this.add({ ...section });
	}
}
