import type { ErrorCode } from '../errors';
import { isListKeys, newPhpArray } from '../params';
import type { CommandOutcome } from './registry';

type Section = Record<string, unknown>;

/** The names `$name[key]…` references use, as the portal keeps a batch's outcomes. */
const SECTION_NAMES = ['result', 'next', 'total', 'time', 'error'] as const;
type SectionName = (typeof SECTION_NAMES)[number];

function isSectionName(name: string): name is SectionName {
	return (SECTION_NAMES as readonly string[]).includes(name);
}

/** PHP's json_encode: keys 0..n-1 in order make a list (no keys at all: `[]`), others an object. */
function phpJson(section: Section): unknown[] | Section {
	const keys = Object.keys(section);
	return isListKeys(keys) ? keys.map((key) => section[key]) : section;
}

/** What a batch collects, per command key: results, paging, times and errors. */
export class BatchSections {
	// Null-prototype maps, so command keys like `__proto__` stay plain data.
	private readonly sections: Record<SectionName, Section> = {
		result: newPhpArray(),
		next: newPhpArray(),
		total: newPhpArray(),
		time: newPhpArray(),
		error: newPhpArray(),
	};

	succeeded(key: string, { reply }: CommandOutcome, time: object): void {
		this.sections.result[key] = reply.result;
		const { next, total } = reply.extra;
		if (next !== undefined) this.sections.next[key] = next;
		if (total !== undefined) this.sections.total[key] = total;
		this.sections.time[key] = time;
	}

	failed(key: string, body: { error: ErrorCode; error_description: string }): void {
		this.sections.error[key] = body;
	}

	/** A section by the name a reference spells (letter case included), if there is one. */
	named(name: string): Section | undefined {
		return isSectionName(name) ? this.sections[name] : undefined;
	}

	/** The batch's `result`; empty sections are `[]`, as PHP encodes empty arrays. */
	render(): Record<string, unknown> {
		const { result, error, total, next, time } = this.sections;
		return {
			result: phpJson(result),
			result_error: phpJson(error),
			result_total: phpJson(total),
			result_next: phpJson(next),
			result_time: phpJson(time),
		};
	}
}
