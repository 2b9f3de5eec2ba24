import type { INodeProperties } from 'n8n-workflow';

/**
 * The credential setting for queue mode: each n8n worker keeps its own limiter, so the workers
 * that share a portal each take their part of its limit.
 */
export const PROCESSES_SETTING: INodeProperties = {
	// n8n writes its own name in lower case, also in titles.
	// eslint-disable-next-line n8n-nodes-base/node-param-display-name-miscased
	displayName: 'n8n Processes Sharing This Portal',
	name: 'processes',
	type: 'number',
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: 1,
	description:
		"How many n8n processes call this portal at the same time. Keep 1 for a single n8n. In queue mode with N workers, set N: each process then uses 1/N of the portal's request rate and burst, so that together they stay within Bitrix24's limit.",
};
