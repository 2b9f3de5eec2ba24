/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- build and test tooling, never shipped */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { until } from '../harness/until';
import type { N8nRuntime } from './runtime';
import type { InstalledPackageRecord } from './userFolder';
import { runQuietly } from './runtime';
import { OwnProcess } from './services';

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

/** An SQL statement, alone or with its parameters. */
export type Statement = string | [string, unknown[]];

/** n8n's Postgres database (local, trusting connections). */
export interface PostgresDatabase {
	port: number;
	user: string;
	database: string;
}

/** Where n8n keeps its data and queue: SQLite in its user folder by default. */
export interface N8nSetup {
	database?: PostgresDatabase;
	/** Queue mode: the Redis port every process shares. */
	redisPort?: number;
	/** More settings for every process (e.g. queue timings a test shortens). */
	env?: NodeJS.ProcessEnv;
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
		readonly setup: N8nSetup = {},
	) {}

	get database(): PostgresDatabase | undefined {
		return this.setup.database;
	}

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
			// Not reachable from the network unless asked for (the setup's N8N_LISTEN_ADDRESS).
			N8N_LISTEN_ADDRESS: '127.0.0.1',
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
			...this.setupEnv(),
		};
	}

	/** Postgres and the queue, set the same on every process of one instance. */
	private setupEnv(): NodeJS.ProcessEnv {
		const { database, redisPort, env } = this.setup;
		return {
			...env,
			...(database && {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(database.port),
				DB_POSTGRESDB_USER: database.user,
				DB_POSTGRESDB_DATABASE: database.database,
			}),
			...(redisPort && {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redisPort),
				// Runs started in the editor go through the queue too, as production ones do.
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			}),
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

	/** Publishes an imported workflow (on n8n 1.x: activates it): its triggers go live when n8n starts. */
	async publish(workflowId: string): Promise<{ code: number; output: string; stdout: string }> {
		return await this.cli(
			this.runtime.major >= 2
				? ['publish:workflow', `--id=${workflowId}`]
				: ['update:workflow', `--id=${workflowId}`, '--active=true'],
		);
	}

	/** `n8n execute`: exit code and the run n8n printed (it stores the execution too). */
	async execute(
		workflowId: string,
	): Promise<{ code: number; output: string; run?: Record<string, unknown> }> {
		const { code, output, stdout } = await this.cli([
			'execute',
			`--id=${workflowId}`,
			'--rawOutput',
		]);
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

	async exportCredentials(): Promise<
		Array<{ id: string; type: string; data: Record<string, unknown> }>
	> {
		const dir = mkdtempSync(join(tmpdir(), 'n8n-export-'));
		try {
			const file = join(dir, 'credentials.json');
			const result = await this.cli([
				'export:credentials',
				'--all',
				'--decrypted',
				`--output=${file}`,
			]);
			if (result.code !== 0) throw new Error(`export:credentials failed:\n${result.output}`);
			return JSON.parse(readFileSync(file, 'utf8'));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}

	/** The executions n8n stored in its database. */
	async storedExecutions(): Promise<StoredExecution[]> {
		const [rows] = await this.query([
			'SELECT e.id, e.status, e."workflowId", d.data FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id ORDER BY e.id',
		]);
		// n8n stores run data in its `flatted` form; its own copy of the library reads it.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { parse } = require(join(this.runtime.modules, 'flatted')) as {
			parse: (text: string) => StoredExecution['data'];
		};
		return rows.map(
			(row) => ({ ...row, id: Number(row.id), data: parse(row.data as string) }) as StoredExecution,
		);
	}

	/**
	 * The credentials and workflows n8n's database holds, with what changes when a user edits
	 * them (a credential's `updatedAt`, a workflow's `versionId`) and which version is published
	 * (n8n 1.x has no published versions: an active workflow's current one is).
	 * Before n8n's first command there is no database, and nothing in it.
	 */
	async storedEntities(): Promise<StoredEntities> {
		if (!this.database && !existsSync(this.databaseFile)) return { credentials: [], workflows: [] };
		const published =
			this.runtime.major >= 2
				? '"activeVersionId"'
				: 'CASE WHEN active THEN "versionId" END AS "activeVersionId"';
		try {
			const [credentials, workflows] = await this.query([
				'SELECT id, "updatedAt" FROM credentials_entity',
				`SELECT id, "versionId", ${published} FROM workflow_entity`,
			]);
			return {
				credentials: credentials.map(
					(row) =>
						({ id: row.id, updatedAt: String(row.updatedAt) }) as StoredEntities['credentials'][0],
				),
				workflows: workflows as StoredEntities['workflows'],
			};
		} catch (error) {
			// A new Postgres database has no tables before n8n's first command.
			if (this.database && /does not exist/.test((error as Error).message))
				return { credentials: [], workflows: [] };
			throw error;
		}
	}

	/**
	 * Records a community package in n8n's database as n8n's "Install" does once the files are in
	 * place, so that Settings → Community Nodes lists it. n8n's tables exist after its first command.
	 */
	async recordInstalledPackage(record: InstalledPackageRecord): Promise<void> {
		// A timestamp both SQLite (as n8n writes it) and Postgres read.
		const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
		await this.query([
			'BEGIN',
			['DELETE FROM installed_nodes WHERE "package" = ?', [record.packageName]],
			['DELETE FROM installed_packages WHERE "packageName" = ?', [record.packageName]],
			[
				'INSERT INTO installed_packages ("packageName", "installedVersion", "authorName", "authorEmail", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)',
				[
					record.packageName,
					record.installedVersion,
					record.authorName ?? null,
					record.authorEmail ?? null,
					now,
					now,
				],
			],
			...record.nodes.map(
				(node): Statement => [
					'INSERT INTO installed_nodes ("name", "type", "latestVersion", "package") VALUES (?, ?, ?, ?)',
					[node.name, node.type, node.latestVersion, record.packageName],
				],
			),
			'COMMIT',
		]);
	}

	/**
	 * Runs `statements` one after the other on n8n's database (SQLite or Postgres) with n8n's own
	 * driver, on n8n's Node.js; resolves with each one's rows. `?` marks a parameter in either.
	 */
	async query(statements: Statement[]): Promise<Array<Array<Record<string, unknown>>>> {
		const list = statements.map((statement) =>
			typeof statement === 'string' ? [statement, []] : statement,
		);
		const driver = (name: string) => JSON.stringify(join(this.runtime.modules, name));
		const script = this.database
			? `
			const { Client } = require(${driver('pg')});
			const client = new Client(${JSON.stringify({ host: '127.0.0.1', ...this.database })});
			(async () => {
				await client.connect();
				const rows = [];
				for (const [sql, params] of ${JSON.stringify(list)}) {
					let n = 0;
					rows.push((await client.query(sql.replace(/\\?/g, () => '$' + ++n), params)).rows);
				}
				await client.end();
				process.stdout.write(JSON.stringify(rows));
			})().catch((error) => { console.error(error.message); process.exit(1); });`
			: `
			const sqlite3 = require(${driver('sqlite3')});
			const fail = (error) => { console.error(error.message); process.exit(1); };
			const db = new sqlite3.Database(${JSON.stringify(this.databaseFile)});
			db.on('error', fail);
			const list = ${JSON.stringify(list)};
			const rows = [];
			const next = () => {
				if (rows.length === list.length) {
					process.stdout.write(JSON.stringify(rows));
					return db.close();
				}
				const [sql, params] = list[rows.length];
				db.all(sql, params, (error, result) => {
					if (error) fail(error);
					rows.push(result);
					next();
				});
			};
			next();`;
		const result = await runQuietly(this.runtime.node, ['-e', script]);
		if (result.code !== 0)
			throw new Error(`n8n's database could not be queried:\n${result.output}`);
		return JSON.parse(result.stdout);
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

	/** The executions of `workflowId` stored after the first `after`, once `count` of them ended. */
	async finishedExecutions(
		workflowId: string,
		count: number,
		{ after = 0, timeoutMs = 30_000 }: { after?: number; timeoutMs?: number } = {},
	): Promise<StoredExecution[]> {
		return await until(
			`${count} execution(s) of ${workflowId} to end`,
			async () => {
				const runs = (await this.storedExecutions())
					.slice(after)
					.filter((run) => run.workflowId === workflowId);
				return runs.length === count && runs.every((run) => !UNFINISHED.has(run.status))
					? runs
					: undefined;
			},
			{ timeoutMs, intervalMs: 250 },
		);
	}

	/** Starts `n8n start` and resolves once its REST API answers. */
	async start(): Promise<N8nServer> {
		const child = spawn(this.runtime.node, [this.runtime.n8n, 'start'], {
			env: this.env(),
			stdio: 'pipe',
		});
		const server = new N8nServer(this.url, child);
		await server.ready();
		return server;
	}

	/**
	 * Starts a queue-mode worker (`n8n worker`) and resolves once it takes jobs. Each worker gets
	 * its own task broker port, after the main process's.
	 */
	async startWorker(index: number, concurrency = 10): Promise<OwnProcess> {
		const env = {
			...this.env(),
			N8N_RUNNERS_BROKER_PORT: String(this.port + 2 + index),
			// Where its log goes when n8n logs to a file: beside the main process's, not into it.
			N8N_LOG_FILE_LOCATION: `logs/n8n-worker-${index + 1}.log`,
		};
		const child = spawn(
			this.runtime.node,
			[this.runtime.n8n, 'worker', `--concurrency=${concurrency}`],
			{ env, stdio: 'pipe' },
		);
		const worker = new OwnProcess(`n8n worker ${index + 1}`, child);
		await until(
			'an n8n worker to start',
			() => worker.log.includes('worker is now ready') || (!worker.running && failed(worker)),
			{
				timeoutMs: 120_000,
				intervalMs: 250,
				timeoutMessage: () => `${worker.name} did not start within 120 s:\n${worker.logTail()}`,
			},
		);
		return worker;
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

function failed(process: OwnProcess): never {
	throw new Error(`${process.name} stopped while starting:\n${process.logTail()}`);
}

/** A running `n8n start` (the main process), with its log kept for when something fails. */
export class N8nServer extends OwnProcess {
	constructor(
		readonly url: string,
		child: ChildProcess,
	) {
		super('n8n', child);
	}

	/** n8n answers /healthz before its REST routes exist: wait for the settings endpoint instead. */
	async ready(timeoutMs = 120_000): Promise<void> {
		await until(
			'n8n to start',
			async () => {
				if (!this.running) {
					throw new Error(`n8n exited while starting:\n${this.logTail()}`);
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
}
