/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/**
 * Debian's Chromium, in a fresh profile (Playwright makes one per launch); the flags keep it from
 * reaching for the network it does not have here.
 */
export async function launchBrowser(): Promise<Browser> {
	return await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

export async function signIn(
	page: Page,
	url: string,
	email: string,
	password: string,
): Promise<void> {
	await page.goto(`${url}/signin`);
	await page.fill('input[name=emailOrLdapLoginId]', email);
	await page.fill('input[name=password]', password);
	await page.click('[data-test-id=form-submit-button]');
	await page.waitForURL((target) => !target.pathname.includes('signin'), { timeout: 30_000 });
}
