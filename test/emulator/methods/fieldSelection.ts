/** `select` as the portal reads it for the catalog's list methods. */

/**
 * The known fields asked for, in the order asked, each once. Unknown names are dropped; when
 * nothing known is left the caller gets every field (an empty select means "all").
 */
export function selectedFields(requested: readonly unknown[], known: readonly string[]): string[] {
	const fields = known.filter((field) => requested.includes(field));
	if (fields.length === 0) return [...known];
	return requested.filter(
		(field, index): field is string =>
			typeof field === 'string' && known.includes(field) && requested.indexOf(field) === index,
	);
}

/** Only `fields` of `record`, in that order. */
export function pick(
	record: Record<string, unknown>,
	fields: readonly string[],
): Record<string, unknown> {
	return Object.fromEntries(fields.map((field) => [field, record[field]]));
}
