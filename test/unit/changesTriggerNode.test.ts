import { Workflow } from 'n8n-workflow';

import { Bitrix24CatalogChangesTrigger } from '../../nodes/Bitrix24Catalog/Bitrix24CatalogChangesTrigger.node';
import { bareNode as node } from '../harness/nodeInputs';
import { nodeTypes } from '../harness/nodeTypes';
import { CHANGES_TRIGGER_TYPE, OFFLINE_TRIGGER_TYPE, TRIGGER_TYPE } from '../harness/typeNames';

/** The Changes Trigger as n8n sees it: a poller of its own, with either credential. */

describe('the changes trigger is a polling node of its own', () => {
	it('is scheduled as a poller beside the offline trigger, the webhook trigger not', () => {
		const workflow = new Workflow({
			nodes: [
				node('Webhook trigger', TRIGGER_TYPE),
				node('Offline trigger', OFFLINE_TRIGGER_TYPE),
				node('Changes trigger', CHANGES_TRIGGER_TYPE),
			],
			connections: {},
			active: true,
			nodeTypes,
		});
		expect(workflow.getPollNodes().map(({ name }) => name)).toEqual([
			'Offline trigger',
			'Changes trigger',
		]);
	});

	it('polls with either credential, has no webhooks and is no AI tool', () => {
		const { description, methods } = new Bitrix24CatalogChangesTrigger();
		expect(description.polling).toBe(true);
		expect(description.webhooks).toBeUndefined();
		expect(description.usableAsTool).toBeUndefined();
		expect(description.credentials?.map(({ name }) => name)).toEqual([
			'bitrix24WebhookApi',
			'bitrix24OAuth2Api',
		]);
		const watch = description.properties.find(({ name }) => name === 'watch');
		expect(watch?.options?.map((option) => ('value' in option ? option.value : ''))).toEqual([
			'stock',
			'sections',
			'documents',
			'products',
		]);
		// Every picker a parameter names is served by the node.
		expect(Object.keys(methods.listSearch)).toEqual(['searchCatalogs']);
		expect(Object.keys(methods.loadOptions)).toEqual(['getStoreDocumentTypes']);
	});
});
