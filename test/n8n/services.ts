/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- developer tooling, never shipped */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { until } from '../harness/until';
import type { Log } from './runtime';
import { runQuietly } from './runtime';

/** Debian's packages for what queue mode needs beside n8n, and the programs each brings. */
/** Debian keeps each Postgres major version in a folder of its own: the newest installed serves. */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((name) => /^\d+$/.test(name))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	return join(root, versions[0] ?? '15', 'bin');
}

const PACKAGES = {
	redis: { apt: 'redis-server', program: () => '/usr/bin/redis-server' },
	postgres: { apt: 'postgresql', program: () => join(postgresBin(), 'postgres') },
};
/** Postgres refuses to run as root: a root caller runs it as Debian's `postgres` user. */
const AS_POSTGRES = ['--reuid=postgres', '--regid=postgres', '--init-groups'];

/** A server started as a process of our own, with its output kept for when it fails. */
export class OwnProcess {
	private output = '';
	private readonly exited: Promise<number | null>;

	constructor(
		readonly name: string,
		private readonly child: ChildProcess,
	) {
		child.stdout?.on('data', (chunk: Buffer) => this.keep(chunk));
		child.stderr?.on('data', (chunk: Buffer) => this.keep(chunk));
		this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
	}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	logTail(lines = 40): string {
		return this.output.split('\n').slice(-lines).join('\n');
	}

	/** Everything it printed so far. */
	get log(): string {
		return this.output;
	}

	/** SIGTERM (for Postgres a "smart" shutdown would wait for clients: SIGINT is its fast one). */
	async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<void> {
		if (!this.running) return;
		this.child.kill(signal);
		const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
		await this.exited;
		clearTimeout(timer);
	}

	/** Kills it at once, as a crash or a pulled plug would. */
	async kill(): Promise<void> {
		await this.stop('SIGKILL');
	}

	private keep(chunk: Buffer): void {
		this.output = (this.output + chunk.toString()).slice(-200_000);
	}
}

/**
 * Installs Redis and Postgres from Debian's packages when they are missing (as the CI installs
 * Chromium); a machine that has them installs nothing.
 */
export async function ensureQueueServices(log: Log): Promise<void> {
	const missing = Object.values(PACKAGES).filter(({ program }) => !existsSync(program()));
	if (missing.length === 0) return;
	const names = missing.map(({ apt }) => apt);
	if (process.getuid?.() !== 0) {
		throw new Error(
			`Queue mode needs ${names.join(' and ')}: install with sudo apt-get install ${names.join(' ')}`,
		);
	}
	log(`Installing ${names.join(' and ')} from Debian's packages...`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', '--no-install-recommends', ...names],
	]) {
		const result = await runQuietly('apt-get', args, { env });
		if (result.code !== 0)
			throw new Error(`apt-get ${args.join(' ')} failed:\n${result.output.slice(-3000)}`);
	}
}

/** Redis without persistence: the queue holds only jobs of the run that started it. */
export async function startRedis(port: number): Promise<OwnProcess> {
	const child = spawn(
		PACKAGES.redis.program(),
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
		],
		{ stdio: 'pipe' },
	);
	const redis = new OwnProcess('Redis', child);
	await until(
		'Redis to accept connections',
		() => (redis.log.includes('Ready to accept connections') ? true : assertRunning(redis)),
		{
			timeoutMs: 20_000,
			intervalMs: 100,
		},
	);
	return redis;
}

export interface Postgres {
	process: OwnProcess;
	port: number;
	user: string;
	database: string;
}

/**
 * Postgres in `dataDir` (created on first use) on 127.0.0.1:`port`, trusting local connections.
 * It refuses to run as root: then it runs as Debian's `postgres` user, which must be able to reach
 * the folder (root's home is closed to it: a root caller passes a folder outside it).
 */
export async function startPostgres(dataDir: string, port: number): Promise<Postgres> {
	const asRoot = process.getuid?.() === 0;
	const user = 'n8n';
	const wrap = (program: string, args: string[]): [string, string[]] =>
		asRoot
			? ['setpriv', [...AS_POSTGRES, join(postgresBin(), program), ...args]]
			: [join(postgresBin(), program), args];

	if (!existsSync(join(dataDir, 'PG_VERSION'))) {
		rmSync(dataDir, { recursive: true, force: true });
		mkdirSync(dataDir, { recursive: true, mode: 0o700 });
		if (asRoot) {
			const owned = await runQuietly('chown', ['-R', 'postgres:postgres', dataDir]);
			if (owned.code !== 0) throw new Error(`chown ${dataDir} failed:\n${owned.output}`);
		}
		chmodSync(dataDir, 0o700);
		const [command, args] = wrap('initdb', [
			'-D',
			dataDir,
			'-U',
			user,
			'--auth=trust',
			'--encoding=UTF8',
			'--no-sync',
		]);
		const init = await runQuietly(command, args);
		if (init.code !== 0) throw new Error(`initdb failed:\n${init.output.slice(-3000)}`);
	}
	const [command, args] = wrap('postgres', [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-k',
		dataDir,
		'-c',
		'listen_addresses=127.0.0.1',
		// A test and demo database: speed over durability across power cuts.
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	]);
	const postgres = new OwnProcess('Postgres', spawn(command, args, { stdio: 'pipe' }));
	await until(
		'Postgres to accept connections',
		() => (postgres.log.includes('ready to accept connections') ? true : assertRunning(postgres)),
		{ timeoutMs: 30_000, intervalMs: 100 },
	);
	return { process: postgres, port, user, database: 'postgres' };
}

/** A new, empty database for one n8n instance on `postgres`. */
export async function createDatabase(postgres: Postgres, name: string): Promise<void> {
	const created = await runQuietly(join(postgresBin(), 'createdb'), [
		'-h',
		'127.0.0.1',
		'-p',
		String(postgres.port),
		'-U',
		postgres.user,
		name,
	]);
	if (created.code !== 0) throw new Error(`createdb ${name} failed:\n${created.output}`);
}

/**
 * Where Postgres keeps its data: `preferred` (in the cache folder), unless Postgres runs as
 * Debian's `postgres` user (the caller is root) and cannot reach it, as inside root's home:
 * then the same name below /var/tmp.
 */
export async function postgresDataDir(preferred: string, fallbackName: string): Promise<string> {
	if (process.getuid?.() !== 0) return preferred;
	mkdirSync(dirname(preferred), { recursive: true });
	const reachable = await runQuietly('setpriv', [...AS_POSTGRES, 'test', '-x', dirname(preferred)]);
	return reachable.code === 0 ? preferred : join('/var/tmp', fallbackName);
}

function assertRunning(server: OwnProcess): undefined {
	if (!server.running)
		throw new Error(`${server.name} stopped while starting:\n${server.logTail()}`);
	return undefined;
}
