import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * In a webhook, n8n builds an expression sandbox (an isolate, under its default engine) for every
 * credential read (credentials-helper.ts, applyDefaultsAndOverwrites): the trigger reads its
 * credential to check an event's token, and twice more to read the product (for the portal's
 * address, and to sign the request). In a burst, the reads of the webhook credential that start
 * while one is under way, for this trigger and credential, share that one. Nothing is kept once
 * it is done: a read that starts later reads the credential again, so a token or URL changed
 * there is honoured from the next read on. OAuth2 credentials are read as n8n does, as n8n
 * refreshes their tokens.
 */
const readsUnderWay = new Map<string, Promise<ICredentialDataDecryptedObject>>();

const SHARED_TYPE = 'bitrix24WebhookApi';

async function sharedRead(
	context: IWebhookFunctions,
	type: string,
): Promise<ICredentialDataDecryptedObject> {
	const node = context.getNode();
	const key = JSON.stringify([
		context.getWorkflow().id,
		node.name,
		type,
		node.credentials?.[type]?.id ?? '',
	]);
	let read = readsUnderWay.get(key);
	if (!read) {
		read = context.getCredentials(type);
		readsUnderWay.set(key, read);
		const done = () => readsUnderWay.delete(key);
		read.then(done, done);
	}
	// Each reader gets its own copy: n8n may add to the object it is given.
	return { ...(await read) };
}

/** The webhook's context, its reads of the webhook credential shared as said above. */
export function sharingCredentialReads(context: IWebhookFunctions): IWebhookFunctions {
	const getCredentials = async (type: string) =>
		type === SHARED_TYPE ? await sharedRead(context, type) : await context.getCredentials(type);
	return new Proxy(context, {
		get(target, property) {
			if (property === 'getCredentials') return getCredentials;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
}
