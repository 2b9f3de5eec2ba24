/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test server, not node code */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IN8nHttpFullResponse,
	INodeType,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, isNodeClassInstance, NodeHelpers, Workflow } from 'n8n-workflow';
import { HookContext, PollContext, WebhookContext } from 'n8n-core';

import { readBody } from '../emulator/server';
import { additionalDataFor } from './additionalData';
import type { TestCredentialsHelper } from './credentialsHelper';
import { prepareExecution } from './execution';
import { nodeTypes } from './nodeTypes';
import { until } from './until';

/** A workflow as n8n exports it (the files in `examples/`). */
export interface WorkflowJson {
	id: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
}

/** One execution a webhook call started, or the error the trigger threw before one could start. */
export interface HostedExecution {
	workflowId: string;
	mode: WorkflowExecuteMode;
	run?: IRun;
	error?: Error;
}

interface Registration {
	workflow: Workflow;
	webhook: IWebhookData;
	mode: WorkflowExecuteMode;
	activation: WorkflowActivateMode;
}

/**
 * The part of n8n's server that serves webhooks, around n8n-core: activating a workflow registers
 * its webhooks and runs their nodes' checkExists/create (HookContext); a request runs the node's
 * webhook method (WebhookContext) on the body as n8n parses it, then the workflow (WorkflowExecute).
 */
export class WorkflowHost {
	readonly executions: HostedExecution[] = [];
	private readonly registrations = new Map<string, Registration>();
	/** Published workflows, for their polling triggers. */
	private readonly published = new Map<string, Workflow>();
	private readonly running = new Set<Promise<void>>();
	private url = '';

	private constructor(
		private readonly server: Server,
		private readonly credentialsHelper: TestCredentialsHelper,
	) {}

	/**
	 * `publicUrl` plays n8n's WEBHOOK_URL: the address webhook URLs are built on when n8n is
	 * reached through another one. By default the host's own.
	 */
	static async start(
		credentialsHelper: TestCredentialsHelper,
		publicUrl?: string,
	): Promise<WorkflowHost> {
		const server = createServer();
		const host = new WorkflowHost(server, credentialsHelper);
		server.on('request', (request, response) => host.track(host.handle(request, response)));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		host.url = publicUrl ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		return host;
	}

	/** The address webhook URLs are built on. */
	get publicUrl(): string {
		return this.url;
	}

	/**
	 * Like publishing a workflow in n8n: its production webhooks go live. `staticData` is what n8n
	 * saved with the workflow, as when it activates its workflows again after a restart.
	 */
	async activate(json: WorkflowJson, staticData: IDataObject = {}): Promise<Workflow> {
		const workflow = await this.register(json, 'webhook', 'activate', false, staticData);
		this.published.set(json.id, workflow);
		return workflow;
	}

	/**
	 * Like n8n's poll scheduler at the poll times of a published workflow: each polling trigger
	 * polls once, and its items start an execution from it. Resolves once those executions ended.
	 */
	async poll(workflowId: string): Promise<HostedExecution[]> {
		const workflow = this.published.get(workflowId)!;
		const done: HostedExecution[] = [];
		for (const node of workflow.getPollNodes()) {
			const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
			const context = new PollContext(workflow, node, this.additionalData(), 'trigger', 'activate');
			const items = await nodeType.poll!.call(context);
			if (items === null) continue;
			const prepared = prepareExecution('trigger', `execution-${this.executions.length + 1}`, {
				id: workflow.id,
				name: workflow.name,
			} as never);
			const run = await prepared.run(
				workflow,
				this.additionalData({ hooks: prepared.hooks }),
				createRunExecutionData({
					executionData: { nodeExecutionStack: [{ node, data: { main: items }, source: null }] },
				}),
			);
			const execution = { workflowId, mode: 'trigger' as const, run };
			this.executions.push(execution);
			done.push(execution);
		}
		return done;
	}

	/** Like "Listen for test event": the test webhooks go live until the first call. */
	async listenForTestEvent(json: WorkflowJson): Promise<Workflow> {
		return await this.register(json, 'manual', 'manual', true, {});
	}

	/** Like unpublishing: each webhook's node runs its delete method, then the URLs stop answering. */
	async deactivate(workflowId: string): Promise<void> {
		for (const [key, registration] of this.registrations) {
			if (registration.workflow.id !== workflowId) continue;
			this.registrations.delete(key);
			await this.runWebhookMethod('delete', registration);
		}
	}

