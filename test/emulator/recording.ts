import type { Params } from './params';
import type { RequestHeaders } from './routing';

/** One HTTP request as the emulator received it, and the status it answered. */
export interface RecordedRequest {
	httpMethod: string;
	/** Raw path and query as received. */
	path: string;
	/** The REST method called, without `.json`; spelt as registered when the method exists. */
	restMethod?: string;
	via?: 'webhook' | 'oauth';
	webhookUserId?: number;
	accessToken?: string;
	contentType?: string;
	headers: RequestHeaders;
	/**
	 * Query and body parameters, merged (body wins), as the method gets them: without
	 * `auth_connector`, which the portal reads with the auth (see `authConnector`).
	 */
	params: Params;
	/** The `auth_connector` the request carried, in its query or body. */
	authConnector?: string;
	/** For `batch` requests only: how many commands `cmd` held (all of them, even past 50). */
	batchSize?: number;
	rawBody: string;
	/** 0 when no answer was sent (connection dropped, or the client left first). */
	status: number;
	/** When the request arrived (epoch ms). */
	receivedAt: number;
	/** Streamed answers only: the body bytes written before the body ended or the client left. */
	bytesSent?: number;
}

export class RequestLog {
	readonly all: RecordedRequest[] = [];

	add(request: RecordedRequest): void {
		this.all.push(request);
	}

	restCalls(method?: string): RecordedRequest[] {
		const wanted = method?.toLowerCase();
		return this.all.filter(
			({ restMethod }) =>
				restMethod !== undefined && (wanted === undefined || restMethod.toLowerCase() === wanted),
		);
	}

	clear(): void {
		this.all.splice(0, this.all.length);
	}
}
