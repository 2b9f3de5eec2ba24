/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test server for feeds and images, never shipped */
// The Sync examples in examples/: a CSV export and a shop's XML feed, each in Dry Run.
import type { INodeParameters } from 'n8n-workflow';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import { postJson } from '../emulator/testClient';
import { loadExample } from '../harness/examples';
import type { WorkflowJson } from '../harness/workflowHost';
import { methodsCalled } from '../harness/batches';
import { usePortal, useWorkflowHost } from './fixtures';

const portal = usePortal({ catalogDemo: true });
const hosting = useWorkflowHost(portal);

const CSV = ['sku,name,price,currency,stock,category', 'ERP-1,Cordless drill,129.90,USD,12,Tools/Drills', '101,Espresso machine,450,USD,54,Coffee machines'].join('\n');

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">
<channel>
<title>Shop</title>
<item>
<g:id>SHOP-7</g:id>
<g:title>Hammer drill</g:title>
<g:description>Two speeds</g:description>
<g:price>89.00 USD</g:price>
<g:product_type>Tools &gt; Drills</g:product_type>
<g:image_link>IMAGE</g:image_link>
</item>
</channel>
</rss>`;

/** The shop's (or the ERP's) web server: the feed and its images. */
let server: Server;
let origin: string;
beforeAll(async () => {
	server = createServer((request, response) => {
		if (request.url?.endsWith('.csv')) response.writeHead(200, { 'content-type': 'text/csv' }).end(CSV);
		else response.writeHead(200, { 'content-type': 'application/xml' }).end(XML.replace('IMAGE', `${origin}/img/7.png`));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => await new Promise((resolve) => server.close(resolve)));

/** What the user sets before the first run: the feed's address, and for images their host and property. */
function configured(file: string, feedUrl: string, syncOptions?: INodeParameters): WorkflowJson {
	const example = loadExample(file);
	const nodes = example.nodes.map((node) => {
		if (node.type === 'n8n-nodes-base.httpRequest') return { ...node, parameters: { ...node.parameters, url: feedUrl } };
		if (node.parameters.operation === 'sync' && syncOptions) return { ...node, parameters: { ...node.parameters, syncOptions } };
		return node;
	});
	return { ...example, nodes };
}

async function run(json: WorkflowJson) {
	await hosting.host.activate(json);
	const answer = await postJson(hosting.host.webhookUrl(json, 'When the nightly sync runs'), {});
	const [execution] = await hosting.host.executionsDone(1);
	expect(execution.run?.data.resultData.error).toBeUndefined();
	const plan = execution.run?.data.resultData.runData['Sync the catalog (dry run)']?.[0]?.data?.main[0]?.map((item) => item.json);
	return { answer: answer.body as Record<string, unknown>, plan };
}

const writes = () => methodsCalled(portal.emulator.requests).filter((method) => /\.(add|update|delete|conduct)$/.test(method));

describe('example: nightly catalog sync from a CSV file', () => {
	it('shows the plan of the first run and writes nothing', async () => {
		const { answer, plan } = await run(configured('sync-products-from-csv.json', `${origin}/products.csv`));
		expect(answer).toMatchObject({ mode: 'dryRun', catalog: 23, create: 1, update: 1, unchanged: 0, failed: 0 });
		expect(plan?.slice(1)).toEqual([
			{
				key: 'ERP-1',
				productId: null,
				action: 'create',
				changes: {
					fields: { xmlId: { old: null, new: 'ERP-1' }, name: { old: null, new: 'Cordless drill' } },
					section: { old: null, new: 'Tools/Drills' },
					prices: { BASE: { old: null, new: { price: 129.9, currency: 'USD' } } },
					stock: { quantity: { old: null, new: 12 } },
				},
			},
			{
				key: '101',
				productId: 101,
				action: 'update',
				changes: { section: { old: null, new: 11 }, stock: { quantity: { old: 0, new: 54 } } },
			},
		]);
		expect(writes()).toEqual([]);
	});
});

describe('example: nightly catalog sync from an XML product feed', () => {
	it('reads a Google Merchant style feed and shows the plan, images included, writing nothing', async () => {
		const property = portal.emulator.portal.properties.add({ iblockId: 23, name: 'Image fingerprints', propertyType: 'S', userType: null, multiple: false, required: false, sort: 900 });
		const { answer, plan } = await run(
			configured('sync-products-from-xml-feed.json', `${origin}/feed.xml`, { imageHosts: '127.0.0.1', fingerprintProperty: `property${property.id}` }),
		);
		expect(answer).toMatchObject({ mode: 'dryRun', create: 1, failed: 0 });
		expect(plan?.[1]).toEqual({
			key: 'SHOP-7',
			productId: null,
			action: 'create',
			changes: {
				fields: {
					xmlId: { old: null, new: 'SHOP-7' },
					name: { old: null, new: 'Hammer drill' },
					detailText: { old: null, new: 'Two speeds' },
				},
				section: { old: null, new: 'Tools/Drills' },
				prices: { BASE: { old: null, new: { price: 89, currency: 'USD' } } },
				images: { old: [], new: [expect.stringMatching(/^[0-9a-f]{16}$/)] },
			},
		});
		expect(writes()).toEqual([]);
	});
});
