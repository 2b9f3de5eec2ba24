/** This package's node types under the names n8n gives them once installed. */
export const NODE_TYPE = 'n8n-nodes-bitrix24-catalog.bitrix24Catalog';
export const TRIGGER_TYPE = 'n8n-nodes-bitrix24-catalog.bitrix24CatalogTrigger';
export const OFFLINE_TRIGGER_TYPE = 'n8n-nodes-bitrix24-catalog.bitrix24CatalogOfflineTrigger';
export const CHANGES_TRIGGER_TYPE = 'n8n-nodes-bitrix24-catalog.bitrix24CatalogChangesTrigger';
