import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { loadChoices } from '../actions/kit/fieldChoices';
import { DOCUMENT_TYPES } from '../actions/resources/inventoryDocument/spec';
import { callBitrix24 } from '../transport';
import { settingsOf } from './settings';

/** The portal's inventory document types (`catalog.enum.getStoreDocumentTypes`), for pickers. */
export async function getStoreDocumentTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const choices = await loadChoices(
		async (call) => await callBitrix24.call(this, call, settingsOf(this), 0),
		DOCUMENT_TYPES,
	);
	return choices.map(({ id, name }) => ({ name: `${name} (${id})`, value: id }));
}
