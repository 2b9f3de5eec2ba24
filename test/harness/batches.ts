import type { Bitrix24Emulator } from '../emulator';
import type { RecordedRequest } from '../emulator/recording';

/** The batch requests that reached the portal, with the commands each carried. */
export function batchCommands(emulator: Bitrix24Emulator): string[][] {
	return emulator.restCalls('batch').map(commandsOf);
}

/** The commands one recorded batch request carried. */
export function commandsOf(call: RecordedRequest): string[] {
	return Object.values(call.params.cmd as Record<string, string>);
}
