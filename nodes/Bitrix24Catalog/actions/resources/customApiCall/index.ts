import type { OperationField, Resource } from '../../kit/resource';
import { ownFieldsOf } from '../../kit/resource';
import { callMethod } from './call.operation';

const operations = { call: callMethod };

// Named as n8n names its own, so that n8n adds no second "Custom API Call" beside it.
const operationField: OperationField<typeof operations> = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['customApiCall'] } },
	options: [
		{
			name: 'Custom API Call',
			value: 'call',
			description:
				"Call any catalog method with parameters as JSON, sent with the node's batching, limits and retries",
			action: 'Call a catalog method',
		},
	],
	default: 'call',
};

/**
 * Any `catalog.*` method, documented or not, through the node's transport: batched across
 * items, within the portal's limits, retried, and with the node's errors.
 */
export const customApiCall: Resource<typeof operations> = {
	name: 'Custom API Call',
	value: 'customApiCall',
	operations,
	customApiCall: true,
	description: [operationField, ...ownFieldsOf(Object.values(operations))],
};
