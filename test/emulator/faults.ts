import {
	type Answer,
	bitrixErrorAnswer,
	proxyPageAnswer,
	redirectAnswer,
	streamedAnswer,
	textAnswer,
} from './answers';
import {
	Bitrix24Error,
	type ErrorCode,
	type ErrorSettings,
	isSystemErrorCode,
	type SystemErrorCode,
	systemError,
} from './errors';

interface FaultTarget {
	/**
	 * Only this REST method (or `oauth.token` for the token endpoint, `upload` for files);
	 * without it: every REST call. A whole batch request is the method `batch`.
	 */
	method?: string;
	/** How many matching requests (or batch commands) it hits (default 1; `Infinity` allowed). */
	times?: number;
	/**
	 * `error` and `system` faults only: hit commands inside `batch` instead of HTTP requests;
	 * the command's entry becomes that error and the command does not run.
	 */
	inBatch?: boolean;
}

/** A Bitrix24 error answer: status, code and text. */
interface ErrorAnswerFault {
	status: number;
	code: ErrorCode;
	description: string;
}

export type Fault = FaultTarget &
	(
		| ({ kind: 'error' } & ErrorAnswerFault)
		| { kind: 'system'; code: SystemErrorCode }
		| { kind: 'raw'; status: number; body: string; contentType?: string }
		| { kind: 'html'; status: number }
		// A file moved elsewhere (status 302 unless given); for `upload` mostly.
		| { kind: 'redirect'; location: string; status?: number }
		// A file of `bytes` bytes, sent as the client reads it (never held in memory); for `upload`.
		| { kind: 'streamed'; bytes: number; contentType: string; declareLength?: boolean }
		| { kind: 'drop' }
		| { kind: 'delay'; ms: number }
		// The call is carried out (data changes), then the client never hears of it.
		| { kind: 'commitThenDrop' }
		// The call is carried out, then answered with an error: "the first attempt may have succeeded".
		| ({ kind: 'commitThenError' } & ErrorAnswerFault)
	);

/** Faults that replace the answer; the others act on the connection or after the call. */
export type AnsweringFault = Extract<
	Fault,
	{ kind: 'error' | 'system' | 'raw' | 'html' | 'redirect' | 'streamed' }
>;

/** Faults that can stand in for a batch command's outcome. */
type CommandFault = Extract<Fault, { kind: 'error' | 'system' }>;

const ANSWERING_KINDS: ReadonlySet<Fault['kind']> = new Set([
	'error',
	'system',
	'raw',
	'html',
	'redirect',
	'streamed',
]);

export function isAnsweringFault(fault: Fault): fault is AnsweringFault {
	return ANSWERING_KINDS.has(fault.kind);
}

function isCommandFault(fault: Fault): fault is CommandFault {
	return fault.kind === 'error' || fault.kind === 'system';
}

interface PendingFault {
	fault: Fault;
	remaining: number;
}

function validate(fault: Fault): void {
	const times = fault.times ?? 1;
	if (!(times >= 1)) throw new Error(`Fault times must be at least 1, got ${times}`);
	if (fault.kind === 'system' && !isSystemErrorCode(fault.code)) {
		throw new Error(`Unknown system error code ${String(fault.code)}`);
	}
	if (fault.inBatch === true && !isCommandFault(fault)) {
		throw new Error(`Only error and system faults can hit batch commands, not ${fault.kind}`);
	}
}

function sameName(wanted: string, name: string | undefined): boolean {
	return name !== undefined && wanted.toLowerCase() === name.toLowerCase();
}

/** Injected faults, matched in the order they were added. */
export class FaultQueue {
	private pending: PendingFault[] = [];

	add(fault: Fault): void {
		validate(fault);
		this.pending.push({ fault, remaining: fault.times ?? 1 });
	}

	clear(): void {
		this.pending = [];
	}

	/** Uses up one hit of the first fault that applies to a request, if any. */
	take(name: string | undefined, takesUntargeted: boolean): Fault | undefined {
		return this.use(
			({ method, inBatch }) =>
				inBatch !== true && (method === undefined ? takesUntargeted : sameName(method, name)),
		);
	}

	/** Uses up one hit of the first fault aimed at batch commands calling `name`, if any. */
	takeInBatch(name: string): CommandFault | undefined {
		const fault = this.use(
			({ method, inBatch }) => inBatch === true && (method === undefined || sameName(method, name)),
		);
		return fault && isCommandFault(fault) ? fault : undefined;
	}

	private use(applies: (fault: Fault) => boolean): Fault | undefined {
		const entry = this.pending.find(({ fault }) => applies(fault));
		if (!entry) return undefined;
		entry.remaining--;
		if (entry.remaining <= 0) this.pending = this.pending.filter((other) => other !== entry);
		return entry.fault;
	}
}

/** The error an `error` or `system` fault stands for. */
export function faultError(fault: CommandFault, settings: ErrorSettings): Bitrix24Error {
	return fault.kind === 'system'
		? systemError(fault.code, settings)
		: new Bitrix24Error(fault.status, fault.code, fault.description);
}

export function faultAnswer(fault: AnsweringFault, settings: ErrorSettings): Answer {
	switch (fault.kind) {
		case 'error':
		case 'system':
			return bitrixErrorAnswer(faultError(fault, settings), settings);
		case 'raw':
			return textAnswer(
				fault.status,
				fault.body,
				fault.contentType ?? 'application/json; charset=utf-8',
			);
		case 'html':
			return proxyPageAnswer(fault.status);
		case 'redirect':
			return redirectAnswer(fault.location, fault.status);
		case 'streamed':
			return streamedAnswer(fault.bytes, fault.contentType, fault.declareLength ?? false);
	}
}

/** What a `commitThenError` fault answers once the call was carried out. */
export function commitErrorAnswer(
	fault: Extract<Fault, { kind: 'commitThenError' }>,
	settings: ErrorSettings,
): Answer {
	return bitrixErrorAnswer(faultError({ ...fault, kind: 'error' }, settings), settings);
}
