import { isObject } from './isObject';

/** Webhook secrets sit in URL paths and OAuth tokens in query strings: mask both in any text we pass on. */
export function redactSecrets(text: string): string {
	return text
		.replace(/(\/rest\/\d+\/)[A-Za-z0-9_]+/g, '$1***')
		.replace(/((?:auth|access_token|refresh_token)=)[^&\s"']+/gi, '$1***')
		.replace(/(Bearer\s+)[^\s"']+/gi, '$1***');
}

/**
 * `value` with the caller's credentials (a webhook's secret, an access token) masked in its
 * strings: in every string, or with `keys`, in those under these keys only (a file's `url`).
 * Objects and lists are copied only where something was masked: most of a record holds no secret.
 */
export function withoutSecrets(
	value: unknown,
	keys?: ReadonlySet<string>,
	masking = keys === undefined,
): unknown {
	if (typeof value === 'string') return masking ? redactSecrets(value) : value;
	if (Array.isArray(value)) {
		const masked = value.map((entry) => withoutSecrets(entry, keys, masking));
		return masked.some((entry, index) => entry !== value[index]) ? masked : value;
	}
	if (!isObject(value)) return value;
	let copy: Record<string, unknown> | undefined;
	for (const [key, entry] of Object.entries(value)) {
		const masked = withoutSecrets(entry, keys, masking || (keys?.has(key) ?? true));
		if (masked !== entry) (copy ??= { ...value })[key] = masked;
	}
	return copy ?? value;
}
