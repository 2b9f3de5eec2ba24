/**
 * Every error table of the catalog reference (the "Possible Error Codes" of each page, copied
 * into test/emulator/reference/pages.json): each documented code is provoked by a request
 * (errorProbes.ts) and answered with the page's code, its JSON type (the family's pages show
 * numbers or strings) and its HTTP status, or listed in unreproducible.ts with the reason; an
 * entry whose code is provoked after all fails, so the list cannot drift.
 */
import { Bitrix24Emulator } from '../index';
import { probesOf, type ProbeAnswer } from '../reference/errorProbes';
import { REFERENCE_PAGES, type ReferencePage } from '../reference/pages';
import { UNREPRODUCIBLE_ERRORS } from '../reference/unreproducible';
import { postJson } from '../testClient';

let emu: Bitrix24Emulator;

beforeAll(async () => {
	emu = await Bitrix24Emulator.start({ catalogDemo: true });
});

afterAll(() => emu.stop());

const pageName = (page: ReferencePage) => page.source.replace(/^api-reference\/catalog\//, '');
const folderOf = (page: ReferencePage) => page.source.replace(/\/[^/]*$/, '');
const isNumeric = (code: unknown) => typeof code === 'number' || /^\d+$/.test(String(code));

/** How a page writes numeric codes: as its examples do, else as its folder's pages do. */
function numericCodeType(page: ReferencePage): string | undefined {
	const examples = [page, ...REFERENCE_PAGES.filter((other) => folderOf(other) === folderOf(page))]
		.flatMap((candidate) => candidate.errorExamples)
		.map((example) => (example as { error?: unknown }).error)
		.filter(isNumeric);
	return examples.length > 0 ? typeof examples[0] : undefined;
}

async function answersTo(page: ReferencePage): Promise<ProbeAnswer[]> {
	const answers: ProbeAnswer[] = [];
	for (const probe of probesOf(page)) {
		emu.reset();
		await probe.prepare?.(emu);
		const answer = await postJson(emu.webhookUrl(probe.webhook) + page.method, probe.params);
		const body = answer.body as { error?: unknown; error_description?: string } | undefined;
		if (answer.status !== 200) {
			answers.push({
				probe: probe.name,
				status: answer.status,
				error: body?.error,
				description: body?.error_description,
			});
		}
	}
	return answers;
}

function listedFor(page: ReferencePage, code: string) {
	const name = pageName(page);
	const rows = page.errorTable.filter((row) => row.code === code);
	return UNREPRODUCIBLE_ERRORS.find(
		(entry) =>
			entry.code === code &&
			(typeof entry.page === 'string' ? entry.page === name : entry.page.test(name)) &&
			(entry.description === undefined ||
				rows.every((row) => entry.description?.test(row.description))),
	);
}

const PAGES = REFERENCE_PAGES.filter((page) => page.errorTable.length > 0).map((page) => ({
	name: pageName(page),
	page,
}));

/** Per page: documented codes provoked, and those listed as not reproducible. */
const tally = { provoked: 0, listed: 0, rows: 0 };

describe.each(PAGES)('$name', ({ page }) => {
	it("answers each documented code with the page's code, JSON type and status", async () => {
		const answers = await answersTo(page);
		const type = numericCodeType(page);
		const codes = [...new Set(page.errorTable.map((row) => row.code))];
		const problems = codes.flatMap((code) => {
			const row = page.errorTable.find((candidate) => candidate.code === code);
			const provoked = answers.filter((answer) => String(answer.error) === code);
			const listed = listedFor(page, code);
			if (provoked.length === 0) {
				if (listed) tally.listed++;
				return listed ? [] : [`${code}: not provoked`];
			}
			// A catch-all entry ("Other errors") may meet a code other rows of the page provoke.
			if (listed && !listed.description)
				return [`${code}: listed as not reproducible, yet provoked`];
			tally.provoked++;
			const status = row?.status ?? 400;
			const fitting = provoked.find(
				(answer) =>
					answer.status === status &&
					(!isNumeric(code) || type === undefined || typeof answer.error === type),
			);
			return fitting
				? []
				: [`${code}: answered ${JSON.stringify(provoked[0])}, documented ${type} at ${status}`];
		});
		tally.rows += page.errorTable.length;
		expect(problems).toEqual([]);
	});
});

it('covers every error table of the reference', () => {
	expect(PAGES.length).toBe(147);
	// 426 documented codes (page by page) in 675 rows: 337 provoked, 89 listed as not reproducible.
	expect(tally).toEqual({ provoked: 337, listed: 89, rows: 675 });
});
