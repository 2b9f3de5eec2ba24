import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * The `auth_connector` ("source key") n8n's OAuth2 calls carry, so that the offline trigger's
 * Ignore Changes Made by n8n can leave them out of its queue (REST docs,
 * events/offline-events.md, "How to Avoid Cycles"). Bitrix24 skips a change for an offline
 * binding only when the call that made it came from the binding's application with the
 * binding's connector (`modules/rest/lib/event/provideroffline.php`, ProviderOffline::finalize):
 * every node using the same application agrees on this key without anyone typing it. It is made
 * from the application's Client ID, which is no secret (Bitrix24 shows it in every authorization
 * URL), hashed so that it stays short and says nothing of the credential.
 */
export function sourceKeyOf(credentials: ICredentialDataDecryptedObject): string {
	const clientId = String(credentials.applicationId ?? credentials.clientId ?? '').trim();
	return `n8n_${createHash('sha256').update(clientId).digest('hex').slice(0, 16)}`;
}
