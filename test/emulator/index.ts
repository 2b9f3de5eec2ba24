import type { AuthErrorStatus, CodeStyle, ErrorSettings } from './errors';
import type { EventHub } from './events';
import { type Fault, FaultQueue } from './faults';
import type { RateLimit } from './leakyBucket';
import { createMethodRegistry } from './methods';
import { oauthRoute } from './oauth';
import { OAuthApp } from './oauthApp';
import { type OperatingLimit, OperatingTime } from './operatingTime';
import { Portal, type Webhook } from './portal';
import { PHP_INPUT_DEFAULTS, type PhpInputLimits } from './params';
import { type RecordedRequest, RequestLog } from './recording';
import { restRoute } from './rest';
import { EmulatorServer } from './server';
import { RestTraffic, type RestStats } from './traffic';
import { uploadRoute } from './uploads';

export { SYSTEM_ERRORS } from './errors';
export type { AuthErrorStatus, CodeStyle, ErrorCode, SystemErrorCode } from './errors';
export type { Fault } from './faults';
export { CATALOG_EVENTS, formEncode } from './events';
export type { Delivery, EventBinding, EventHub, OutgoingWebhook } from './events';
export type { RateLimit } from './leakyBucket';
export type { OperatingLimit } from './operatingTime';
export type { RestStats } from './traffic';
export type { IssueOptions, TokenResponse } from './oauthApp';
export type {
	BulkProducts,
	Catalog,
	ImageType,
	NewImage,
	NewProduct,
	PortalSettings,
	Product,
	ProductChanges,
	ProductFields,
	ProductImage,
	User,
	Webhook,
} from './portal';
export type { ProductProperty, PropertyValue } from './propertyStore';
export type { NewSection, Section } from './sectionStore';
export { UPLOAD_ERRORS } from './methods/uploadedImage';
export type { RecordedRequest } from './recording';

export interface EmulatorOptions {
	/** Default 0: a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** How numeric error codes are written (default 'documented': as each method family's pages show). */
	codeStyle?: CodeStyle;
	/** Status of INVALID_CREDENTIALS and insufficient_scope (default 401, as the server does; docs say 403). */
	authErrorStatus?: AuthErrorStatus;
	/** Fixed webhook secrets by webhook name; the others are random. */
	secrets?: Record<string, string>;
	/** Largest image `catalog.productImage.add` accepts, in bytes (default 50 MiB). */
	maxUploadBytes?: number;
	/**
	 * Adds the catalog demo to the demo portal: properties in both catalogs and products of every
	 * kind (401-408) holding fields and property values; `reset()` keeps it.
	 */
	catalogDemo?: boolean;
	/** Inventory management on at the start; `reset()` keeps it. */
	inventoryManagement?: boolean;
	/** PHP's `max_input_vars` and `max_input_nesting_level` (default 1,000 and 64, PHP's own). */
	phpInput?: Partial<PhpInputLimits>;
}

function urlHost(host: string): string {
	return host.includes(':') ? `[${host}]` : host;
}

/** A Bitrix24 portal on a local port, for integration tests and for trying the node by hand. */
export class Bitrix24Emulator {
	readonly portal: Portal;
	readonly oauth: OAuthApp;
	private readonly settings: ErrorSettings;
	private readonly initialCodeStyle: CodeStyle;
	private readonly log = new RequestLog();
	private readonly faults = new FaultQueue();
	private readonly traffic = new RestTraffic();
	private readonly operating = new OperatingTime();
	private readonly server: EmulatorServer;
	private readonly phpInput: PhpInputLimits;
	private origin = '';

	private constructor(options: EmulatorOptions) {
		this.initialCodeStyle = options.codeStyle ?? 'documented';
		this.phpInput = { ...PHP_INPUT_DEFAULTS, ...options.phpInput };
		this.settings = {
			codeStyle: this.initialCodeStyle,
			authErrorStatus: options.authErrorStatus ?? 401,
		};
		this.portal = new Portal(options.secrets, {
			maxUploadBytes: options.maxUploadBytes,
			catalogDemo: options.catalogDemo,
			inventoryManagement: options.inventoryManagement,
		});
		this.oauth = new OAuthApp(() => this.baseUrl);
		this.server = new EmulatorServer({
			routes: [
				restRoute({
					portal: this.portal,
					oauth: this.oauth,
					registry: createMethodRegistry(),
					settings: this.settings,
					operating: this.operating,
					faults: this.faults,
					traffic: this.traffic,
					phpInput: this.phpInput,
					baseUrl: () => this.baseUrl,
				}),
				oauthRoute(this.oauth, this.settings, () => this.baseUrl),
				uploadRoute(this.portal),
			],
			log: this.log,
			faults: this.faults,
			settings: this.settings,
		});
	}

