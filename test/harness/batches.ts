import type { Bitrix24Emulator, RecordedRequest } from '../emulator';

/** The batch requests that reached the portal, with the commands each carried. */
export function batchCommands(emulator: Bitrix24Emulator): string[][] {
	return emulator.restCalls('batch').map(commandsOf);
}

/** The commands one recorded batch request carried. */
export function commandsOf(call: RecordedRequest): string[] {
	return Object.values(call.params.cmd as Record<string, string>);
}

/** The REST methods the requests called, a batch's commands each on its own. */
export function methodsCalled(requests: RecordedRequest[]): string[] {
	return requests.flatMap(({ restMethod, params }) => {
		if (restMethod === undefined) return [];
		if (restMethod !== 'batch') return [restMethod];
		return Object.values(params.cmd as Record<string, string>).map(
			(command) => command.split('?')[0],
		);
	});
}
