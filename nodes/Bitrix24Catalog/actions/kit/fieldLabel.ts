import type { FieldDescription } from './record';

/** Fields whose name, split into words, would not say what they hold. */
const NAMED: Record<string, string> = {
	iblockId: 'Catalog ID',
	iblockSectionId: 'Section ID',
	timestampX: 'Modified On',
	dateCreate: 'Created On',
};

/** Words written in capitals. */
const ACRONYMS = new Set(['id', 'xml', 'vat', 'url', 'api']);

/** `canBuyZero` → "Can Buy Zero", `xmlId` → "XML ID". */
function readable(id: string): string {
	if (Object.hasOwn(NAMED, id)) return NAMED[id];
	return id
		.split(/(?<=[a-z0-9])(?=[A-Z])/)
		.map((word) =>
			ACRONYMS.has(word.toLowerCase())
				? word.toUpperCase()
				: `${word[0].toUpperCase()}${word.slice(1)}`,
		)
		.join(' ');
}

/**
 * A field as the editor lists it: a readable name with the API name beside it ("Can Buy Zero
 * (canBuyZero)"), a property under its name in the portal ("Brand (property110)"), so the name to
 * use in expressions and JSON stays in sight.
 */
export function fieldLabel(id: string, field: FieldDescription | undefined): string {
	const name = field?.isDynamic && field.name ? field.name : readable(id);
	return `${name} (${id})`;
}
