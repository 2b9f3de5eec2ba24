import type { ILoadOptionsFunctions } from 'n8n-workflow';

import type { Bitrix24Authentication, TransportSettings } from '../transport';
import { defaultSettings } from '../transport';

/** How the editor's pickers and field lists call the portal: the node's credential, default limits. */
export function settingsOf(context: ILoadOptionsFunctions): TransportSettings {
	return defaultSettings(
		context.getNodeParameter('authentication', 'webhook') as Bitrix24Authentication,
	);
}
