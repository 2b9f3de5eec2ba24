import type { INodeProperties, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { Bitrix24Catalog } from '../../nodes/Bitrix24Catalog/Bitrix24Catalog.node';
import { operationSubtitle } from '../../nodes/Bitrix24Catalog/helpers/subtitle';
import { testNode } from '../harness/runNode';

const catalogNode = new Bitrix24Catalog();

/**
 * The subtitle as the editor's canvas shows it: n8n's expression engine on the node's parameters
 * (`$parameter` holds only the fields the node type shows for them).
 */
function canvasSubtitle(
	parameters: Record<string, string>,
	nodeType: INodeType = catalogNode,
): unknown {
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node = testNode(parameters, []);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		node,
		nodeType.description.subtitle!,
		'internal',
		{},
	);
}

describe('the canvas subtitle', () => {
	it.each([
		['upload', 'Upload: Product Image'],
		['get', 'Get: Product Image'],
		['getMany', 'Get Many: Product Image'],
		['download', 'Download: Product Image'],
		['getFields', 'Get Fields: Product Image'],
		['delete', 'Delete: Product Image'],
		['deleteAll', 'Delete All: Product Image'],
	])('names operation %p as the panel does: %p', (operation, shown) => {
		expect(canvasSubtitle({ resource: 'productImage', operation })).toBe(shown);
	});

	it('says an operation named as its resource once', () => {
		expect(canvasSubtitle({ resource: 'customApiCall', operation: 'call' })).toBe(
			'Custom API Call',
		);
	});

	it('shows a value its fields do not list as it is', () => {
		expect(canvasSubtitle({ resource: 'productImage', operation: 'archive' })).toBe(
			'archive: Product Image',
		);
	});

	it('takes a new resource and its operations from the fields alone', () => {
		const fields: INodeProperties[] = [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				options: [
					{ name: 'Product Image', value: 'productImage' },
					{ name: 'Price Type', value: 'priceType' },
				],
				default: 'productImage',
			},
			...['productImage', 'priceType'].map(
				(resource): INodeProperties => ({
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					displayOptions: { show: { resource: [resource] } },
					options: [{ name: resource === 'priceType' ? 'Get Many' : 'Get', value: 'get' }],
					default: 'get',
				}),
			),
		];
		const nodeType: INodeType = {
			description: {
				...catalogNode.description,
				properties: fields,
				subtitle: operationSubtitle(fields),
			},
		};
		expect(canvasSubtitle({ resource: 'priceType', operation: 'get' }, nodeType)).toBe(
			'Get Many: Price Type',
		);
		expect(canvasSubtitle({ resource: 'productImage', operation: 'get' }, nodeType)).toBe(
			'Get: Product Image',
		);
	});
});
