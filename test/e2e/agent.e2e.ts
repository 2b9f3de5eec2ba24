import type { IConnections, INode } from 'n8n-workflow';

import { DEMO_CATALOGS } from '../emulator/demoSeed';
import { locator } from '../harness/nodeInputs';
import { NODE_TYPE } from '../harness/typeNames';
import type { WorkflowNode } from './fixture';
import { catalogNode, useN8n, withN8nLog } from './fixture';
import type { ChatRequest, ModelScript, ScriptedReply } from './scriptedModel';
import { messageText, ScriptedModel } from './scriptedModel';

/**
 * n8n's AI Agent, its model an OpenAI Chat Model whose credential points at a scripted
 * OpenAI-compatible server, calls the Bitrix24 Catalog node as its tools: it finds a product by
 * XML ID, lists its images and deletes the second one, as a model would when asked to.
 */

const PROMPT = 'Remove the second image of the product with XML ID SKU-7';
const OPENAI_CREDENTIAL = { id: 'e2eOpenAiCred001', name: 'Scripted model (e2e)' };
const CATALOG = DEMO_CATALOGS[0].iblockId;

/** Tool names as n8n gives them: the node's name with spaces made underscores. */
const FIND = 'Find_product';
const LIST = 'List_images';
const DELETE = 'Delete_image';

/** A tool's result as the model reads it: the node's output items, as JSON. */
function toolResult(request: ChatRequest, index: number): Array<Record<string, unknown>> {
	const results = request.messages.filter((message) => message.role === 'tool');
	const parsed = JSON.parse(messageText(results[index])) as unknown;
	return (Array.isArray(parsed) ? parsed : [parsed]) as Array<Record<string, unknown>>;
}

/** What a model asked this prompt would do, step by step, reading each tool's answer. */
const script: ModelScript = (request): ScriptedReply => {
	const done = request.messages.filter((message) => message.role === 'tool').length;
	if (done === 0) return { toolCalls: [{ name: FIND, args: { xmlId: 'SKU-7' } }] };
	const productId = Number(toolResult(request, 0)[0].id);
	if (done === 1) return { toolCalls: [{ name: LIST, args: { productId: String(productId) } }] };
	if (done === 2) {
		const second = toolResult(request, 1)[1];
		return {
			toolCalls: [
				{ name: DELETE, args: { productId: String(productId), imageId: String(second.id) } },
			],
		};
	}
	const answer = toolResult(request, 2)[0];
	return {
		text:
			answer.result === true
				? `Done: I removed the second image of product ${productId} (SKU-7).`
				: `The image could not be removed: ${JSON.stringify(answer)}`,
	};
};

const fromAi = (key: string, description: string) =>
	`={{ $fromAI('${key}', '${description}', 'string') }}`;

