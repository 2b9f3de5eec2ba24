/**
 * How a documented answer and the emulator's answer differ in form: keys, nesting and JSON types,
 * never values. Each difference is one line, `path: what`, so a list of deliberate ones can name it.
 */

type JsonType = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'absent';

export function jsonType(value: unknown): JsonType {
	if (value === undefined) return 'absent';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value as JsonType;
}

function join(path: string, key: string): string {
	return path === '' ? key : `${path}.${key}`;
}

/**
 * The differences between `documented` and `answered` under `path`: a key the page shows and the
 * emulator leaves out, one the emulator adds, and a value of another JSON type. Lists compare
 * their first entries (a page shows one or a few rows of the same form).
 */
export function shapeDifferences(documented: unknown, answered: unknown, path = ''): string[] {
	const [want, got] = [jsonType(documented), jsonType(answered)];
	if (want !== got) return [`${path}: ${want} documented, ${got} answered`];
	if (want === 'array') {
		const [first, own] = [(documented as unknown[])[0], (answered as unknown[])[0]];
		if (first === undefined) return [];
		if (own === undefined) return [`${path}: empty list answered`];
		return shapeDifferences(first, own, join(path, '0'));
	}
	if (want !== 'object') return [];
	const [doc, ans] = [documented as Record<string, unknown>, answered as Record<string, unknown>];
	const keys = [...new Set([...Object.keys(doc), ...Object.keys(ans)])];
	return keys.flatMap((key) => shapeDifferences(doc[key], ans[key], join(path, key)));
}
