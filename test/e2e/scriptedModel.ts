/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling, never shipped */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message of an OpenAI chat completions request, as n8n's OpenAI Chat Model sends it. */
export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: ToolCall[];
	tool_call_id?: string;
}

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

/** A tool as the request offers it to the model: its name, description and JSON schema. */
export interface OfferedTool {
	type: 'function';
	function: { name: string; description?: string; parameters: Record<string, unknown> };
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: OfferedTool[];
	stream?: boolean;
}

/** What the model answers next: tool calls, or its final text. */
export type ScriptedReply = { toolCalls: Array<{ name: string; args: object }> } | { text: string };

/** The script: the next reply from the conversation so far. */
export type ModelScript = (request: ChatRequest) => ScriptedReply;

/** The text of a message, whether sent as a string or as parts. */
export function messageText(message: ChatMessage): string {
	const { content } = message;
	if (typeof content === 'string') return content;
	return (content ?? []).map((part) => part.text ?? '').join('');
}

/**
 * A small OpenAI-compatible server on 127.0.0.1 that answers `/chat/completions` (plain JSON or
 * server-sent events, as asked) from a script instead of a model, answers `/models`, and keeps
 * every request so a test can read what n8n sent.
 */
export class ScriptedModel {
	readonly requests: ChatRequest[] = [];
	/** Paths asked for, in order (`/v1/chat/completions`, `/v1/models`...). */
	readonly paths: string[] = [];
	private calls = 0;

	private constructor(
		private readonly server: Server,
		private readonly script: ModelScript,
	) {}

	static async start(script: ModelScript): Promise<ScriptedModel> {
		const server = createServer();
		const model = new ScriptedModel(server, script);
		server.on('request', (request: IncomingMessage, response: ServerResponse) => {
			void model.handle(request, response);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return model;
	}

	/** The base URL an OpenAI credential takes (`…/v1`). */
	get baseUrl(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const path = (request.url ?? '').split('?')[0];
		this.paths.push(path);
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		if (path.endsWith('/models')) {
			return json(response, 200, {
				object: 'list',
				data: [{ id: 'gpt-4o-mini', object: 'model', created: 0, owned_by: 'scripted' }],
			});
		}
		if (!path.endsWith('/chat/completions') || request.method !== 'POST') {
			return json(response, 404, { error: { message: `No route ${request.method} ${path}` } });
		}
		const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
		this.requests.push(body);
		let reply: ScriptedReply;
		try {
			reply = this.script(body);
		} catch (error) {
			return json(response, 500, { error: { message: (error as Error).message } });
		}
		const id = `chatcmpl-${++this.calls}`;
		const message =
			'text' in reply
				? { role: 'assistant', content: reply.text }
				: {
						role: 'assistant',
						content: null,
						tool_calls: reply.toolCalls.map(({ name, args }, index) => ({
							id: `call_${this.calls}_${index}`,
							type: 'function',
							function: { name, arguments: JSON.stringify(args) },
						})),
					};
		const finishReason = 'text' in reply ? 'stop' : 'tool_calls';
		const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
		const base = { id, created: Math.floor(Date.now() / 1000), model: body.model };
		if (!body.stream) {
			return json(response, 200, {
				...base,
				object: 'chat.completion',
				choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
				usage,
			});
		}
		// A stream: the whole message in one chunk (tool calls carry their index), then the end.
		const delta =
			'tool_calls' in message
				? {
						...message,
						tool_calls: message.tool_calls!.map((call, index) => ({ index, ...call })),
					}
				: message;
		response.writeHead(200, { 'content-type': 'text/event-stream' });
		const event = (data: object) => response.write(`data: ${JSON.stringify(data)}\n\n`);
		event({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] });
		event({
			...base,
			object: 'chat.completion.chunk',
			choices: [{ index: 0, delta: {}, finish_reason: finishReason }],
			usage,
		});
		response.end('data: [DONE]\n\n');
	}
}

function json(response: ServerResponse, status: number, body: object): void {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}