/** The agent's workflow: a manual start, the agent, its model and three catalog tools. */
function agentWorkflow(id: string) {
	const tool = (name: string, parameters: Record<string, unknown>): WorkflowNode => ({
		...catalogNode(name, { authentication: 'webhook', ...parameters }),
		type: `${NODE_TYPE}Tool`,
	});
	const steps: WorkflowNode[] = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		{
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			// Version 3 exists in both n8n lines (1.123 and 2.x).
			typeVersion: 3,
			parameters: { promptType: 'define', text: PROMPT, options: {} },
		},
		{
			name: 'OpenAI Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			// 1.2: chat completions (1.3 defaults to the Responses API).
			typeVersion: 1.2,
			parameters: { model: locator('gpt-4o-mini', 'list'), options: {} },
			credentials: { openAiApi: OPENAI_CREDENTIAL },
		},
		tool('Find product', {
			resource: 'product',
			operation: 'getMany',
			iblockId: locator(String(CATALOG), 'id'),
			returnAll: false,
			limit: 5,
			filters: {
				conditions: [
					{
						field: 'xmlId',
						operator: 'equals',
						value: fromAi('xmlId', 'The XML ID of the product to find'),
					},
				],
			},
			listOptions: { select: ['id', 'iblockId', 'name', 'xmlId'] },
		}),
		tool('List images', {
			resource: 'productImage',
			operation: 'getMany',
			productId: locator(fromAi('productId', 'The ID of the product'), 'id'),
			returnAll: true,
		}),
		tool('Delete image', {
			resource: 'productImage',
			operation: 'delete',
			productId: locator(fromAi('productId', 'The ID of the product'), 'id'),
			imageId: locator(fromAi('imageId', 'The ID of the image to delete'), 'id'),
		}),
	];
	const nodes: INode[] = steps.map((node, index) => ({
		...node,
		id: `${id}-${index}`,
		position: [index * 200, index > 1 ? 240 : 0],
	}));
	const to = (type: string) => [[{ node: 'AI Agent', type, index: 0 }]];
	const connections: IConnections = {
		Start: { main: to('main') },
		'OpenAI Chat Model': { ai_languageModel: to('ai_languageModel') },
		'Find product': { ai_tool: to('ai_tool') },
		'List images': { ai_tool: to('ai_tool') },
		'Delete image': { ai_tool: to('ai_tool') },
	} as IConnections;
	return { id, name: 'Agent removes an image', active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

describe('n8n AI Agent: the node as its tools', () => {
	const context = useN8n(5724);
	let model: ScriptedModel;
	let productId = 0;
	let imageIds: number[] = [];

	beforeAll(async () => {
		model = await ScriptedModel.start(script);
		const { portal } = context.emulator;
		// A product the demo lacks, its XML ID the one asked for, with three gallery images.
		const product = portal.addProduct({
			iblockId: CATALOG,
			name: 'Desk lamp',
			fields: { xmlId: 'SKU-7' },
		});
		productId = product.id;
		imageIds = [1, 2, 3].map((n) => portal.addImage(productId, { name: `lamp-${n}.png` }).id);
		await context.n8n.importCredentials([
			{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-scripted', url: model.baseUrl } },
		]);
		await context.n8n.importWorkflows([agentWorkflow('e2eAgentImage')]);
	});

	afterAll(async () => {
		await model?.stop();
	});

	it('finds the product by XML ID, lists its images and deletes the second one', async () => {
		const { emulator, n8n } = context;
		emulator.clearRequests();
		const stored = await withN8nLog(context, async () => {
			const { code, output } = await n8n.execute('e2eAgentImage');
			expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
			return await n8n.finishedExecution('e2eAgentImage');
		});
		expect(stored.status).toBe('success');

		// The portal: the second image gone, the others kept.
		expect(emulator.portal.imagesOf(productId).map((image) => image.id)).toEqual([
			imageIds[0],
			imageIds[2],
		]);
		// What the three tools sent: a fast, ID-ordered read by XML ID; the list; one delete.
		expect(emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
			['catalog.catalog.isOffers', { id: CATALOG }],
			['catalog.product.getFieldsByFilter', { filter: { iblockId: CATALOG, productType: 1 } }],
			[
				'catalog.product.list',
				{
					filter: { '=xmlId': 'SKU-7', '>id': 0, iblockId: CATALOG },
					order: { id: 'ASC' },
					select: ['id', 'iblockId', 'name', 'xmlId'],
					start: -1,
				},
			],
			[
				'catalog.productImage.list',
				{ productId, select: ['id', 'name', 'productId', 'type', 'createTime', 'detailUrl'] },
			],
			['catalog.productImage.delete', { productId, id: imageIds[1] }],
		]);

		// The agent's answer, from the model's last reply.
		const runData = stored.data.resultData.runData as Record<
			string,
			Array<{ data: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
		>;
		expect(runData['AI Agent'][0].data.main[0][0].json.output).toBe(
			`Done: I removed the second image of product ${productId} (SKU-7).`,
		);

		// The model was asked four times, each time offered the three tools with their schemas.
		expect(model.requests).toHaveLength(4);
		expect(messageText(model.requests[0].messages.find((m) => m.role === 'user')!)).toBe(PROMPT);
		const tools = model.requests[0].tools!.map(({ function: { name, parameters } }) => ({
			name,
			properties: parameters.properties,
			required: parameters.required,
		}));
		const text = (description: string) => ({ type: 'string', description });
		expect(tools).toEqual(
			expect.arrayContaining([
				{
					name: FIND,
					properties: { xmlId: text('The XML ID of the product to find') },
					required: ['xmlId'],
				},
				{ name: LIST, properties: { productId: text('The ID of the product') }, required: ['productId'] },
				{
					name: DELETE,
					properties: {
						productId: text('The ID of the product'),
						imageId: text('The ID of the image to delete'),
					},
					required: ['productId', 'imageId'],
				},
			]),
		);
		expect(tools).toHaveLength(3);
		for (const request of model.requests) expect(request.tools).toEqual(model.requests[0].tools);

		// What each tool answered the model: the found product, its images, the delete's result.
		const last = model.requests[3];
		expect(toolResult(last, 0)).toEqual([
			expect.objectContaining({ id: productId, xmlId: 'SKU-7', name: 'Desk lamp' }),
		]);
		expect(toolResult(last, 1).map((image) => image.id)).toEqual(imageIds);
		expect(toolResult(last, 2)).toEqual([{ result: true }]);
	});
});
