import type { Bitrix24Emulator } from '../emulator';

/** The batch requests that reached the portal, with the commands each carried. */
export function batchCommands(emulator: Bitrix24Emulator): string[][] {
	return emulator.restCalls('batch').map((call) => Object.values(call.params.cmd as Record<string, string>));
}
