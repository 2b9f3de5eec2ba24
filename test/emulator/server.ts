/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test server, not node code */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	type Answer,
	bitrixErrorAnswer,
	isStreamedBody,
	notFoundAnswer,
	type StreamedBody,
} from './answers';
import { type ErrorSettings, systemError } from './errors';
import { commitErrorAnswer, faultAnswer, type FaultQueue, isAnsweringFault } from './faults';
import { requestParams } from './params';
import type { RecordedRequest, RequestLog } from './recording';
import { type Endpoint, type IncomingCall, type Route, splitUrl } from './routing';
import { nowSeconds } from './time';

export interface ServerParts {
	/** Tried in order; the first to claim a request answers it. */
	routes: Route[];
	log: RequestLog;
	faults: FaultQueue;
	settings: ErrorSettings;
}

/** The whole body of a request; the emulator, the test webhook server and handlers in tests share it. */
export function readBody(request: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

function recordOf(request: IncomingMessage): RecordedRequest {
	return {
		httpMethod: request.method ?? 'GET',
		path: request.url ?? '/',
		contentType: request.headers['content-type'],
		headers: { ...request.headers },
		params: {},
		rawBody: '',
		status: 0,
		receivedAt: Date.now(),
	};
}

/** HTTP plumbing: records each request, routes it, applies injected faults, writes the answer. */
export class EmulatorServer {
	private readonly http: Server;
	/** Releases for pending waits (latency, `delay` faults), so stopping never waits for them. */
	private readonly pauses = new Set<() => void>();

	constructor(private readonly parts: ServerParts) {
		this.http = createServer((request, response) => void this.handle(request, response));
	}

	/** Resolves with the port actually bound (useful with port 0). */
	listen(port: number, host: string): Promise<number> {
		return new Promise((resolve, reject) => {
			this.http.once('error', reject);
			this.http.listen(port, host, () => {
				this.http.off('error', reject);
				resolve((this.http.address() as AddressInfo).port);
			});
		});
	}

	async close(): Promise<void> {
		for (const release of this.pauses) release();
		const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
		this.http.closeAllConnections();
		await closed;
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const record = recordOf(request);
		this.parts.log.add(record);
		try {
			const receivedAt = nowSeconds();
			record.rawBody = (await readBody(request)).toString('utf8');
			const { pathname, query } = splitUrl(record.path);
			const params = requestParams(query, record.rawBody, record.contentType);
			const { auth_connector: authConnector, ...methodParams } = params;
			record.params = methodParams;
			if (authConnector !== undefined) record.authConnector = String(authConnector);
			const call: IncomingCall = {
				httpMethod: record.httpMethod,
				pathname,
				headers: request.headers,
				params,
				receivedAt,
				record,
			};
			await this.respond(call, request, response);
		} catch (error) {
			if (request.socket.destroyed) return;
			// A defect in the emulator itself: answer like a failing portal, but say so.
			// eslint-disable-next-line no-console -- a defect must not pass unnoticed
			console.error('Bitrix24 emulator failed to answer', record.path, error);
			const { settings } = this.parts;
			this.send(
				request,
				response,
				record,
				bitrixErrorAnswer(systemError('INTERNAL_SERVER_ERROR', settings), settings),
			);
		}
	}

	private findEndpoint(call: IncomingCall): Endpoint | undefined {
		for (const route of this.parts.routes) {
			const endpoint = route(call);
			if (endpoint) return endpoint;
		}
		return undefined;
	}

	private async respond(
		call: IncomingCall,
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<void> {
		const endpoint = this.findEndpoint(call);
		if (!endpoint) return this.send(request, response, call.record, notFoundAnswer());
		// A client that gave up while waiting must not have its call carried out.
		if (!(await this.waited(endpoint.latencyMs ?? 0, request))) return;
		const fault = this.parts.faults.take(endpoint.faultName, endpoint.takesUntargetedFaults);
		if (fault?.kind === 'drop') return void request.socket.destroy();
		if (fault?.kind === 'delay' && !(await this.waited(fault.ms, request))) return;
		const { settings } = this.parts;
		if (fault && isAnsweringFault(fault)) {
			return this.send(request, response, call.record, faultAnswer(fault, settings));
		}
		const answer = await endpoint.answer();
		if (fault?.kind === 'commitThenDrop') return void request.socket.destroy();
		this.send(
			request,
			response,
			call.record,
			fault?.kind === 'commitThenError' ? commitErrorAnswer(fault, settings) : answer,
		);
	}

	/** Waits `ms` (if any); false when the client left meanwhile. */
	private async waited(ms: number, request: IncomingMessage): Promise<boolean> {
		if (ms <= 0) return true;
		await this.pause(ms);
		return !request.socket.destroyed;
	}

	private pause(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const release = (): void => {
				clearTimeout(timer);
				this.pauses.delete(release);
				resolve();
			};
			const timer = setTimeout(release, ms);
			this.pauses.add(release);
		});
	}

	private send(
		request: IncomingMessage,
		response: ServerResponse,
		record: RecordedRequest,
		answer: Answer,
	): void {
		// The client is gone: nothing to write, and the record keeps status 0.
		if (request.socket.destroyed) return;
		record.status = answer.status;
		if (isStreamedBody(answer.body)) {
			response.writeHead(answer.status, answer.headers);
			return void this.stream(response, record, answer.body);
		}
		response.writeHead(answer.status, {
			...answer.headers,
			'content-length': String(Buffer.byteLength(answer.body)),
		});
		response.end(answer.body);
	}

	/** Writes a streamed body as fast as the client reads it, until it ends or the client leaves. */
	private async stream(
		response: ServerResponse,
		record: RecordedRequest,
		body: StreamedBody,
	): Promise<void> {
		const chunk = Buffer.alloc(64 * 1024);
		record.bytesSent = 0;
		while (record.bytesSent < body.streamedBytes && !response.destroyed) {
			const size = Math.min(chunk.length, body.streamedBytes - record.bytesSent);
			const flowing = response.write(chunk.subarray(0, size));
			record.bytesSent += size;
			if (!flowing) await drainedOrClosed(response);
		}
		if (!response.destroyed) response.end();
	}
}

function drainedOrClosed(response: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const done = (): void => {
			response.off('drain', done);
			response.off('close', done);
			resolve();
		};
		response.on('drain', done);
		response.on('close', done);
	});
}
