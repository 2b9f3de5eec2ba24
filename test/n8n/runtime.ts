/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- build and test tooling, never shipped */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The n8n this package is checked against, and the Node.js it needs (n8n 2.x requires Node 24). */
export const N8N_VERSION = '2.41.1';
export const NODE_VERSION = '24.21.0';

export interface N8nRuntime {
	/** n8n's node_modules (its SQLite driver included). */
	modules: string;
	/** The Node.js 24 binary n8n runs on. */
	node: string;
	/** n8n's command-line entry point, run with `node`. */
	n8n: string;
}

export type Log = (line: string) => void;

/** Everything downloaded lives here, outside the repository and outside ~/.n8n. */
export function cacheDir(): string {
	const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return process.env.BITRIX24_CATALOG_CACHE || join(base, 'n8n-nodes-bitrix24-catalog');
}

/**
 * Installs n8n and Node.js 24 from the npm registry into the cache once; later calls reuse them.
 * Install scripts stay off (they would build native modules against the wrong Node.js); the one
 * native module n8n needs, the SQLite driver, is then rebuilt against Node 24's own headers.
 */
export async function ensureRuntime(log: Log): Promise<N8nRuntime> {
	const dir = join(cacheDir(), `n8n-${N8N_VERSION}-node-${NODE_VERSION}`);
	// Node.js and n8n get a folder each: installing one must not prune what the other's scripts made.
	const nodeDir = join(dir, 'node');
	const n8nDir = join(dir, 'n8n');
	const runtime: N8nRuntime = {
		modules: join(n8nDir, 'node_modules'),
		node: join(nodeDir, 'node_modules', 'node', 'bin', 'node'),
		n8n: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
	const ready = join(dir, '.ready');
	if (existsSync(ready)) return runtime;

	for (const folder of [nodeDir, n8nDir]) {
		mkdirSync(folder, { recursive: true });
		writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'n8n-runtime', private: true }));
	}
	log(`Installing n8n ${N8N_VERSION} and Node.js ${NODE_VERSION} into ${dir}`);
	log('This happens once and takes a few minutes; later runs reuse it.');

	// Node.js arrives through its package's install script; n8n's own scripts stay off.
	await step(log, 'Downloading Node.js 24', 'npm', [
		'install', '--save-exact', '--no-audit', '--no-fund', '--loglevel=error', `node@${NODE_VERSION}`,
	], nodeDir);
	expectFile(runtime.node, 'Node.js 24 did not install');
	await step(log, 'Downloading n8n (about 2,400 packages)', 'npm', [
		'install', '--save-exact', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `n8n@${N8N_VERSION}`,
	], n8nDir);
	expectFile(runtime.n8n, 'n8n did not install');

	const nodeHeaders = join(nodeDir, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
	await step(log, 'Building the SQLite driver for Node.js 24', 'npm', ['rebuild', 'sqlite3', '--loglevel=error'], n8nDir, {
		npm_config_nodedir: nodeHeaders,
		PATH: `${dirname(runtime.node)}:${process.env.PATH ?? ''}`,
	});
	expectFile(join(runtime.modules, 'sqlite3', 'build', 'Release', 'node_sqlite3.node'), 'The SQLite driver did not build');

	writeFileSync(ready, new Date().toISOString());
	log('n8n is installed.');
	return runtime;
}

/** Runs one install step, printing how long it has been going so a long first run shows life. */
async function step(
	log: Log,
	title: string,
	command: string,
	args: string[],
	cwd: string,
	env: Record<string, string> = {},
): Promise<void> {
	const started = Date.now();
	log(`${title}...`);
	const timer = setInterval(() => log(`  ${title}: ${Math.round((Date.now() - started) / 1000)} s`), 15_000);
	try {
		const { code, output } = await runQuietly(command, args, { cwd, env: { ...npmFreeEnv(), ...env } });
		if (code !== 0) throw new Error(`${title} failed (exit ${code}):\n${output.slice(-4000)}`);
	} finally {
		clearInterval(timer);
	}
	log(`${title}: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * `npm start` hands its settings down as npm_config_* variables, this project's
 * `ignore-scripts` among them: the runtime's own installs must not inherit them.
 */
function npmFreeEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_config_')),
	);
}

function expectFile(file: string, problem: string): void {
	if (!existsSync(file)) throw new Error(`${problem}: ${file} is missing`);
}

export function runQuietly(
	command: string,
	args: string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; output: string; stdout: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'pipe' });
		let output = '';
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk;
			stdout += chunk;
		});
		child.stderr.on('data', (chunk: Buffer) => (output += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? 1, output, stdout }));
		child.stdin.end();
	});
}
