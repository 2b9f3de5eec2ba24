/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- a benchmark, never shipped */
/**
 * Peak memory of an Upload of a large image through n8n-core, the portal running in its own
 * process so that only the node's side is measured. Prints the figures; run `npm run bench:upload`.
 */
import '../setup-env';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { onePixelPng } from '../emulator/png';
import { binaryItem, runNode } from '../harness/runNode';
import { samplePeakRss } from './memory';

const SIZE_MB = Number(process.env.UPLOAD_MB ?? 20);

async function startPortal(): Promise<{ webhookUrl: string; stop: () => void }> {
	const child = spawn(process.execPath, [join(__dirname, '..', 'emulator', 'cli.js')], {
		env: { ...process.env, BITRIX24_EMULATOR_PORT: '0' },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const webhookUrl = await new Promise<string>((resolve, reject) => {
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk;
			const match = /admin\s+\(may modify the catalog\)\s+(\S+)/.exec(output);
			if (match) resolve(match[1]);
		});
		child.on('exit', (code) => reject(new Error(`The emulator exited with ${code}: ${output}`)));
	});
	return { webhookUrl, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
	const portal = await startPortal();
	// A PNG signature followed by noise: the size of a real photo, incompressible like one.
	const file = Buffer.concat([onePixelPng(1, 2, 3), randomBytes(SIZE_MB * 1024 * 1024)]);
	const item = binaryItem(file, 'large.png', 'image/png');
	global.gc?.();
	const baseline = process.memoryUsage().rss;
	const stopSampling = samplePeakRss(5);
	const started = Date.now();
	const { error, output } = await runNode({
		parameters: {
			authentication: 'webhook',
			resource: 'productImage',
			operation: 'upload',
			productId: { __rl: true, mode: 'id', value: '101' },
		},
		credentials: { bitrix24WebhookApi: { webhookSecretUrl: portal.webhookUrl } },
		inputItems: [item],
	});
	const peak = Math.max(stopSampling(), process.memoryUsage().rss);
	portal.stop();
	if (error) throw new Error(`Upload failed: ${error.message}`);

	const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
	const fileSize = file.length;
	process.stdout.write(
		[
			`Upload of a ${mb(fileSize)} MB image (image id ${output[0].json.id}) in ${Date.now() - started} ms`,
			`RSS before: ${mb(baseline)} MB, peak: ${mb(peak)} MB`,
			`Peak growth: ${mb(peak - baseline)} MB = ${((peak - baseline) / fileSize).toFixed(1)} x the file`,
			'',
		].join('\n'),
	);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
