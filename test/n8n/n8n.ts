/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- build and test tooling, never shipped */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { until } from '../harness/until';
import type { N8nRuntime } from './runtime';
import type { InstalledPackageRecord } from './userFolder';
import { runQuietly } from './runtime';

export interface StoredExecution {
	id: number;
	status: string;
	workflowId: string;
	/** The run data n8n stored, parsed. */
	data: { resultData: { error?: Record<string, unknown>; runData: Record<string, unknown> } };
}

/**
 * What n8n calls an execution that has not ended. n8n stores an execution when it starts, so one
 * in these states has no complete run data yet.
 */
const UNFINISHED = new Set(['new', 'running', 'waiting']);

export interface StoredEntities {
	credentials: Array<{ id: string; updatedAt: string }>;
	workflows: Array<{ id: string; versionId: string; activeVersionId: string | null }>;
}

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** One n8n installation (runtime + user folder), driven through its CLI and its server. */
export class N8n {
	constructor(
		readonly runtime: N8nRuntime,
		readonly userFolder: string,
		readonly port = 5678,
	) {}

	get databaseFile(): string {
		return join(this.userFolder, '.n8n', 'database.sqlite');
	}

	get url(): string {
		return `http://localhost:${this.port}`;
	}

	/** Where n8n's webhook URLs point: Bitrix24 refuses a handler on a host without a dot. */
	get webhookBaseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/**
	 * Quiet, local, no phoning home; the task broker's port moves with n8n's so two can run.
	 * Settings from the calling shell stay out: NODE_ENV=test (as jest sets it) makes n8n's
	 * commands do nothing, and a user's own N8N_ or DB_ variables would point it at their instance.
	 */
	env(): NodeJS.ProcessEnv {
		const inherited = Object.entries(process.env).filter(
			([name]) =>
				!/^(N8N_|DB_|EXECUTIONS_|QUEUE_|NODE_ENV$|JEST_|npm_config_|WEBHOOK_URL$)/i.test(name),
		);
		return {
			...Object.fromEntries(inherited),
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.port + 1),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			WEBHOOK_URL: `${this.webhookBaseUrl}/`,
			// The editor (and so the OAuth2 redirect URL) stays where the browser opens it.
			N8N_EDITOR_BASE_URL: this.url,
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		};
	}

	async cli(args: string[]): Promise<{ code: number; output: string; stdout: string }> {
		return await runQuietly(this.runtime.node, [this.runtime.n8n, ...args], { env: this.env() });
	}

	async importCredentials(credentials: object[]): Promise<void> {
		await this.importFile('import:credentials', credentials);
	}

	async importWorkflows(workflows: object[]): Promise<void> {
		await this.importFile('import:workflow', workflows);
	}

	/** Publishes an imported workflow: its triggers go live when n8n starts. */
	async publish(workflowId: string): Promise<{ code: number; output: string; stdout: string }> {
		return await this.cli(['publish:workflow', `--id=${workflowId}`]);
	}

	/** `n8n execute`: exit code and the run n8n printed (it stores the execution too). */
	async execute(workflowId: string): Promise<{ code: number; output: string; run?: Record<string, unknown> }> {
		const { code, output, stdout } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const start = stdout.indexOf('\n{');
		const json = stdout.startsWith('{') ? stdout : start >= 0 ? stdout.slice(start + 1) : '';
		let run: Record<string, unknown> | undefined;
		try {
			run = json ? JSON.parse(json) : undefined;
		} catch {
			run = undefined;
		}
		return { code, output, run };
	}

	async exportCredentials(): Promise<Array<{ id: string; type: string; data: Record<string, unknown> }>> {
		const dir = mkdtempSync(join(tmpdir(), 'n8n-export-'));
		try {
			const file = join(dir, 'credentials.json');
			const result = await this.cli(['export:credentials', '--all', '--decrypted', `--output=${file}`]);
			if (result.code !== 0) throw new Error(`export:credentials failed:\n${result.output}`);
			return JSON.parse(readFileSync(file, 'utf8'));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}

	/** The executions n8n stored in its database. */
	async storedExecutions(): Promise<StoredExecution[]> {
		const flatted = JSON.stringify(join(this.runtime.modules, 'flatted'));
		return JSON.parse(
			await this.withDatabase(`
				const { parse } = require(${flatted});
				db.all('SELECT e.id, e.status, e.workflowId, d.data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id ORDER BY e.id', (error, rows) => {
					if (error) fail(error);
					process.stdout.write(JSON.stringify(rows.map((row) => ({ ...row, data: parse(row.data) }))));
					db.close();
				});`),
		);
	}

	/**
	 * The credentials and workflows n8n's database holds, with what changes when a user edits
	 * them (a credential's `updatedAt`, a workflow's `versionId`) and which version is published.
	 * Before n8n's first command there is no database, and nothing in it.
	 */
	async storedEntities(): Promise<StoredEntities> {
		if (!existsSync(this.databaseFile)) return { credentials: [], workflows: [] };
		return JSON.parse(
			await this.withDatabase(`
				db.all('SELECT id, updatedAt FROM credentials_entity', (error, credentials) => {
					if (error) fail(error);
					db.all('SELECT id, versionId, activeVersionId FROM workflow_entity', (error, workflows) => {
						if (error) fail(error);
						process.stdout.write(JSON.stringify({ credentials, workflows }));
						db.close();
					});
				});`),
		);
	}

	/**
	 * Records a community package in n8n's database as n8n's "Install" does once the files are in
	 * place, so that Settings → Community Nodes lists it. n8n's tables exist after its first command.
	 */
	async recordInstalledPackage(record: InstalledPackageRecord): Promise<void> {
		await this.withDatabase(
			`
			const record = ${JSON.stringify(record)};
			const now = "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')";
			db.serialize(() => {
				db.run('BEGIN');
				db.run('DELETE FROM installed_nodes WHERE "package" = ?', [record.packageName]);
				db.run('DELETE FROM installed_packages WHERE "packageName" = ?', [record.packageName]);
				db.run(
					'INSERT INTO installed_packages ("packageName", "installedVersion", "authorName", "authorEmail", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ' + now + ', ' + now + ')',
					[record.packageName, record.installedVersion, record.authorName ?? null, record.authorEmail ?? null],
				);
				for (const node of record.nodes) {
					db.run('INSERT INTO installed_nodes ("name", "type", "latestVersion", "package") VALUES (?, ?, ?, ?)', [node.name, node.type, node.latestVersion, record.packageName]);
				}
				db.run('COMMIT', (error) => {
					if (error) fail(error);
					db.close();
				});
			});`,
			{ write: true },
		);
	}

	/**
	 * Runs `body` on Node 24 with `db`, n8n's database opened with n8n's own SQLite driver, and
	 * `fail(error)`; resolves with what it printed.
	 */
	private async withDatabase(body: string, { write = false } = {}): Promise<string> {
		const script = `
			const sqlite3 = require(${JSON.stringify(join(this.runtime.modules, 'sqlite3'))});
			const fail = (error) => { console.error(error.message); process.exit(1); };
			const db = new sqlite3.Database(${JSON.stringify(this.databaseFile)}, sqlite3.${write ? 'OPEN_READWRITE' : 'OPEN_READONLY'});
			db.on('error', fail);
			${body}`;
		const result = await runQuietly(this.runtime.node, ['-e', script]);
		if (result.code !== 0) throw new Error(`n8n's database could not be ${write ? 'written' : 'read'}:\n${result.output}`);
		return result.stdout;
	}

	/**
	 * Waits for an execution of `workflowId` among those stored after the first `after` ones to end,
	 * and resolves with it (whatever its status).
	 */
	async finishedExecution(
		workflowId: string,
		{ after = 0, timeoutMs = 30_000 }: { after?: number; timeoutMs?: number } = {},
	): Promise<StoredExecution> {
		return await until(
			`an execution of ${workflowId} to end`,
			async () =>
				(await this.storedExecutions())
					.slice(after)
					.find((run) => run.workflowId === workflowId && !UNFINISHED.has(run.status)),
			{ timeoutMs, intervalMs: 250 },
		);
	}

	/** Starts `n8n start` and resolves once its REST API answers. */
	async start(): Promise<N8nServer> {
		const child = spawn(this.runtime.node, [this.runtime.n8n, 'start'], { env: this.env(), stdio: 'pipe' });
		const server = new N8nServer(this.url, child);
		await server.ready();
		return server;
	}

	private async importFile(command: string, entries: object[]): Promise<void> {
		const dir = mkdtempSync(join(tmpdir(), 'n8n-import-'));
		try {
			const file = join(dir, 'import.json');
			writeFileSync(file, JSON.stringify(entries));
			const result = await this.cli([command, `--input=${file}`]);
			if (result.code !== 0) throw new Error(`${command} failed:\n${result.output}`);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
}

/** A running `n8n start`, with its log kept for when something fails. */
export class N8nServer {
	private log = '';
	private exited: Promise<number | null>;

	constructor(
		readonly url: string,
		private readonly child: ChildProcess,
	) {
		child.stdout?.on('data', (chunk: Buffer) => this.keep(chunk));
		child.stderr?.on('data', (chunk: Buffer) => this.keep(chunk));
		this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
	}

	logTail(lines = 40): string {
		return this.log.split('\n').slice(-lines).join('\n');
	}

	/** n8n answers /healthz before its REST routes exist: wait for the settings endpoint instead. */
	async ready(timeoutMs = 120_000): Promise<void> {
		let exitCode: number | null | undefined;
		void this.exited.then((code) => (exitCode = code));
		await until(
			'n8n to start',
			async () => {
				if (exitCode !== undefined) {
					throw new Error(`n8n exited with code ${exitCode} while starting:\n${this.logTail()}`);
				}
				try {
					return (await fetch(`${this.url}/rest/settings`)).ok;
				} catch {
					return false; // not listening yet
				}
			},
			{
				timeoutMs,
				intervalMs: 500,
				timeoutMessage: () => `n8n did not start within ${timeoutMs / 1000} s:\n${this.logTail()}`,
			},
		);
	}

	/**
	 * Creates the owner account on a new instance; an instance that has one is left as it is.
	 * n8n routes /rest/owner/setup before /rest/settings, which `ready` waits for, yet one loaded
	 * CI run got a 404 here; a 404 is therefore asked again for a while rather than failing a suite.
	 */
	async setupOwner(owner: Owner, timeoutMs = 30_000): Promise<'created' | 'existing'> {
		let failure = '';
		return await until(
			'the owner setup',
			async () => {
				const response = await fetch(`${this.url}/rest/owner/setup`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(owner),
				});
				if (response.ok) return 'created';
				const text = await response.text();
				if (/already set ?up/i.test(text)) return 'existing';
				failure = `Setting up the n8n owner failed (HTTP ${response.status}): ${text.slice(0, 300)}`;
				if (response.status !== 404) throw new Error(failure);
				return undefined;
			},
			{ timeoutMs, intervalMs: 500, timeoutMessage: () => failure },
		);
	}

	async stop(timeoutMs = 20_000): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		this.child.kill('SIGTERM');
		const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
		await this.exited;
		clearTimeout(timer);
	}

	private keep(chunk: Buffer): void {
		this.log = (this.log + chunk.toString()).slice(-100_000);
	}
}
