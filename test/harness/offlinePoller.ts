import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { Bitrix24Emulator } from '../emulator';
import { TestCredentialsHelper } from './credentialsHelper';
import { oauth2Credentials } from './nodeInputs';
import { Poller } from './poller';
import { OFFLINE_TRIGGER_TYPE } from './typeNames';

export const OFFLINE_NODE_NAME = 'Bitrix24 Catalog Offline Trigger';

/** The Offline Trigger with `parameters`, on an OAuth2 credential: the only kind it takes. */
export function offlineNode(parameters: INodeParameters): INode {
	return {
		id: '0f6f2a8e-1d0b-4a57-9b8e-3c2d1e0f9a01',
		name: OFFLINE_NODE_NAME,
		type: OFFLINE_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { bitrix24OAuth2Api: { id: 'oauth2-id', name: 'Bitrix24 OAuth2' } },
	};
}

/**
 * A poller for the Offline Trigger with `parameters`, on the OAuth2 credential of `userId` (1: an
 * administrator); `kept`: the static data n8n kept of the node.
 */
export function offlinePoller(
	emulator: Bitrix24Emulator,
	parameters: INodeParameters,
	{ userId = 1, kept }: { userId?: number; kept?: IDataObject } = {},
): Poller {
	const credentialsHelper = new TestCredentialsHelper();
	const [[type, data]] = Object.entries(oauth2Credentials(emulator));
	credentialsHelper.set(type, {
		...data,
		oauthTokenData: emulator.oauth.issueTokens({ userId }) as unknown as IDataObject,
	});
	return new Poller(credentialsHelper, offlineNode(parameters), kept && { [`node:${OFFLINE_NODE_NAME}`]: kept });
}
