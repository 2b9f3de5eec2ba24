export type ErrorCode = string | number;

/**
 * Portals answer numeric codes either as JSON numbers or as strings; clients must cope with both.
 * `documented` (the default) follows each method family's pages; `number` and `string` force one.
 */
export type CodeStyle = 'documented' | 'number' | 'string';

/**
 * Families whose pages show codes as strings (`"error": "0"`): documents and their goods,
 * contractors and user fields, product properties and their values, features and sections.
 * The product, section, price, store, measure, VAT and catalog pages show numbers.
 */
const STRING_CODE_FAMILIES =
	/^catalog\.(document|documentcontractor|userfield|productproperty\w*)\./i;

/** The status a portal gives to the auth errors that the docs and the server disagree on. */
export type AuthErrorStatus = 401 | 403;

/** How this portal renders errors; shared by reference so tests can switch it at any time. */
export interface ErrorSettings {
	codeStyle: CodeStyle;
	authErrorStatus: AuthErrorStatus;
}

/** A Bitrix24 error answer: thrown by handlers, rendered as `{"error", "error_description"}`. */
export class Bitrix24Error extends Error {
	/** The method that answered it, once the invocation knows (it decides the code's JSON type). */
	method?: string;

	constructor(
		readonly status: number,
		readonly code: ErrorCode,
		readonly description: string,
	) {
		super(description);
		this.name = 'Bitrix24Error';
	}
}

/** System errors any method may answer (REST docs, `_includes/system-errors.md`). */
export const SYSTEM_ERRORS = {
	INTERNAL_SERVER_ERROR: { status: 500, description: 'Internal server error' },
	ERROR_UNEXPECTED_ANSWER: { status: 500, description: 'Server returned an unexpected response' },
	QUERY_LIMIT_EXCEEDED: { status: 503, description: 'Too many requests' },
	OPERATION_TIME_LIMIT: {
		status: 429,
		description: 'Method is blocked due to operation time limit',
	},
	ERROR_BATCH_METHOD_NOT_ALLOWED: {
		status: 405,
		description: 'Method is not allowed for batch usage',
	},
	ERROR_BATCH_LENGTH_EXCEEDED: { status: 400, description: 'Max batch length exceeded' },
	NO_AUTH_FOUND: { status: 401, description: 'Wrong authorization data' },
	INVALID_REQUEST: { status: 400, description: 'Https required' },
	OVERLOAD_LIMIT: { status: 503, description: 'REST API is blocked due to overload' },
	ACCESS_DENIED: { status: 403, description: 'REST API is available only on commercial plans' },
	INVALID_CREDENTIALS: { status: 403, description: 'Invalid request credentials' },
	insufficient_scope: {
		status: 403,
		description: 'The request requires higher privileges than provided by the webhook token',
	},
	// The docs' table drops the final period; live portals send it.
	expired_token: { status: 401, description: 'The access token provided has expired.' },
	// Not in the docs' table: what a portal answers to a token it never issued.
	invalid_token: { status: 401, description: 'Unable to get application by token' },
	user_access_error: {
		status: 403,
		description: 'The user does not have access to the application',
	},
	PORTAL_DELETED: { status: 500, description: 'Portal was deleted' },
	ERROR_METHOD_NOT_FOUND: { status: 404, description: 'Method not found!' },
	WRONG_AUTH_TYPE: {
		status: 403,
		description: 'Current authorization type is denied for this method',
	},
} as const;

export type SystemErrorCode = keyof typeof SYSTEM_ERRORS;

// The docs list these as 403, the server source answers 401: the emulator answers what it is told to.
const AUTH_STATUS_DISPUTED: ReadonlySet<SystemErrorCode> = new Set<SystemErrorCode>([
	'INVALID_CREDENTIALS',
	'insufficient_scope',
]);

export function systemError(code: SystemErrorCode, settings: ErrorSettings): Bitrix24Error {
	const { status, description } = SYSTEM_ERRORS[code];
	return new Bitrix24Error(
		AUTH_STATUS_DISPUTED.has(code) ? settings.authErrorStatus : status,
		code,
		description,
	);
}

export function isSystemErrorCode(code: unknown): code is SystemErrorCode {
	return typeof code === 'string' && Object.prototype.hasOwnProperty.call(SYSTEM_ERRORS, code);
}

function isNumericCode(code: ErrorCode): boolean {
	return typeof code === 'number' || /^\d+$/.test(code);
}

/** Numeric codes follow the code style; symbolic codes (`QUERY_LIMIT_EXCEEDED`) are always strings. */
export function renderCode(code: ErrorCode, style: CodeStyle, method = ''): ErrorCode {
	if (!isNumericCode(code)) return code;
	const asText = style === 'documented' ? STRING_CODE_FAMILIES.test(method) : style === 'string';
	return asText ? String(code) : Number(code);
}

export function errorBody(
	error: Bitrix24Error,
	style: CodeStyle,
): { error: ErrorCode; error_description: string } {
	return {
		error: renderCode(error.code, style, error.method),
		error_description: error.description,
	};
}
