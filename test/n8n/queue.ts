/* eslint-disable @n8n/community-nodes/require-node-api-error -- developer tooling, never shipped */
import type { N8n, N8nServer } from './n8n';
import type { Log } from './runtime';
import type { OwnProcess, Postgres } from './services';
import { ensureQueueServices, startPostgres, startRedis } from './services';

/** What n8n's queue mode runs on beside n8n: Redis as the queue, Postgres as the database. */
export interface QueueServices {
	redis: OwnProcess;
	postgres: Postgres;
	stop(): Promise<void>;
}

export interface QueuePorts {
	redis: number;
	postgres: number;
}

/** Installs (when missing) and starts Redis and Postgres, Postgres's data in `postgresDir`. */
export async function startQueueServices(
	log: Log,
	postgresDir: string,
	ports: QueuePorts,
): Promise<QueueServices> {
	await ensureQueueServices(log);
	log(
		`Starting Redis on port ${ports.redis} and Postgres on port ${ports.postgres} (data in ${postgresDir})...`,
	);
	const redis = await startRedis(ports.redis);
	let postgres: Postgres;
	try {
		postgres = await startPostgres(postgresDir, ports.postgres);
	} catch (error) {
		await redis.stop();
		throw error;
	}
	return {
		redis,
		postgres,
		async stop() {
			await redis.stop();
			// SIGINT: Postgres's fast shutdown, which does not wait for clients to leave.
			await postgres.process.stop('SIGINT');
		},
	};
}

/** The n8n side of queue mode: the main process (editor, webhooks, triggers) and its workers. */
export class QueueInstance {
	private constructor(
		readonly main: N8nServer,
		readonly workers: OwnProcess[],
	) {}

	/** Starts the main process, then `workers` workers, each taking up to `concurrency` jobs. */
	static async start(n8n: N8n, { workers = 2, concurrency = 10 } = {}): Promise<QueueInstance> {
		const main = await n8n.start();
		const started: OwnProcess[] = [];
		try {
			for (let index = 0; index < workers; index++)
				started.push(await n8n.startWorker(index, concurrency));
		} catch (error) {
			await Promise.all([main.stop(), ...started.map((worker) => worker.stop())]);
			throw error;
		}
		return new QueueInstance(main, started);
	}

	/**
	 * Which worker ran each execution, read from the workers' logs, and how often it started there
	 * (more than once in all: the execution ran twice).
	 */
	executionsByWorker(): Array<{ worker: number; started: string[]; finished: string[] }> {
		return this.workers.map((worker, index) => ({
			worker: index,
			started: [...worker.log.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]),
			finished: [...worker.log.matchAll(/Worker finished execution (\d+)/g)].map(
				(match) => match[1],
			),
		}));
	}

	/** Workers first (each finishes what it runs, as n8n's graceful stop does), then the main process. */
	async stop(): Promise<void> {
		await Promise.all(this.workers.map((worker) => worker.stop()));
		await this.main.stop();
	}
}
