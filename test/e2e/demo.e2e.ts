/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadExample } from '../harness/examples';
import { DEMO_CREDENTIAL_ID, DEMO_OWNER } from '../n8n/demo';
import type { DemoContent } from '../n8n/demoState';
import { restoreDemo } from '../n8n/demoState';
import { N8n } from '../n8n/n8n';
import { ensureRuntime } from '../n8n/runtime';

const WITHDRAWAL = loadExample('delete-withdrawn-image.json');
const DELETE = loadExample('delete-product-image.json');

describe('npm start: the demo n8n gets only what it lacks', () => {
	let userFolder = '';
	let n8n: N8n;

	const content = (packageFingerprint = 'build 1'): DemoContent => ({
		credential: {
			id: DEMO_CREDENTIAL_ID,
			name: 'Bitrix24 (demo portal)',
			type: 'bitrix24WebhookApi',
			data: {
				webhookSecretUrl: 'http://127.0.0.1:9/rest/1/demo0portal0secret/',
			},
		},
		workflows: [WITHDRAWAL, DELETE],
		live: [WITHDRAWAL.id],
		packageFingerprint,
	});

	/** What a start would print about the demo's state. */
	async function restore(demo: DemoContent): Promise<string[]> {
		const lines: string[] = [];
		await restoreDemo(n8n, demo, (line) => lines.push(line));
		return lines;
	}

	const stored = async (id: string) =>
		(await n8n.storedEntities()).workflows.find((row) => row.id === id);

	beforeAll(async () => {
		const runtime = await ensureRuntime((line) => process.stdout.write(`${line}\n`));
		userFolder = mkdtempSync(join(tmpdir(), 'n8n-bitrix24-demo-'));
		n8n = new N8n(runtime, userFolder, 5696);
	});

	afterAll(() => {
		if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	});

	it('installs, imports and publishes everything on the first start', async () => {
		expect(await restore(content())).toEqual([
			'Installing this package into the demo n8n...',
			'Importing the credential "Bitrix24 (demo portal)"...',
			'Importing 2 example workflow(s)...',
			`Publishing workflow ${WITHDRAWAL.id}...`,
		]);
		const withdrawal = await stored(WITHDRAWAL.id);
		expect(withdrawal?.activeVersionId).toBe(withdrawal?.versionId);
		expect((await stored(DELETE.id))?.activeVersionId).toBeNull();
		// Then the demo starts n8n and sets up its owner, who owns the imported workflows.
		const server = await n8n.start();
		try {
			expect(await server.setupOwner(DEMO_OWNER)).toBe('created');
		} finally {
			await server.stop();
		}
	});

	it('does nothing on a later start when nothing changed', async () => {
		const before = await n8n.storedEntities();
		expect(await restore(content())).toEqual([
			'The demo n8n is as it was: nothing to install or import.',
		]);
		expect(await n8n.storedEntities()).toEqual(before);
	});

	it('installs the package again when the build changed, and nothing else', async () => {
		expect(await restore(content('build 2'))).toEqual([
			'Installing this package into the demo n8n...',
		]);
		expect(await restore(content('build 2'))).toEqual([
			'The demo n8n is as it was: nothing to install or import.',
		]);
	});

	it('keeps a workflow the user changed in n8n, says so, and leaves the change unpublished', async () => {
		// What saving an edit does to the stored workflow: a new version, not the published one.
		await n8n.importWorkflows([{ ...WITHDRAWAL, name: 'Edited in n8n' }]);
		const edited = await stored(WITHDRAWAL.id);
		expect(await restore(content('build 2'))).toEqual([
			`Keeping your changes to 1 example workflow(s): "${WITHDRAWAL.name}".`,
			'The demo n8n is as it was: nothing to install or import.',
		]);
		expect(await stored(WITHDRAWAL.id)).toEqual(edited);
	});

	it('keeps it when its example changed too, and says how to get the new one', async () => {
		const edited = await stored(WITHDRAWAL.id);
		const changed = { ...WITHDRAWAL, name: `${WITHDRAWAL.name} (new)` };
		expect(await restore({ ...content('build 2'), workflows: [changed, DELETE] })).toEqual([
			`Keeping your changes to 1 example workflow(s): "${changed.name}".`,
			`  "${changed.name}" has changed in examples/ too: delete it in n8n and restart to get the new one.`,
			'The demo n8n is as it was: nothing to install or import.',
		]);
		expect(await stored(WITHDRAWAL.id)).toEqual(edited);
	});

	it('imports again an example that changed and that the user left as it was', async () => {
		const before = await stored(DELETE.id);
		const changed = { ...DELETE, name: `${DELETE.name} (new)` };
		expect(
			await restore({
				...content('build 2'),
				workflows: [WITHDRAWAL, changed],
			}),
		).toEqual([
			`Keeping your changes to 1 example workflow(s): "${WITHDRAWAL.name}".`,
			'Importing 1 example workflow(s)...',
		]);
		expect((await stored(DELETE.id))?.versionId).not.toBe(before?.versionId);
	});

	it("keeps the user's changes to the credential, unless the demo's own changed", async () => {
		const demo = content('build 2');
		const mine = {
			...demo.credential,
			data: { webhookSecretUrl: 'https://b24-mine.bitrix24.com/rest/1/x/' },
		};
		// What saving it in n8n's dialog does: new data and a new `updatedAt` (the CLI's import
		// keeps the old one).
		await n8n.importCredentials([mine]);
		await n8n.query([
			[
				'UPDATE credentials_entity SET "updatedAt" = ? WHERE id = ?',
				['2030-01-01 00:00:00.000', demo.credential.id],
			],
		]);
		expect(await restore(demo)).toEqual([
			`Keeping your changes to the credential "${demo.credential.name}".`,
			`Keeping your changes to 1 example workflow(s): "${WITHDRAWAL.name}".`,
			// The delete example, back to its file after the test before.
			'Importing 1 example workflow(s)...',
		]);
		expect((await n8n.exportCredentials())[0].data).toEqual(mine.data);

		const elsewhere = {
			...demo,
			credential: {
				...demo.credential,
				data: { webhookSecretUrl: 'https://b24-other.bitrix24.com/rest/1/y/' },
			},
		};
		expect(await restore(elsewhere)).toContain(
			`Importing the credential "${demo.credential.name}"...`,
		);
		expect((await n8n.exportCredentials())[0].data).toEqual(elsewhere.credential.data);
	});
});
