import type { Failure } from 'n8n-workflow';

/** What a Bitrix24 error code means to the person running the workflow, and what to do about it. */
export interface ErrorAdvice {
	hint: string;
	failure?: Failure;
}

const RECONNECT: Failure = { cause: 'credential-invalid' };

const SCOPE_HINT =
	'The webhook or app lacks the "catalog" scope. In Bitrix24 open Developer resources → Integrations, ' +
	'edit the webhook (or the app), tick "Trade catalog (catalog)", save, and try again.';

const SERVER_FAILED: ErrorAdvice = {
	hint: 'Bitrix24 failed while handling the request. Run again; if it keeps failing, contact Bitrix24 support.',
	failure: { cause: 'temporarily-unavailable' },
};

const ADVICE_BY_CODE: Record<string, ErrorAdvice> = {
	'200040300020': {
		hint:
			'The Bitrix24 user behind this credential may not modify the product catalog or this product. ' +
			'Grant that user catalog edit rights (CRM → Settings → Access permissions → Trade catalog), ' +
			'or use a webhook or app created by a user who has them.',
		failure: { cause: 'configuration-invalid' },
	},
	'200040300010': {
		hint:
			'The Bitrix24 user behind this credential may not view the product catalog. ' +
			'Grant that user catalog read rights (CRM → Settings → Access permissions → Trade catalog).',
		failure: { cause: 'configuration-invalid' },
	},
	'100': {
		hint: 'Bitrix24 did not accept a parameter: it is missing, empty or of the wrong type. Check the Product ID and Image ID fields.',
	},
	INVALID_CREDENTIALS: {
		hint:
			'Bitrix24 does not accept this webhook: it was deleted or disabled, or the URL in the credential is not the one Bitrix24 shows. ' +
			'Copy the URL again from Developer resources → Integrations → your inbound webhook, and update the credential.',
		failure: RECONNECT,
	},
	NO_AUTH_FOUND: {
		hint: 'Bitrix24 found no valid authorization in the request. Reconnect the credential (for OAuth2, click "Reconnect" in the credential).',
		failure: RECONNECT,
	},
	invalid_token: {
		hint: 'Bitrix24 does not recognise the access token. Reconnect the OAuth2 credential.',
		failure: RECONNECT,
	},
	expired_token: {
		hint: 'The access token expired and could not be refreshed. Reconnect the OAuth2 credential.',
		failure: RECONNECT,
	},
	insufficient_scope: { hint: SCOPE_HINT, failure: RECONNECT },
	user_access_error: {
		hint: 'The Bitrix24 user who connected this credential has no access to the application. Ask the portal administrator to grant it, or reconnect as another user.',
		failure: RECONNECT,
	},
	QUERY_LIMIT_EXCEEDED: {
		hint:
			'Bitrix24 received too many requests from this address (a cloud portal allows a burst of 50, then 2 per second; Enterprise 250, then 5). ' +
			'Wait a few seconds and run again, or turn on "Retry On Fail" in the node settings.',
		failure: { cause: 'rate-limited', retryAfterMs: 1000 },
	},
	OPERATION_TIME_LIMIT: {
		hint: 'This method used up its operating-time budget on the portal (10-minute window). Wait a few minutes and run again.',
		failure: { cause: 'quota-exhausted' },
	},
	OVERLOAD_LIMIT: {
		hint: 'Bitrix24 blocked the REST API on this portal because of overload. Wait and run again later.',
		failure: { cause: 'temporarily-unavailable' },
	},
	INTERNAL_SERVER_ERROR: SERVER_FAILED,
	ERROR_UNEXPECTED_ANSWER: SERVER_FAILED,
	ERROR_METHOD_NOT_FOUND: {
		hint:
			'The portal does not know this method. Usually the webhook URL in the credential is wrong ' +
			'(it must end in /rest/{user ID}/{secret}/), or the portal has no trade catalog.',
		failure: { cause: 'configuration-invalid' },
	},
	ACCESS_DENIED: {
		hint: "The portal's plan does not include the REST API (it is available on commercial plans).",
		failure: { cause: 'configuration-invalid' },
	},
	INVALID_REQUEST: {
		hint: 'Bitrix24 requires HTTPS. Use an https:// address in the credential.',
		failure: { cause: 'configuration-invalid' },
	},
	WRONG_AUTH_TYPE: {
		hint: 'This method cannot be called with this credential type (for example, webhooks cannot subscribe to events). Use the OAuth2 credential.',
		failure: { cause: 'configuration-invalid' },
	},
	PORTAL_DELETED: {
		hint: 'The Bitrix24 portal was deleted. Check the portal address in the credential.',
		failure: { cause: 'configuration-invalid' },
	},
};

/** Code 0 covers many failures; its text tells them apart. */
const ADVICE_BY_CODE_0_TEXT: Array<[RegExp, ErrorAdvice]> = [
	[
		/image does not exist/i,
		{
			hint: 'No image with this Image ID belongs to this product: it may have been deleted already. Check both IDs.',
			failure: { cause: 'configuration-invalid' },
		},
	],
	[
		/product was not found|empty productid/i,
		{
			hint: 'No product, variation or service has this Product ID. Check the ID in Bitrix24 (it is in the product page URL).',
			failure: { cause: 'configuration-invalid' },
		},
	],
];

const FALLBACK: ErrorAdvice = {
	hint: 'Bitrix24 refused the request. The code and text above are what the portal said.',
};

export function adviceFor(code: string, description: string): ErrorAdvice {
	if (code === '0') {
		const match = ADVICE_BY_CODE_0_TEXT.find(([pattern]) => pattern.test(description));
		if (match) return match[1];
	}
	return ADVICE_BY_CODE[code] ?? FALLBACK;
}
