import { type Answer, bitrixErrorAnswer, proxyPageAnswer, textAnswer } from './answers';
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
	 * without it: every REST call.
	 */
	method?: string;
	/** How many matching requests it hits (default 1; `Infinity` allowed). */
	times?: number;
}

export type Fault = FaultTarget &
	(
		| { kind: 'error'; status: number; code: ErrorCode; description: string }
		| { kind: 'system'; code: SystemErrorCode }
		| { kind: 'raw'; status: number; body: string; contentType?: string }
		| { kind: 'html'; status: number }
		| { kind: 'drop' }
		| { kind: 'delay'; ms: number }
	);

/** Faults that replace the answer; `drop` and `delay` act on the connection instead. */
export type AnsweringFault = Extract<Fault, { kind: 'error' | 'system' | 'raw' | 'html' }>;

export function isAnsweringFault(fault: Fault): fault is AnsweringFault {
	return fault.kind !== 'drop' && fault.kind !== 'delay';
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

	/** Uses up one hit of the first fault that applies, if any. */
	take(name: string | undefined, takesUntargeted: boolean): Fault | undefined {
		const entry = this.pending.find(({ fault }) =>
			fault.method === undefined
				? takesUntargeted
				: name !== undefined && fault.method.toLowerCase() === name.toLowerCase(),
		);
		if (!entry) return undefined;
		entry.remaining--;
		if (entry.remaining <= 0) this.pending = this.pending.filter((other) => other !== entry);
		return entry.fault;
	}
}

export function faultAnswer(fault: AnsweringFault, settings: ErrorSettings): Answer {
	switch (fault.kind) {
		case 'error':
			return bitrixErrorAnswer(
				new Bitrix24Error(fault.status, fault.code, fault.description),
				settings,
			);
		case 'system':
			return bitrixErrorAnswer(systemError(fault.code, settings), settings);
		case 'raw':
			return textAnswer(
				fault.status,
				fault.body,
				fault.contentType ?? 'application/json; charset=utf-8',
			);
		case 'html':
			return proxyPageAnswer(fault.status);
	}
}
