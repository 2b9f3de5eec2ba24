import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentials } from './authentication';
import { changesProperties } from './changes/description';
import { pollChanges } from './changes/pollChanges';
import { methods } from './methods';

/**
 * Changes Bitrix24 sends no event for (stock, sections, inventory documents), and products for
 * an n8n that Bitrix24 cannot reach: polled, with either credential.
 */
export class Bitrix24CatalogChangesTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bitrix24 Catalog Changes Trigger',
		name: 'bitrix24CatalogChangesTrigger',
		icon: { light: 'file:bitrix24.svg', dark: 'file:bitrix24.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Watch: " + $parameter["watch"] }}',
		description:
			'Starts a workflow when stock, sections, inventory documents or products change in the Bitrix24 catalog, by polling: no public n8n URL needed',
		defaults: { name: 'Bitrix24 Catalog Changes Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		properties: changesProperties,
	};

	methods = {
		listSearch: { searchCatalogs: methods.listSearch.searchCatalogs },
		loadOptions: { getStoreDocumentTypes: methods.loadOptions.getStoreDocumentTypes },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollChanges(this);
	}
}
