// Product → Sync: a feed compared with the catalog, only what differs written.
import { runSync, syncParameters, writesSent } from './syncRuns';
import { usePortal } from './fixtures';

describe('Product → Sync', () => {
	const portal = usePortal();

	it('smoke', async () => {
		const feed = [
			{ sku: 'SKU-1', name: 'Drill', retail: 100, wholesale: 80 },
			{ sku: 'SKU-2', name: 'Saw', retail: 50, wholesale: 40 },
		];
		const first = await runSync(portal.emulator, syncParameters(), feed);
		console.log(JSON.stringify(first.error), JSON.stringify(first.output.map((item) => item.json), null, 1));
		console.log(writesSent(portal.emulator));
		portal.emulator.reset;
		const second = await runSync(portal.emulator, syncParameters(), feed);
		console.log(JSON.stringify(second.error), JSON.stringify(second.output.map((item) => item.json), null, 1));
	});
});
