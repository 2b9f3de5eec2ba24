import type { Caller } from '../auth';
import type { ErrorSettings } from '../errors';
import type { OperatingFields } from '../operatingTime';
import type { Params, PhpInputLimits } from '../params';
import type { Portal } from '../portal';

/** A method another method ran for the same caller: its reply and its operating time. */
export interface CommandOutcome {
	reply: MethodReply;
	operating: OperatingFields;
}

export interface MethodContext {
	/** Parameters for the method (query and body merged; `auth` removed). */
	params: Params;
	caller: Caller;
	portal: Portal;
	registry: MethodRegistry;
	/** `http://host:port` the call was addressed to; the portal builds absolute URLs from it. */
	origin: string;
	/** How this portal writes errors, for methods that report other calls' errors (batch). */
	settings: ErrorSettings;
	/** PHP's input limits, which bound a batch command's query (see `parsePhpQuery`). */
	phpInput: PhpInputLimits;
	/**
	 * Runs a method as a command of this one (batch) for the same caller, with the same checks
	 * as a single call; throws `Bitrix24Error` when the command fails.
	 */
	runCommand(method: string, params: Params): Promise<CommandOutcome>;
}

/** A file a method answers instead of JSON (the portal sends its bytes as they are). */
export interface FileBody {
	bytes: Buffer;
	mimeType: string;
	name: string;
}

/** A result plus top-level fields next to it (`total`, `next`), as list methods answer, or a file. */
export class MethodReply {
	constructor(
		readonly result: unknown,
		readonly extra: Record<string, unknown> = {},
		readonly file?: FileBody,
	) {}
}

export interface MethodDefinition {
	/** The scope a webhook or app must have; none for basic methods (`scope`, `profile`). */
	scope?: string;
	/** Returns the `result` (or a `MethodReply`); throws `Bitrix24Error` to answer an error. */
	handler(context: MethodContext): unknown;
}

export type MethodTable = Record<string, MethodDefinition>;

export interface RegisteredMethod extends MethodDefinition {
	name: string;
}

/** REST methods by name; names match case-insensitively, like on a portal. */
export class MethodRegistry {
	private readonly methods = new Map<string, RegisteredMethod>();

	register(table: MethodTable): this {
		for (const [name, definition] of Object.entries(table)) {
			const key = name.toLowerCase();
			if (this.methods.has(key)) throw new Error(`Method ${name} is registered twice`);
			this.methods.set(key, { name, ...definition });
		}
		return this;
	}

	find(name: string): RegisteredMethod | undefined {
		return this.methods.get(name.toLowerCase());
	}
}

export function isAvailableTo(method: MethodDefinition, scopes: readonly string[]): boolean {
	return method.scope === undefined || scopes.includes(method.scope);
}
