/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { runQuietly } from './runtime';

const PACKAGE_NAME = 'n8n-nodes-bitrix24-catalog';

/** The repository root, whether this runs from test/ (jest) or from its compiled copy in .build/. */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

function findPackageRoot(from: string): string {
	for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === PACKAGE_NAME) return dir;
	}
	throw new Error(`No ${PACKAGE_NAME} package.json above ${from}`);
}

/**
 * Puts the built package into an n8n user folder the way "Install community node" leaves it:
 * the files `npm pack` ships, in `.n8n/nodes/node_modules/<name>`, listed in `.n8n/nodes/package.json`.
 * n8n then loads it as `n8n-nodes-bitrix24-catalog.<node>`, as on a user's server.
 */
export async function installPackage(userFolder: string): Promise<void> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', PACKAGE_NAME);
	const packDir = mkdtempSync(join(tmpdir(), 'bitrix24-catalog-pack-'));
	try {
		const packed = await runQuietly('npm', ['pack', '--silent', '--pack-destination', packDir], {
			cwd: PACKAGE_ROOT,
		});
		if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
		const tarball = readdirSync(packDir).find((file) => file.endsWith('.tgz'));
		if (!tarball) throw new Error('npm pack made no tarball');

		rmSync(target, { recursive: true, force: true });
		mkdirSync(target, { recursive: true });
		const unpacked = await runQuietly('tar', ['-xzf', join(packDir, tarball), '-C', target, '--strip-components=1']);
		if (unpacked.code !== 0) throw new Error(`Unpacking ${tarball} failed:\n${unpacked.output}`);
		const { version } = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
		writeFileSync(
			join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: version } }, null, 2),
		);
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}