	static async start(options: EmulatorOptions = {}): Promise<Bitrix24Emulator> {
		const emulator = new Bitrix24Emulator(options);
		const host = options.host ?? '127.0.0.1';
		const port = await emulator.server.listen(options.port ?? 0, host);
		emulator.origin = `http://${urlHost(host)}:${port}`;
		emulator.portal.events.sender = {
			domain: `${urlHost(host)}:${port}`,
			memberId: emulator.oauth.memberId,
			clientEndpoint: `${emulator.origin}/rest/`,
			serverEndpoint: `${emulator.origin}/oauth/rest/`,
			appToken: emulator.oauth.applicationToken,
			accessToken: (userId) => {
				const tokens = emulator.oauth.issueTokens({ userId });
				return { token: tokens.access_token, expiresIn: tokens.expires_in, scope: tokens.scope };
			},
		};
		return emulator;
	}

	/** `http://127.0.0.1:PORT`, without a trailing slash. */
	get baseUrl(): string {
		return this.origin;
	}

	/** Largest image `catalog.productImage.add` accepts; `reset()` restores the start value. */
	get maxUploadBytes(): number {
		return this.portal.maxUploadBytes;
	}

	set maxUploadBytes(bytes: number) {
		this.portal.maxUploadBytes = bytes;
	}

	get webhooks(): Record<string, Webhook> {
		return this.portal.webhooks;
	}

	/** Event handlers: apps' `event.bind` bindings, outgoing webhooks, and the deliveries made. */
	get events(): EventHub {
		return this.portal.events;
	}

	/** Every request received, in order of arrival. */
	get requests(): RecordedRequest[] {
		return this.log.all;
	}

	webhookUrl(name = 'admin'): string {
		const hook = this.webhook(name);
		return `${this.baseUrl}/rest/${hook.userId}/${hook.secret}/`;
	}

	revokeWebhook(name: string): void {
		this.webhook(name).revoked = true;
	}

	/** Requests that called a REST method, optionally only `method` (any letter case). */
	restCalls(method?: string): RecordedRequest[] {
		return this.log.restCalls(method);
	}

	clearRequests(): void {
		this.log.clear();
	}

	setCodeStyle(style: CodeStyle): void {
		this.settings.codeStyle = style;
	}

	injectFault(fault: Fault): void {
		this.faults.add(fault);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	/** The portal's request-rate limit, or `null` (the default): none. */
	get rateLimit(): RateLimit | null {
		return this.traffic.bucket.limit;
	}

	/**
	 * Limits requests to `/rest/` like the portal (a leaky bucket, one for all callers): each adds
	 * 1 (a batch too), the counter drains `perSecond`, and a request arriving while it is above
	 * `burst` answers 503 QUERY_LIMIT_EXCEEDED. A new limit starts with an empty bucket.
	 */
	setRateLimit(limit: RateLimit | null): void {
		this.traffic.bucket.limit = limit;
	}

	/** Requests to `/rest/` and how many the rate limit refused, since start or `reset()`. */
	get stats(): RestStats {
		return { ...this.traffic.stats };
	}

	/**
	 * Operating seconds each call of `method` costs (`'*'`: every method without its own), counted
	 * per caller and shown in every answer's `time.operating`; nothing actually waits. A batch's
	 * commands count to their own methods (each in the batch's `result_time`), not to `batch`.
	 */
	setProcessingTime(method: string, seconds: number): void {
		this.operating.setCost(method, seconds);
	}

	/**
	 * Turns the operating-time limit on (or off with `null`, the default). Every answer's `time`
	 * carries `operating` and `operating_reset_at` either way, as cloud portals write them (the reset
	 * a window ahead while no use is counted; uses count over 600 s without a limit); with a limit, a method that used
	 * more than `limitSeconds` within the last `windowSeconds` for a webhook or the OAuth app
	 * answers 429 OPERATION_TIME_LIMIT until the oldest use leaves the window.
	 */
	setOperatingLimit(limit: OperatingLimit | null): void {
		this.operating.limit = limit;
	}

	/** A real wait before each request to `/rest/` is handled (default 0), for benchmarks. */
	setLatency(ms: number): void {
		this.traffic.latencyMs = ms;
	}

	/**
	 * Back to the demo portal: data, webhooks, tokens, requests, faults, code style, upload limit,
	 * rate and operating limits, processing times, latency and stats; the port stays.
	 */
	reset(): void {
		this.settings.codeStyle = this.initialCodeStyle;
		this.portal.reset();
		this.oauth.reset();
		this.log.clear();
		this.faults.clear();
		this.traffic.reset();
		this.operating.reset();
	}

	stop(): Promise<void> {
		return this.server.close();
	}

	private webhook(name: string): Webhook {
		const hook = this.portal.webhooks[name];
		if (!hook) throw new Error(`No webhook named ${name}`);
		return hook;
	}
}
