/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling, never shipped */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

import { DEMO_OWNER } from '../n8n/demo';
import { launchBrowser, signIn } from './browser';
import { deleteWorkflow, OAUTH2_CREDENTIAL, RESULTS_DIR, useN8n, WEBHOOK_CREDENTIAL, withN8nLog } from './fixture';

const WORKFLOW_ID = 'e2eEditorDelete1';

describe('n8n editor in a real browser', () => {
	const context = useN8n(5692);
	let page: Page;
	let browser: Browser | undefined;

	const shot = (name: string) => page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });

	beforeAll(async () => {
		await context.n8n.importWorkflows([deleteWorkflow(WORKFLOW_ID, 'Delete a product image (e2e)', 101, 1003)]);
		context.server = await context.n8n.start();
		await context.server.setupOwner(DEMO_OWNER);
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await signIn(page, context.n8n.url, DEMO_OWNER.email, DEMO_OWNER.password);
	});

	afterAll(async () => await browser?.close());

	it('shows the node with its icon on the canvas', () =>
		withN8nLog(context, async () => {
			await page.goto(`${context.n8n.url}/workflow/${WORKFLOW_ID}`);
			const node = page.locator('[data-test-id=canvas-node][data-node-name="Delete product image"]');
			await node.waitFor({ timeout: 60_000 });
			const icon = node.locator('img');
			await expect(icon.getAttribute('src')).resolves.toMatch(/n8n-nodes-bitrix24-catalog\/dist\/nodes\/Bitrix24Catalog\/bitrix24(\.dark)?\.svg/);
			await expect(icon.evaluate((image: HTMLImageElement) => image.naturalWidth)).resolves.toBeGreaterThan(0);
			await expect(node.textContent()).resolves.toContain('delete: productImage');
			await shot('1-canvas');
		}));

	it('opens the node with resource, operation and both ID fields', () =>
		withN8nLog(context, async () => {
			await page.dblclick('[data-test-id=canvas-node][data-node-name="Delete product image"]');
			const panel = page.locator('[data-test-id=node-parameters]');
			await panel.waitFor();
			await expect(page.locator('[data-test-id=parameter-input-resource] input').inputValue()).resolves.toBe('Product Image');
			await expect(page.locator('[data-test-id=parameter-input-operation] input').inputValue()).resolves.toBe('Delete');
			const labels = await panel.locator('label').allTextContents();
			expect(labels.join('|')).toMatch(/Product ID.*\|.*Image ID/);
			await shot('2-node-parameters');
		}));

	it('runs the workflow from the editor and shows the output', () =>
		withN8nLog(context, async () => {
			await page.keyboard.press('Escape');
			await page.click('[data-test-id=execute-workflow-button]');
			await page.waitForFunction(
				() => document.querySelector('[data-test-id=canvas-node][data-node-name="Delete product image"]')?.textContent?.includes('1 item'),
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
		[WEBHOOK_CREDENTIAL.id, 'webhook', ['Webhook URL']],
		[OAUTH2_CREDENTIAL.id, 'oauth2', ['Portal Address', 'Client ID', 'Client Secret', 'Token URL']],
	])('opens the %s credential dialog with its fields', (id, name, fields) =>
		withN8nLog(context, async () => {
			await page.goto(`${context.n8n.url}/home/credentials/${id}`);
			const dialog = page.locator('[data-test-id=editCredential-modal]');
			await dialog.waitFor({ timeout: 30_000 });
			const text = await dialog.textContent();
			for (const field of fields) expect(text).toContain(field);
			await shot(`4-credential-${name}`);
			await page.keyboard.press('Escape');
		}));
});
