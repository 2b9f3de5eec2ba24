import { phpBool } from '../binder';
import { Bitrix24Error, errorBody, systemError } from '../errors';
import { type Params, parsePhpQuery, type PhpInputLimits } from '../params';
import { splitUrl } from '../routing';
import { nowSeconds, timeInfo } from '../time';
import { resolveReferences } from './batchReferences';
import { BatchSections } from './batchSections';
import type { MethodContext, MethodTable } from './registry';

/**
 * `batch` (REST docs, batch.md): up to 50 calls in one request, run in order for the same caller,
 * each answered under its key; the request itself always succeeds.
 */

export const BATCH_METHOD = 'batch';

/** Commands one batch runs; each one past them is answered ERROR_BATCH_LENGTH_EXCEEDED. */
const BATCH_MAX_LENGTH = 50;

/**
 * Methods a batch refuses: nested batches (since rest 24.0.0) and the portal's file pseudo-methods
 * `download` and `upload`. A method that takes a file in its parameters, such as
 * `catalog.productImage.add`, runs (`CRestProvider::methodsBatch` in Bitrix24's
 * `modules/rest/classes/general/rest_provider.php` compares the exact method name).
 */
const NOT_FOR_BATCH: ReadonlySet<string> = new Set([BATCH_METHOD, 'download', 'upload']);

/** A parameter in any letter case, the last spelling winning (the portal upper-cases the names). */
function paramOf(params: Params, name: string): unknown {
	const wanted = name.toUpperCase();
	const spellings = Object.entries(params).filter(([key]) => key.toUpperCase() === wanted);
	return spellings.at(-1)?.[1];
}

/** The batch's commands as `[key, command]` in order (a list's keys are 0..n-1). */
export function batchCommands(params: Params): Array<[string, unknown]> {
	const cmd = paramOf(params, 'cmd');
	return typeof cmd === 'object' && cmd !== null ? Object.entries(cmd) : [];
}

/**
 * `method?query` as `parse_url` reads it: the method is the path; a `#fragment` is dropped. The
 * query goes through parse_str, within PHP's input limits (`CRestProvider` batch handling).
 */
function parseCommand(command: string, limits: PhpInputLimits): { method: string; params: Params } {
	const { pathname, query } = splitUrl(command.split('#', 1)[0]);
	return { method: pathname, params: parsePhpQuery(query, limits) };
}

/** Runs one command and records its success; returns the error it answered instead, if any. */
async function runOne(
	key: string,
	command: unknown,
	sections: BatchSections,
	{ settings, runCommand, phpInput }: MethodContext,
): Promise<Bitrix24Error | undefined> {
	// The portal skips a command that is not text, leaving no entry.
	if (typeof command !== 'string') return undefined;
	const { method, params } = parseCommand(command, phpInput);
	if (NOT_FOR_BATCH.has(method.toLowerCase())) {
		return systemError('ERROR_BATCH_METHOD_NOT_ALLOWED', settings);
	}
	const resolved = resolveReferences(params, (name) => sections.named(name));
	const startedAt = nowSeconds();
	return runCommand(method, resolved).then(
		(outcome) => {
			sections.succeeded(key, outcome, { ...timeInfo(startedAt, startedAt), ...outcome.operating });
			return undefined;
		},
		// Bitrix24 errors become the command's entry; anything else is a defect of the emulator.
		(error: unknown) => (error instanceof Bitrix24Error ? error : Promise.reject(error)),
	);
}

async function runBatch(context: MethodContext): Promise<Record<string, unknown>> {
	const { params, settings } = context;
	const halt = phpBool(paramOf(params, 'halt'));
	const sections = new BatchSections();
	for (const [position, [key, command]] of batchCommands(params).entries()) {
		const error =
			position < BATCH_MAX_LENGTH
				? await runOne(key, command, sections, context)
				: systemError('ERROR_BATCH_LENGTH_EXCEEDED', settings);
		if (!error) continue;
		sections.failed(key, errorBody(error, settings.codeStyle));
		// `halt`: the first error ends the batch; later commands get no entry at all.
		if (halt) break;
	}
	return sections.render();
}

export const batchMethods: MethodTable = {
	[BATCH_METHOD]: { handler: runBatch },
};