	/** The URL n8n shows for a node's webhook (Production URL, or Test URL). */
	webhookUrl(json: WorkflowJson, nodeName: string, test = false): string {
		const workflow = workflowOf(json, false, {});
		const [webhook] = this.webhooksOf(workflow, workflow.getNode(nodeName)!, test);
		return `${this.baseUrl(test)}/${webhook.path}`;
	}

	/** Resolves once `count` executions have finished in all and no request or run is under way. */
	async executionsDone(count: number, timeoutMs = 10_000): Promise<HostedExecution[]> {
		return await until(
			`${count} executions`,
			() =>
				this.executions.length >= count && this.running.size === 0 ? this.executions : undefined,
			{
				timeoutMs,
				intervalMs: 10,
				timeoutMessage: () => `Expected ${count} executions, got ${this.executions.length}`,
			},
		);
	}

	async stop(): Promise<void> {
		await Promise.all([...this.running]);
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/** Work still going on (a request being handled, an execution running) that tests wait for. */
	private track(work: Promise<void>): void {
		this.running.add(work);
		void work.finally(() => this.running.delete(work));
	}

	private baseUrl(test: boolean): string {
		return `${this.url}/${test ? 'webhook-test' : 'webhook'}`;
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}) {
		return additionalDataFor(this.credentialsHelper, {
			webhookBaseUrl: this.baseUrl(false),
			webhookTestBaseUrl: this.baseUrl(true),
			...extra,
		});
	}

	private webhooksOf(workflow: Workflow, node: INode, test: boolean): IWebhookData[] {
		const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const value = <T>(field: unknown, fallback: T): T =>
			workflow.expression.getSimpleParameterValue(
				node,
				field as string,
				'internal',
				{},
				undefined,
				fallback as never,
			) as T;
		return (nodeType.description.webhooks ?? []).map((description) => {
			const path = String(value(description.path, '')).replace(/^\/|\/$/g, '');
			return {
				httpMethod: value(description.httpMethod, 'GET'),
				node: node.name,
				path: NodeHelpers.getNodeWebhookPath(
					workflow.id,
					node,
					path,
					value(description.isFullPath, false),
				),
				webhookDescription: description,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: this.additionalData(),
				isTest: test,
			} as IWebhookData;
		});
	}

	private async register(
		json: WorkflowJson,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
		test: boolean,
		staticData: IDataObject,
	): Promise<Workflow> {
		const workflow = workflowOf(json, !test, staticData);
		for (const node of json.nodes) {
			for (const webhook of this.webhooksOf(workflow, node, test)) {
				const registration = { workflow, webhook, mode, activation };
				if (!(await this.runWebhookMethod('checkExists', registration))) {
					await this.runWebhookMethod('create', registration);
				}
				this.registrations.set(this.keyOf(webhook.httpMethod, test, webhook.path), registration);
			}
		}
		return workflow;
	}

	private keyOf(method: string, test: boolean, path: string): string {
		return `${method.toUpperCase()} ${test ? 'webhook-test' : 'webhook'}/${path}`;
	}

	private async runWebhookMethod(
		method: 'checkExists' | 'create' | 'delete',
		{ workflow, webhook, mode, activation }: Registration,
	): Promise<boolean | undefined> {
		const node = workflow.getNode(webhook.node)!;
		const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const hook = nodeType.webhookMethods?.[webhook.webhookDescription.name]?.[method];
		if (!hook) return method === 'checkExists' ? true : undefined;
		const context = new HookContext(
			workflow,
			node,
			webhook.workflowExecuteAdditionalData,
			mode,
			activation,
			webhook,
		);
		return await hook.call(context);
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', this.url);
		const match = /^\/(webhook|webhook-test)\/(.+)$/.exec(url.pathname);
		const test = match?.[1] === 'webhook-test';
		const key = match ? this.keyOf(request.method ?? 'GET', test, match[2]) : '';
		const registration = this.registrations.get(key);
		if (!registration) {
			return reply(response, 404, { message: 'The requested webhook is not registered.' });
		}
		const rawBody = await readBody(request);
		const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim();
		Object.assign(request, {
			rawBody,
			contentType,
			body: parseBody(rawBody, contentType),
			query: parseQueryString(url.search.slice(1)),
			params: {},
		});
		const started = await this.runWebhook(registration, request, response);
		// n8n takes a test webhook down once a call has started an execution.
		if (test && started) {
			this.registrations.delete(key);
			await this.runWebhookMethod('delete', registration);
		}
	}

