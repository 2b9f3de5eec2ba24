/**
 * Every documented answer of the catalog reference (the "Response Handling" JSON of each page,
 * copied into test/emulator/reference/pages.json) against the emulator's answer to the page's own
 * request: the same keys, nesting and JSON types. A difference fails unless
 * test/emulator/reference/differences.ts lists it with its reason; a listed one that no longer
 * occurs fails too, so the list cannot drift.
 */
import {
	DELIBERATE_DIFFERENCES,
	type DeliberateDifference,
} from '../reference/differences';
import { REFERENCE_PAGES, type ReferencePage } from '../reference/pages';
import { exampleRequest, renameKeys } from '../reference/requests';
import { shapeDifferences } from '../reference/shape';
import { postJson } from '../testClient';
import { useEmulator } from './emulatorUnderTest';

const { emu } = useEmulator({ catalogDemo: true });

const pageName = (page: ReferencePage) => page.source.replace(/^api-reference\/catalog\//, '');

/** Pages with a request and a documented successful answer. */
const EXAMPLES = REFERENCE_PAGES.flatMap((page) => {
	const answer = page.responses.find(
		(response) => typeof response === 'object' && response !== null && 'result' in response,
	);
	return page.request !== undefined && answer !== undefined
		? [{ name: pageName(page), page, answer }]
		: [];
});

const matches = (pattern: string | RegExp, text: string) =>
	typeof pattern === 'string' ? pattern === text : pattern.test(text);

/** Entries that matched a difference, so that one matching nothing can be named. */
const used = new Set<DeliberateDifference>();

/** The field a difference is about: the last step of its path. */
const fieldOf = (difference: string) => difference.split(':')[0].split('.').at(-1) ?? '';

function unlisted(name: string, differences: string[], written: ReadonlySet<string>): string[] {
	return differences.filter((difference) => {
		const entry = DELIBERATE_DIFFERENCES.find(
			(candidate) =>
				matches(candidate.page, name) &&
				matches(candidate.difference, difference) &&
				!(candidate.unwritten && written.has(fieldOf(difference))),
		);
		if (entry) used.add(entry);
		return !entry;
	});
}

/** The fields a request writes (`fields` of an add or update). */
function writtenBy(params: unknown): Set<string> {
	const { fields } = params as { fields?: unknown };
	return new Set(typeof fields === 'object' && fields !== null ? Object.keys(fields) : []);
}

async function differencesOf(page: ReferencePage, documented: unknown) {
	const { method, params, prepare, renamed } = exampleRequest(page);
	const written = writtenBy(params);
	await prepare?.(emu);
	const answer = await postJson(emu.webhookUrl() + method, params);
	const found =
		answer.status === 200
			? shapeDifferences(renameKeys(documented, renamed), answer.body)
			: [`: HTTP ${answer.status} ${answer.text}`];
	return { found, written };
}

describe.each(EXAMPLES)('$name', ({ name, page, answer }) => {
	it('answers in the documented form, apart from the listed differences', async () => {
		const { found, written } = await differencesOf(page, answer);
		expect(unlisted(name, found, written)).toEqual([]);
	});
});

describe('the examples', () => {
	it('cover every page that documents a request and its answer', () => {
		expect(EXAMPLES.length).toBe(136);
	});

	it('leave no listed difference unused', () => {
		expect(DELIBERATE_DIFFERENCES.filter((entry) => !used.has(entry))).toEqual([]);
	});
});
