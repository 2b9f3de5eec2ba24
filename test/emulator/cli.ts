/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- a command-line program, not node code */
import { DEMO_BULK_PRODUCTS } from './demoSeed';
import { Bitrix24Emulator, CATALOG_EVENTS, type OutgoingWebhook } from './index';

/** Runs the emulator on a fixed port so the node can be tried against it by hand. */

const DEFAULT_PORT = 8024;

function portFromEnvironment(): number {
	const text = process.env.BITRIX24_EMULATOR_PORT;
	if (text === undefined || text === '') return DEFAULT_PORT;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`BITRIX24_EMULATOR_PORT must be a port number, got "${text}"`);
	}
	return port;
}

// The bulk products are there to page through; one line sums them up.
const isBulk = (id: number): boolean => DEMO_BULK_PRODUCTS.some((product) => product.id === id);

function demoCatalogLines(emulator: Bitrix24Emulator): string[] {
	const lines: string[] = [];
	for (const catalog of emulator.portal.catalogs) {
		for (const product of emulator.portal.productsIn(catalog.iblockId)) {
			if (isBulk(product.id)) continue;
			const images = emulator.portal
				.imagesOf(product.id)
				.map((image) => `${image.id} ${image.type}`)
				.join(', ');
			lines.push(
				`  product ${product.id}  ${JSON.stringify(product.name).padEnd(20)} type ${product.type}` +
					`  catalog ${catalog.id}  images: ${images || 'none'}`,
			);
		}
	}
	for (const catalog of emulator.portal.catalogs) {
		const sections = emulator.portal.sections.inCatalog(catalog.iblockId);
		if (sections.length === 0) continue;
		lines.push(
			`  sections of catalog ${catalog.id}: ${sections.map(({ id, name }) => `${id} ${name}`).join(', ')}`,
		);
	}
	const [first, last] = [DEMO_BULK_PRODUCTS[0], DEMO_BULK_PRODUCTS[DEMO_BULK_PRODUCTS.length - 1]];
	lines.push(
		`  products ${first.id}-${last.id}  "${first.name}" to "${last.name}", catalog 23, for paging`,
	);
	return lines;
}

function eventLines(emulator: Bitrix24Emulator, outgoing: OutgoingWebhook | undefined): string[] {
	return [
		'Events:',
		'  apps subscribe with event.bind (OAuth2 only); changing a product fires its event, e.g.',
		`    curl -d 'id=101&fields[active]=N' ${emulator.webhookUrl('admin')}catalog.product.update`,
		outgoing
			? `  outgoing webhook to ${outgoing.handler}, application token ${outgoing.applicationToken}`
			: "  set BITRIX24_OUTGOING_WEBHOOK to a trigger's URL for an outgoing webhook (all catalog events)",
	];
}

function banner(emulator: Bitrix24Emulator, outgoing: OutgoingWebhook | undefined): string {
	return [
		`Bitrix24 emulator listening on ${emulator.baseUrl}`,
		'',
		'Webhooks (paste into the "Bitrix24 Webhook API" credential):',
		`  admin  (may modify the catalog)  ${emulator.webhookUrl('admin')}`,
		`  viewer (may only view it)        ${emulator.webhookUrl('viewer')}`,
		`  noAccess (may not view it)       ${emulator.webhookUrl('noAccess')}`,
		'',
		'OAuth application (for the "Bitrix24 OAuth2 API" credential):',
		`  client id      ${emulator.oauth.clientId}`,
		`  client secret  ${emulator.oauth.clientSecret}`,
		`  authorize URL  ${emulator.oauth.authorizeUrl}`,
		`  token URL      ${emulator.oauth.tokenUrl}`,
		`  redirect URI   ${emulator.oauth.redirectUri}`,
		'',
		'Demo catalog:',
		...demoCatalogLines(emulator),
		'',
		...eventLines(emulator, outgoing),
		'',
		'Press Ctrl+C to stop.',
	].join('\n');
}

async function main(): Promise<void> {
	const emulator = await Bitrix24Emulator.start({
		port: portFromEnvironment(),
		host: process.env.BITRIX24_EMULATOR_HOST || '127.0.0.1',
		// Properties and products of every kind, for trying the catalog's other resources.
		catalogDemo: process.env.BITRIX24_EMULATOR_CATALOG_DEMO === '1',
		// With the demo, stores and inventory documents work as on a portal that uses them.
		inventoryManagement: process.env.BITRIX24_EMULATOR_CATALOG_DEMO === '1',
	});
	const handler = process.env.BITRIX24_OUTGOING_WEBHOOK?.trim();
	const outgoing = handler
		? emulator.events.addOutgoingWebhook(handler, [...CATALOG_EVENTS])
		: undefined;
	console.log(banner(emulator, outgoing));
	const stop = (): void => {
		emulator.stop().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
