import { Workflow } from 'n8n-workflow';

import { Bitrix24CatalogOfflineTrigger } from '../../nodes/Bitrix24Catalog/Bitrix24CatalogOfflineTrigger.node';
import { bareNode as node } from '../harness/nodeInputs';
import { nodeTypes } from '../harness/nodeTypes';
import { OFFLINE_TRIGGER_TYPE, TRIGGER_TYPE } from '../harness/typeNames';

describe('the offline trigger is a node of its own', () => {
	it('is the only one of the two triggers n8n schedules as a poller', () => {
		const workflow = new Workflow({
			nodes: [node('Webhook trigger', TRIGGER_TYPE), node('Offline trigger', OFFLINE_TRIGGER_TYPE)],
			connections: {},
			active: true,
			nodeTypes,
		});
		// n8n asks whether a node type has a poll method, not what its parameters say.
		expect(workflow.getPollNodes().map(({ name }) => name)).toEqual(['Offline trigger']);
		expect(workflow.getTriggerNodes()).toEqual([]);
	});

	it('polls with the OAuth2 credential only, has no webhooks and is no AI tool', () => {
		const { description } = new Bitrix24CatalogOfflineTrigger();
		expect(description.polling).toBe(true);
		expect(description.webhooks).toBeUndefined();
		expect(description.usableAsTool).toBeUndefined();
		expect(description.credentials).toEqual([{ name: 'bitrix24OAuth2Api', required: true }]);
		expect(description.properties.map(({ name }) => name)).toEqual([
			'offlineNotice',
			'events',
			'ignoreOwnChanges',
			'includeProduct',
			'productFields',
		]);
	});
});
