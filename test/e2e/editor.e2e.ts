/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling, never shipped */
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

import { loadExample } from '../harness/examples';
import { NODE_TYPE } from '../harness/typeNames';
import { DEMO_OWNER } from '../n8n/demo';
import { operationRows, triggerEventCount } from '../readme/resourceTable';
import { installedPackageRecord, PACKAGE_NAME } from '../n8n/userFolder';
import { launchBrowser, signIn } from './browser';
import {
	catalogNode,
	deleteWorkflow,
	manualWorkflow,
	OAUTH2_CREDENTIAL,
	RESULTS_DIR,
	useN8n,
	WEBHOOK_CREDENTIAL,
	withN8nLog,
} from './fixture';

const WORKFLOW_ID = 'e2eEditorDelete1';
const PRODUCT_WORKFLOW = manualWorkflow('e2eEditorProduct', 'Create a product (e2e)', [
	catalogNode('Create product', {
		authentication: 'webhook',
		resource: 'product',
		operation: 'create',
		productKind: 'product',
	}),
]);
const TRIGGER_EXAMPLE = loadExample('remove-gallery-images-of-deactivated-products.json');

describe('n8n editor in a real browser', () => {
	const context = useN8n(5692, { catalogDemo: true });
	let page: Page;
	let browser: Browser | undefined;

	const shot = (name: string) => page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });

	/** Opens a workflow in the editor, then its node `name`; resolves with the node's parameters panel. */
	async function openNode(workflowId: string, name: string) {
		await page.goto(`${context.n8n.url}/workflow/${workflowId}`);
		const node = page.locator(`[data-test-id=canvas-node][data-node-name="${name}"]`);
		await node.waitFor({ timeout: 60_000 });
		await node.dblclick();
		const panel = page.locator('[data-test-id=node-parameters]');
		await panel.waitFor();
		return panel;
	}

	beforeAll(async () => {
		await context.n8n.importWorkflows([
			deleteWorkflow(WORKFLOW_ID, 'Delete a product image (e2e)', 101, 1003),
			TRIGGER_EXAMPLE,
			PRODUCT_WORKFLOW,
		]);
		context.server = await context.n8n.start();
		await context.server.setupOwner(DEMO_OWNER);
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await signIn(page, context.n8n.url, DEMO_OWNER.email, DEMO_OWNER.password);
	});

	afterAll(async () => await browser?.close());

	/**
	 * A GET of n8n's REST API as the signed-in editor makes it: with the browser ID its session is
	 * bound to (a request without it is refused, and n8n then signs the browser out).
	 */
	const restGet = (path: string) =>
		page.evaluate(async (url) => {
			const response = await fetch(url, {
				headers: { 'browser-id': localStorage.getItem('n8n-browserId') ?? '' },
			});
			return { status: response.status, body: (await response.json()) as unknown };
		}, path);

	it('shows the node with its icon on the canvas', () =>
		withN8nLog(context, async () => {
			await page.goto(`${context.n8n.url}/workflow/${WORKFLOW_ID}`);
			const node = page.locator(
				'[data-test-id=canvas-node][data-node-name="Delete product image"]',
			);
			await node.waitFor({ timeout: 60_000 });
			const icon = node.locator('img');
			await expect(icon.getAttribute('src')).resolves.toMatch(
				/n8n-nodes-bitrix24-catalog\/dist\/nodes\/Bitrix24Catalog\/bitrix24(\.dark)?\.svg/,
			);
			// The icon really loads: the browser decoded the SVG the package ships.
			await page.waitForFunction(
				(image) =>
					(image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0,
				await icon.elementHandle(),
				{ timeout: 15_000 },
			);
			await expect(node.textContent()).resolves.toContain('Delete: Product Image');
			await shot('1-canvas');
		}));

	it("lists the node in the nodes panel with what it does and as many actions as the README says", () =>
		withN8nLog(context, async () => {
			// The nodes panel, opened with the canvas's "+" button, searched as a user would.
			await page.locator('[data-test-id=node-creator-plus-button]').first().click();
			const creator = page.locator('[data-test-id=node-creator]');
			await creator.waitFor({ timeout: 15_000 });
			const search = creator.locator('[data-test-id=node-creator-search-bar] input, input[data-test-id=node-creator-search-bar]').first();
			await search.pressSequentially('Bitrix24 Catalog', { delay: 50 });
			const entry = creator
				.locator('[data-test-id=item-iterator-item]')
				.filter({ hasText: 'Bitrix24 Catalog' })
				.filter({ hasNotText: 'Offline' })
				.first();
			await entry.waitFor({ timeout: 15_000 });
			await shot('1-nodes-panel');
			// n8n 1.x lists a community node found by a search by name only, and opens it otherwise.
			if (context.n8n.runtime.major < 2) {
				await page.keyboard.press('Escape');
				return;
			}
			// n8n lists the node and its trigger as one entry, described by the trigger.
			await expect(entry.textContent()).resolves.toContain(
				'Work with the Bitrix24 catalog (products, prices, stock, inventory documents, images) and start workflows when products, prices, price types, measures or rounding rules change',
			);
			await entry.click();
			const counts = async () =>
				(await creator.textContent())?.match(/(Actions|Triggers) \(\d+\)/g) ?? [];
			await creator.getByText(/Actions \(\d+\)/).first().waitFor({ timeout: 15_000 });
			// The README's counts (test/readme), as the panel shows them.
			expect(await counts()).toEqual(
				expect.arrayContaining([
					`Actions (${operationRows().length})`,
					`Triggers (${triggerEventCount()})`,
				]),
			);
			await shot('1-nodes-panel-actions');
			await page.keyboard.press('Escape');
			await page.keyboard.press('Escape');
		}));

	it('opens the node with resource, operation and both ID fields', () =>
		withN8nLog(context, async () => {
			await page.dblclick('[data-test-id=canvas-node][data-node-name="Delete product image"]');
			const panel = page.locator('[data-test-id=node-parameters]');
			await panel.waitFor();
			await expect(
				page.locator('[data-test-id=parameter-input-resource] input').inputValue(),
			).resolves.toBe('Product Image');
			await expect(
				page.locator('[data-test-id=parameter-input-operation] input').inputValue(),
			).resolves.toBe('Delete');
			const labels = await panel.locator('label').allTextContents();
			expect(labels.join('|')).toMatch(/Product ID.*\|.*Image ID/);
			await shot('2-node-parameters');
		}));

	it('runs the workflow from the editor and shows the output', () =>
		withN8nLog(context, async () => {
			await page.keyboard.press('Escape');
			await page.click('[data-test-id=execute-workflow-button]');
			await page.waitForFunction(
				() =>
					document
						.querySelector('[data-test-id=canvas-node][data-node-name="Delete product image"]')
						?.textContent?.includes('1 item'),
				undefined,
				{ timeout: 60_000 },
			);
			await page.dblclick('[data-test-id=canvas-node][data-node-name="Delete product image"]');
			const output = page.locator('[data-test-id=output-panel]');
			await output.waitFor();
			await output.getByText('JSON', { exact: true }).click();
			await output.getByText('"result"').waitFor({ timeout: 15_000 });
			await expect(output.textContent()).resolves.toMatch(/"result":\s*true/);
			expect(context.emulator.portal.image(1003)).toBeUndefined();
			await shot('3-output');
			await page.keyboard.press('Escape');
		}));

	it.each([
		[WEBHOOK_CREDENTIAL.id, 'webhook', { webhookSecretUrl: 'Webhook URL' }],
		[
			OAUTH2_CREDENTIAL.id,
			'oauth2',
			{
				portal: 'Portal Address',
				applicationId: 'Client ID',
				applicationSecret: 'Client Secret',
				tokenUrl: 'Token URL',
			},
		],
	])('opens the %s credential dialog with its fields', (id, name, fields: Record<string, string>) =>
		withN8nLog(context, async () => {
			await page.goto(`${context.n8n.url}/home/credentials/${id}`);
			const dialog = page.locator('[data-test-id=editCredential-modal]');
			await dialog.waitFor({ timeout: 30_000 });
			// Each field appears, with its label, once the dialog has loaded the credential.
			for (const [field, label] of Object.entries(fields)) {
				await dialog
					.locator(`[data-test-id=parameter-input-${field}]`)
					.waitFor({ timeout: 15_000 });
				await dialog.locator('label').filter({ hasText: label }).first().waitFor();
			}
			// The credential's own fields start with these, in the order a user fills them in
			// (n8n adds Allowed HTTP Request Domains to every dialog; `field` is an input's inner box).
			const shown = await dialog
				.locator('[data-test-id^="parameter-input-"]')
				.evaluateAll((inputs) =>
					inputs.map((input) =>
						input.getAttribute('data-test-id')!.replace('parameter-input-', ''),
					),
				);
			const own = [...new Set(shown)].filter(
				(input) => !['field', 'allowedHttpRequestDomains'].includes(input),
			);
			expect(own.slice(0, Object.keys(fields).length)).toEqual(Object.keys(fields));
			await shot(`4-credential-${name}`);
			await page.keyboard.press('Escape');
		}),
	);

	it("connects the OAuth2 credential through the portal's authorization page", () =>
		withN8nLog(context, async () => {
			const { emulator, n8n } = context;
			emulator.oauth.redirectUri = `${n8n.url}/rest/oauth2-credential/callback`;
			const requestsBefore = emulator.oauth.tokenRequests;

			// What the "Connect my account" button asks n8n for: the authorization URL built from the portal.
			// Asked from the editor's page, with the browser ID the editor sends along.
			const answer = await page.evaluate(async (path) => {
				const browserId = localStorage.getItem('n8n-browserId') ?? '';
				const response = await fetch(path, {
					headers: { 'browser-id': browserId },
				});
				return { status: response.status, body: await response.text() };
			}, `/rest/oauth2-credential/auth?id=${OAUTH2_CREDENTIAL.id}`);
			expect(answer.status).toBe(200);
			const authorizeUrl = new URL((JSON.parse(answer.body) as { data: string }).data);
			expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(
				`${emulator.baseUrl}/oauth/authorize/`,
			);
			expect(authorizeUrl.searchParams.get('client_id')).toBe(emulator.oauth.clientId);

			// The portal sends the browser back to n8n with a code; n8n trades it for tokens.
			await page.goto(authorizeUrl.toString());
			await page.waitForURL((target) => target.pathname.includes('oauth2-credential/callback'));
			await shot('5-oauth2-connected');
			expect(emulator.oauth.tokenRequests).toBe(requestsBefore + 1);
			const stored = (await n8n.exportCredentials()).find(
				(credential) => credential.id === OAUTH2_CREDENTIAL.id,
			)!;
			const token = stored.data.oauthTokenData as {
				access_token: string;
				client_endpoint: string;
			};
			expect(emulator.oauth.accessToken(token.access_token)).toBeDefined();
			expect(token.client_endpoint).toBe(`${emulator.baseUrl}/rest/`);
		}));

	it("lists products and images through n8n's resource locator search", () =>
		withN8nLog(context, async () => {
			const search = (methodName: string, path: string, parameters: object, filter?: string) =>
				page.evaluate(
					async (body) => {
						const response = await fetch('/rest/dynamic-node-parameters/resource-locator-results', {
							method: 'POST',
							headers: {
								'content-type': 'application/json',
								'browser-id': localStorage.getItem('n8n-browserId') ?? '',
							},
							body: JSON.stringify(body),
						});
						return { status: response.status, body: await response.json() };
					},
					{
						methodName,
						path,
						filter,
						nodeTypeAndVersion: { name: NODE_TYPE, version: 1 },
						currentNodeParameters: {
							authentication: 'webhook',
							resource: 'productImage',
							operation: 'delete',
							...parameters,
						},
						credentials: { bitrix24WebhookApi: WEBHOOK_CREDENTIAL },
					},
				);

			const products = await search('searchProducts', 'parameters.productId', {}, 'espresso');
			expect(products.status).toBe(200);
			expect(products.body.data.results).toEqual([
				{ name: 'Espresso machine (#101, Product catalog)', value: '101' },
			]);

			const images = await search('searchProductImages', 'parameters.imageId', {
				productId: { __rl: true, mode: 'list', value: '104' },
			});
			expect(images.status).toBe(200);
			expect(images.body.data.results).toEqual([
				{ name: 'installation-kit.png (gallery, #1007)', value: '1007' },
			]);
		}));

	it('shows the trigger with its webhook URLs, the outgoing webhook instructions and the token field', () =>
		withN8nLog(context, async () => {
			const panel = await openNode(TRIGGER_EXAMPLE.id, 'When a product is updated');
			await panel.getByText('Outgoing webhook', { exact: false }).first().waitFor();
			await panel.locator('label').filter({ hasText: 'Application Token' }).first().waitFor();
			await panel.locator('label').filter({ hasText: 'Events' }).first().waitFor();
			// n8n lists the trigger's URLs in the panel; the production one is what Bitrix24 gets.
			await page.getByText('Webhook URLs', { exact: false }).first().click();
			const trigger = TRIGGER_EXAMPLE.nodes.find((candidate) => candidate.webhookId)!;
			await page
				.getByText(`/webhook-test/${trigger.webhookId}/webhook`)
				.first()
				.waitFor({ timeout: 15_000 });
			await shot('6-trigger-panel');
			await page.keyboard.press('Escape');
		}));

	it('lists the package under Settings → Community Nodes, as installed', () =>
		withN8nLog(context, async () => {
			await page.goto(`${context.n8n.url}/settings/community-nodes`);
			const card = page
				.locator('[data-test-id=community-package-card]')
				.filter({ hasText: PACKAGE_NAME });
			await card.waitFor({ timeout: 30_000 });
			const text = await card.textContent();
			expect(text).toMatch(/4 nodes:/);
			for (const name of [
				'Bitrix24 Catalog Trigger',
				'Bitrix24 Catalog Offline Trigger',
				'Bitrix24 Catalog Changes Trigger',
			]) {
				expect(text).toContain(name);
			}
			expect(text).toContain(`v${installedPackageRecord().installedVersion}`);
			expect(text).not.toMatch(/failed|not loaded/i);
			await shot('7-community-nodes');
		}));

	it('loads the package though n8n has not verified it: nothing refused, no warning about it', () =>
		withN8nLog(context, async () => {
			const { n8n, server } = context;
			const answer = await restGet('/rest/community-packages');
			expect(answer.status).toBe(200);
			const { data } = answer.body as {
				data: Array<{
					packageName: string;
					failedLoading?: boolean;
					installedNodes: unknown[];
				}>;
			};
			const ours = data.find((installed) => installed.packageName === PACKAGE_NAME);
			expect(ours).toBeDefined();
			// 2.x says false; 1.x sets the flag only on a package that failed.
			expect(ours!.failedLoading).not.toBe(true);
			expect(ours?.installedNodes).toHaveLength(4);
			// n8n's log names the package nowhere with a refusal, a failure or a warning.
			// (The name as n8n gives it, not inside a path such as the runtime's cache folder.)
			const named = new RegExp(`(?<![/\\w-])${PACKAGE_NAME}(?![/\\w-])`);
			const aboutUs = server!.log.split('\n').filter((line) => named.test(line));
			expect(aboutUs.filter((line) => /error|warn|fail|refus|forbid|verif/i.test(line))).toEqual(
				[],
			);
			if (n8n.runtime.major < 2) {
				// 1.x says nothing about unverified packages.
				expect(server!.log).not.toContain('N8N_UNVERIFIED_PACKAGES_ENABLED');
				return;
			}
			// What 2.x says instead, to every instance that leaves N8N_UNVERIFIED_PACKAGES_ENABLED
			// unset: its default becomes false in the next major version, and then such packages
			// stop loading. The README tells users to set it to true.
			expect(server!.log).toContain(
				'N8N_UNVERIFIED_PACKAGES_ENABLED -> The default for this variable will change to `false` in a future version.',
			);
			const report = await restGet('/rest/breaking-changes/report?version=v3');
			expect(report.status).toBe(200);
			expect(JSON.stringify(report.body)).toContain('unverified-packages-v3');
		}));

	it("listens on 127.0.0.1 only: the machine's other addresses are refused", async () => {
		const { n8n } = context;
		const others = Object.values(networkInterfaces())
			.flat()
			.filter((address) => address && address.family === 'IPv4' && !address.internal)
			.map((address) => address!.address);
		expect((await fetch(`http://127.0.0.1:${n8n.port}/rest/settings`)).status).toBe(200);
		for (const address of others) {
			await expect(fetch(`http://${address}:${n8n.port}/rest/settings`)).rejects.toThrow();
		}
	});

	it("maps a product's fields with the resource mapper: the catalog's fields, properties under their names", () =>
		withN8nLog(context, async () => {
			// Tall enough for the whole form in the screenshot.
			await page.setViewportSize({ width: 1440, height: 1200 });
			const panel = await openNode(PRODUCT_WORKFLOW.id, 'Create product');
			await expect(
				panel.locator('[data-test-id=parameter-input-resource] input').inputValue(),
			).resolves.toBe('Product');
			await expect(
				panel.locator('[data-test-id=parameter-input-operation] input').inputValue(),
			).resolves.toBe('Create');

			// Before a catalog is picked, the form says so instead of finding no fields.
			await panel
				.getByText('Choose the Catalog first, then load the fields')
				.waitFor({ timeout: 30_000 });
			await shot('12-product-mapper-no-catalog');
			await expect(
				panel.getByText('No fields found').filter({ visible: true }).count(),
			).resolves.toBe(0);

			// The catalog, picked from the portal's list: the form then loads that catalog's fields.
			await panel
				.locator('[data-test-id=resource-locator-iblockId] [data-test-id=rlc-input]')
				.click();
			await page
				.locator('[data-test-id=rlc-item]')
				.filter({ hasText: 'Product catalog (#23)' })
				.click();
			const form = panel.locator('[data-test-id=mapping-fields-container]');
			const field = (id: string) =>
				form
					.locator('.parameter-item')
					.filter({ has: page.locator(`label[for='value["${id}"]']`) });
			// Each field's label: its title, without the Fixed / Expression switch beside it.
			const titles = form.locator('.parameter-item label .n8n-text:first-child');
			const labels = async () => (await titles.allTextContents()).map((text) => text.trim());
			await titles.first().waitFor({ timeout: 30_000 });
			// Only the required field is in the form at first, its readable name beside its API name.
			expect(await labels()).toEqual(['Name (name)']);

			// The others are offered to add, the catalog's properties under their names in the portal;
			// the catalog, which the node's own field fills, and the read-only ID are not.
			// n8n 2.x offers them in a menu, 1.x in a drop-down list.
			const modern = context.n8n.runtime.major >= 2;
			const menu = modern
				? page.locator('[role=menu][data-state=open]')
				: page.locator('.el-select-dropdown').filter({ has: page.getByRole('option') });
			const addField = async (label: string) => {
				await panel
					.locator(`[data-test-id=add-fields-select] ${modern ? 'button' : '.el-select'}`)
					.click();
				const items = menu.getByRole(modern ? 'menuitem' : 'option');
				await items.first().waitFor();
				const offered = (await items.allTextContents()).map((text) => text.trim());
				expect(offered).toContain(label);
				await items.filter({ hasText: label }).click();
				await menu.waitFor({ state: modern ? 'detached' : 'hidden' });
				return offered;
			};
			const offered = await addField('Brand (property110)');
			expect(offered).toEqual(
				expect.arrayContaining([
					'Active (active)',
					'Code (code)',
					'XML ID (xmlId)',
					'Can Buy Zero (canBuyZero)',
					'Brand (property110)',
					'Colours (property111)',
					'Warranty, months (property112)',
					'Material (property113)',
				]),
			);
			expect(offered.filter((label) => /\((iblockId|id)\)$/.test(label))).toEqual([]);
			await addField('Colours (property111)');
			await addField('Material (property113)');
			expect(await labels()).toEqual([
				'Name (name)',
				'Brand (property110)',
				'Colours (property111)',
				'Material (property113)',
			]);

			// Filled in as a user would: text, a list of values for a multiple property, and a list
			// property's choice among the portal's.
			await field('name').locator('input').fill('Pour-over kettle');
			await field('property110').locator('input').fill('Fellow');
			await field('property111').locator('.cm-content').click();
			await page.keyboard.type('["black", "white"]');
			// The editor checks the JSON a moment after typing: the mark of the empty list goes.
			await field('property111').locator('.cm-lint-marker-error').waitFor({ state: 'detached' });
			await field('property113').locator('input').click();
			const choices = page.getByRole('option');
			await choices.first().waitFor();
			expect((await choices.allTextContents()).map((text) => text.trim())).toEqual([
				'Cotton',
				'Steel',
				'Wool',
			]);
			await choices.filter({ hasText: 'Steel' }).click();
			// Hidden once its closing transition ends (hidden to assistive technology at its start).
			await page
				.locator('.el-select__popper')
				.filter({ hasText: 'Cotton' })
				.waitFor({ state: 'hidden' });
			await expect(field('property113').locator('input').inputValue()).resolves.toBe('Steel');
			await expect(field('property111').locator('.cm-content').textContent()).resolves.toBe(
				'["black", "white"]',
			);
			await shot('13-product-mapper');
		}));

	it('creates the product with the values mapped in the form', () =>
		withN8nLog(context, async () => {
			await page.click('[data-test-id=node-execute-button]');
			await page
				.locator('[data-test-id=output-panel]')
				.getByText('1 item')
				.first()
				.waitFor({ timeout: 30_000 });
			// The list property's choice goes by its ID, the multiple one's values each as {value}.
			expect(context.emulator.restCalls('catalog.product.add').map((call) => call.params)).toEqual([
				{
					fields: {
						name: 'Pour-over kettle',
						property110: { value: 'Fellow' },
						property111: [{ value: 'black' }, { value: 'white' }],
						property113: { value: '1302' },
						iblockId: 23,
					},
				},
			]);
			const created = context.emulator.portal
				.productsIn(23)
				.find((product) => product.name === 'Pour-over kettle');
			expect(created).toMatchObject({ type: 1, iblockId: 23 });
			await page.keyboard.press('Escape');
			await page.setViewportSize({ width: 1440, height: 900 });
		}));
});
