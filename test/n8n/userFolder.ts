/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { runQuietly } from './runtime';

export const PACKAGE_NAME = 'n8n-nodes-bitrix24-catalog';

/** The repository root, whether this runs from test/ (jest) or from its compiled copy in .build/. */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

function findPackageRoot(from: string): string {
	for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === PACKAGE_NAME)
			return dir;
	}
	throw new Error(`No ${PACKAGE_NAME} package.json above ${from}`);
}

/**
 * Puts the built package into an n8n user folder the way "Install community node" leaves it:
 * the files `npm pack` ships, in `.n8n/nodes/node_modules/<name>`, listed in `.n8n/nodes/package.json`.
 * n8n then loads it as `n8n-nodes-bitrix24-catalog.<node>`, as on a user's server; with
 * N8n.recordInstalledPackage(installedPackageRecord()) its Community Nodes page lists it too.
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
		const unpacked = await runQuietly('tar', [
			'-xzf',
			join(packDir, tarball),
			'-C',
			target,
			'--strip-components=1',
		]);
		if (unpacked.code !== 0) throw new Error(`Unpacking ${tarball} failed:\n${unpacked.output}`);
		// n8n keeps an installed package's manifest without the dependencies it does not install.
		const manifestFile = join(target, 'package.json');
		const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
		for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies'])
			delete manifest[field];
		writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
		const { version } = manifest;
		writeFileSync(
			join(nodesDir, 'package.json'),
			JSON.stringify(
				{ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: version } },
				null,
				2,
			),
		);
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}

/** What n8n's database holds for an installed community package: the package and its nodes. */
export interface InstalledPackageRecord {
	packageName: string;
	installedVersion: string;
	authorName?: string;
	authorEmail?: string;
	nodes: Array<{ name: string; type: string; latestVersion: number }>;
}

/** This package as n8n records it on install: each node by display name, type and newest version. */
export function installedPackageRecord(): InstalledPackageRecord {
	const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
	const nodes = (manifest.n8n.nodes as string[]).map((file) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built node, as n8n loads it
		const exported = require(join(PACKAGE_ROOT, file)) as Record<string, new () => INodeType>;
		const { description } = new (Object.values(exported)[0])();
		return {
			name: description.displayName,
			type: `${manifest.name}.${description.name}`,
			latestVersion: Math.max(...[description.version].flat()),
		};
	});
	return {
		packageName: manifest.name,
		installedVersion: manifest.version,
		authorName: manifest.author?.name,
		authorEmail: manifest.author?.email,
		nodes,
	};
}