	private async runWebhook(
		{ workflow, webhook, mode }: Registration,
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<boolean> {
		const node = workflow.getNode(webhook.node)!;
		const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
		const prepared = prepareExecution(mode, `execution-${this.executions.length + 1}`, {
			id: workflow.id,
			name: workflow.name,
		} as never);
		const additionalData = this.additionalData({
			hooks: prepared.hooks,
			httpRequest: request as never,
			httpResponse: response as never,
		});
		const context = new WebhookContext(workflow, node, additionalData, mode, webhook, [], null);
		let result: IWebhookResponseData;
		try {
			result = isNodeClassInstance(nodeType)
				? await (
						nodeType.webhook as unknown as (c: WebhookContext) => Promise<IWebhookResponseData>
					)(context)
				: await nodeType.webhook!.call(context);
		} catch (error) {
			this.executions.push({ workflowId: workflow.id, mode, error: error as Error });
			// A node that answered before it failed keeps its answer.
			if (!response.headersSent) reply(response, 500, { message: (error as Error).message });
			return true;
		}
		if (!result.workflowData) {
			if (!response.writableEnded) {
				reply(response, 200, result.webhookResponse ?? { message: 'Webhook call received' });
			}
			return false;
		}
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: result.workflowData }, source: null }],
			},
		});
		const responseMode = workflow.expression.getSimpleParameterValue(
			node,
			webhook.webhookDescription.responseMode as string,
			mode,
			{},
			undefined,
			'onReceived',
		);
		if (responseMode === 'responseNode') {
			// A Respond to Webhook node answers through this hook while the workflow runs on.
			prepared.hooks.addHandler('sendResponse', (answer) => {
				const { body, headers, statusCode } = answer as IN8nHttpFullResponse;
				if (!response.headersSent) reply(response, statusCode ?? 200, body, headers);
			});
		}
		const execution = (async () => {
			const run = await prepared.run(workflow, additionalData, runExecutionData);
			this.executions.push({ workflowId: workflow.id, mode, run });
			return run;
		})();
		this.track(execution.then(() => undefined));
		if (responseMode === 'onReceived') {
			if (!response.writableEnded) reply(response, 200, { message: 'Workflow was started' });
			return true;
		}
		const run = await execution;
		if (response.headersSent) return true;
		// As n8n's server: a failed run is a 500; a run no node answered for ends with an empty 200.
		if (run.data.resultData.error) reply(response, 500, { message: 'Error in workflow' });
		else reply(response, 200, responseMode === 'lastNode' ? lastNodeJson(run) : undefined);
		return true;
	}
}

function workflowOf(json: WorkflowJson, active: boolean, staticData: IDataObject): Workflow {
	return new Workflow({
		id: json.id,
		name: json.name,
		nodes: json.nodes,
		connections: json.connections,
		active,
		nodeTypes,
		staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
		settings: json.settings ?? {},
	});
}

/** Answers as n8n's server does: a body that is not a string goes out as JSON. */
function reply(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: IN8nHttpFullResponse['headers'] = {},
): void {
	const text = body === undefined || typeof body === 'string' ? (body ?? '') : JSON.stringify(body);
	const contentType = typeof body === 'string' || body === undefined ? 'text/plain' : 'application/json';
	response.writeHead(status, { 'content-type': contentType, ...headers });
	response.end(text);
}

/** As n8n's body parser: JSON, and forms with Node's querystring (PHP-style keys stay flat). */
function parseBody(raw: Buffer, contentType: string): unknown {
	if (raw.length === 0) return {};
	if (contentType === 'application/json') return JSON.parse(raw.toString('utf8'));
	if (contentType === 'application/x-www-form-urlencoded') {
		return parseQueryString(raw.toString('utf8'), undefined, undefined, { maxKeys: 1000 });
	}
	if (contentType === 'text/plain') return raw.toString('utf8');
	return {};
}

/** What n8n answers in "lastNode" mode by default: the first item's JSON of the last node run. */
function lastNodeJson(run: IRun): IDataObject {
	const { lastNodeExecuted, runData } = run.data.resultData;
	const items = (runData[lastNodeExecuted ?? '']?.at(-1)?.data?.main?.[0] ??
		[]) as INodeExecutionData[];
	return items[0]?.json ?? {};
}
