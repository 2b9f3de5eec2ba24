/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- build and test tooling, never shipped */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** An n8n release this package is checked against, and the Node.js it runs on. */
export interface N8nRelease {
	n8n: string;
	node: string;
	/**
	 * Versions forced onto n8n's dependencies. 1.x pulls `xlsx` from a tarball outside the npm
	 * registry, which the registry's own 0.18.5 replaces. The registry holds the `n8n` package of
	 * 2.41.3 (its server, CLI and community package handling) but not most of the library versions
	 * it pins: those resolve to the versions 2.41.1 ships, the newest published.
	 */
	overrides?: Record<string, string>;
}

/** n8n 2.x requires Node 24. */
export const N8N_2: N8nRelease = {
	n8n: '2.41.3',
	node: '24.21.0',
	overrides: {
		'@n8n/agents': '0.26.1',
		'@n8n/ai-node-sdk': '0.31.1',
		'@n8n/ai-utilities': '0.34.1',
		'@n8n/ai-workflow-builder': '1.41.1',
		'@n8n/api-types': '1.41.0',
		'@n8n/backend-common': '1.41.1',
		'@n8n/backend-network': '1.15.1',
		'@n8n/blob-storage': '1.9.1',
		'@n8n/chat-hub': '1.34.0',
		'@n8n/client-oauth2': '1.23.1',
		'@n8n/config': '2.39.0',
		'@n8n/decorators': '1.41.0',
		'@n8n/engine': '0.21.0',
		'@n8n/instance-ai': '1.26.1',
		'@n8n/mcp-apps': '0.18.0',
		'@n8n/n8n-nodes-langchain': '2.41.1',
		'@n8n/node-engine-compatibility': '0.9.1',
		'@n8n/task-runner': '2.41.1',
		'@n8n/telemetry': '1.9.0',
		'n8n-core': '2.41.1',
		'n8n-editor-ui': '2.41.0',
	},
};
/** The last of the 1.x line; it runs on Node 20.19 to 24, and its Docker image ships Node 22. */
export const N8N_1: N8nRelease = {
	n8n: '1.123.81',
	node: '22.23.3',
	overrides: { xlsx: '0.18.5' },
};

/**
 * The release the e2e suite, the demo and the benchmarks run: N8N_VERSION=1 (or 1.123.81) picks
 * the 1.x line, anything else or nothing n8n 2.x.
 */
export function selectedRelease(env: NodeJS.ProcessEnv = process.env): N8nRelease {
	const wanted = env.N8N_VERSION?.trim();
	if (!wanted || N8N_2.n8n.startsWith(wanted)) return N8N_2;
	if (N8N_1.n8n.startsWith(wanted)) return N8N_1;
	throw new Error(`N8N_VERSION=${wanted}: this project runs n8n ${N8N_2.n8n} or ${N8N_1.n8n}`);
}

export interface N8nRuntime {
	release: N8nRelease;
	/** The n8n major version: what differs between the lines (CLI commands, REST routes) follows it. */
	major: number;
	/** n8n's node_modules (its SQLite driver included). */
	modules: string;
	/** The Node.js binary n8n runs on. */
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
 * Installs n8n and its Node.js from the npm registry into the cache once; later calls reuse them.
 * Install scripts stay off (they would build native modules against the wrong Node.js); the one
 * native module n8n needs, the SQLite driver, is then rebuilt against that Node's own headers.
 */
export async function ensureRuntime(
	log: Log,
	release: N8nRelease = selectedRelease(),
): Promise<N8nRuntime> {
	const { n8n: N8N_VERSION, node: NODE_VERSION } = release;
	const nodeMajor = NODE_VERSION.split('.')[0];
	const dir = join(cacheDir(), `n8n-${N8N_VERSION}-node-${NODE_VERSION}`);
	// Node.js and n8n get a folder each: installing one must not prune what the other's scripts made.
	const nodeDir = join(dir, 'node');
	const n8nDir = join(dir, 'n8n');
	const runtime: N8nRuntime = {
		release,
		major: Number(N8N_VERSION.split('.')[0]),
		modules: join(n8nDir, 'node_modules'),
		node: join(nodeDir, 'node_modules', 'node', 'bin', 'node'),
		n8n: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
	const ready = join(dir, '.ready');
	if (existsSync(ready)) return runtime;

	const nodeHeaders = join(
		nodeDir,
		'node_modules',
		'node',
		'node_modules',
		`node-${process.platform}-${process.arch}`,
	);
	// A Node.js installed whole by an earlier, interrupted run is kept; a partial one is not:
	// npm, run again, prunes the headers its install script put beside the binary.
	const nodeInstalled =
		existsSync(runtime.node) && existsSync(join(nodeHeaders, 'include', 'node', 'common.gypi'));
	const manifest = (folder: string, overrides?: Record<string, string>) => {
		mkdirSync(folder, { recursive: true });
		writeFileSync(
			join(folder, 'package.json'),
			JSON.stringify({ name: 'n8n-runtime', private: true, overrides }),
		);
	};
	if (!nodeInstalled) {
		rmSync(nodeDir, { recursive: true, force: true });
		manifest(nodeDir);
	}
	manifest(n8nDir, release.overrides);
	log(`Installing n8n ${N8N_VERSION} and Node.js ${NODE_VERSION} into ${dir}`);
	log('This happens once and takes a few minutes; later runs reuse it.');

	// Node.js arrives through its package's install script; n8n's own scripts stay off.
	if (!nodeInstalled)
		await step(
			log,
			`Downloading Node.js ${nodeMajor}`,
			'npm',
			[
				'install',
				'--save-exact',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
				`node@${NODE_VERSION}`,
			],
			nodeDir,
		);
	expectFile(runtime.node, `Node.js ${nodeMajor} did not install`);
	expectFile(
		join(nodeHeaders, 'include', 'node', 'common.gypi'),
		`Node.js ${nodeMajor}'s headers did not install`,
	);
	await step(
		log,
		`Downloading n8n ${N8N_VERSION} (about 2,000 packages)`,
		'npm',
		[
			'install',
			'--save-exact',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
			`n8n@${N8N_VERSION}`,
		],
		n8nDir,
	);
	expectFile(runtime.n8n, 'n8n did not install');

	await step(
		log,
		`Building the SQLite driver for Node.js ${nodeMajor}`,
		'npm',
		['rebuild', 'sqlite3', '--loglevel=error'],
		n8nDir,
		{
			npm_config_nodedir: nodeHeaders,
			PATH: `${dirname(runtime.node)}:${process.env.PATH ?? ''}`,
		},
	);
	expectFile(
		join(runtime.modules, 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
		'The SQLite driver did not build',
	);

	writeFileSync(ready, new Date().toISOString());
	log(`n8n ${N8N_VERSION} is installed.`);
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
	const timer = setInterval(
		() => log(`  ${title}: ${Math.round((Date.now() - started) / 1000)} s`),
		15_000,
	);
	try {
		const { code, output } = await runQuietly(command, args, {
			cwd,
			env: { ...npmFreeEnv(), ...env },
		});
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
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env,
			stdio: 'pipe',
		});
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
