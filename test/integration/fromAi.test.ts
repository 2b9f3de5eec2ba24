import type { INodeParameters } from 'n8n-workflow';

import { credentialsFor, locator, mapped } from '../harness/nodeInputs';
import { runNode } from '../harness/runNode';
import { deleteBodies, runDelete, usePortal } from './fixtures';

/**
 * The node as an AI agent's tool: parameters the agent fills with `$fromAI()` are resolved when
 * the tool runs, from the arguments of the agent's call, and checked like any other input; a bad
 * value comes back to the agent as the node's own error, and nothing is sent.
 */

const fromAi = (key: string, description: string, type = 'string') =>
	`={{ $fromAI('${key}', '${description}', '${type}') }}`;

const PRODUCT_ID = fromAi('productId', 'The ID of the product');
const IMAGE_ID = fromAi('imageId', 'The ID of the image to delete');

describe('parameters an AI agent fills with $fromAI', () => {
	const portal = usePortal({ catalogDemo: true });

	/** Product Image → Delete as a tool, called with `args`. */
	const deleteAsTool = async (args: Record<string, unknown>) =>
		await runDelete(portal.emulator, 'webhook', PRODUCT_ID, IMAGE_ID, { toolCall: args });

	it("deletes the image the agent's call names, and hands the agent the result", async () => {
		const { toolOutput, error } = await deleteAsTool({ productId: '101', imageId: '1002' });
		expect(error).toBeUndefined();
		expect(toolOutput).toEqual([{ json: { result: true }, pairedItem: { item: 0 } }]);
		expect(deleteBodies(portal.emulator)).toEqual([{ productId: 101, id: 1002 }]);
		expect(portal.emulator.portal.image(1002)).toBeUndefined();
	});

	it.each([
		[{ productId: 'abc', imageId: '1002' }, 'Product ID must be a number, but got "abc" [item 0]'],
		[{ productId: '0', imageId: '1002' }, 'Product ID must be 1 or greater, but got 0 [item 0]'],
		[{ productId: '101', imageId: '' }, 'Image ID is empty [item 0]'],
		[{ productId: '101', imageId: '10.5' }, 'Image ID must be a whole number, but got 10.5 [item 0]'],
		[{ productId: '101' }, 'Image ID is empty [item 0]'],
	])('answers the agent with the same error as for any input when called with %j, sending nothing', async (args, message) => {
		// The same value from an ordinary expression, outside an agent: the error the agent must get.
		const plain = await runDelete(portal.emulator, 'webhook', '={{ $json.productId }}', '={{ $json.imageId }}', {
			items: [args],
		});
		expect(plain.error?.message).toBe(message);

		// n8n hands a failed tool's error message to the agent as the tool's answer.
		const { toolOutput } = await deleteAsTool(args);
		expect(toolOutput).toEqual([{ json: { error: message } }]);
		expect(portal.emulator.requests).toEqual([]);
		expect(portal.emulator.portal.imagesOf(101)).toHaveLength(4);
	});

	/** Product → Create as a tool: the name and the sort order from the agent. */
	const createAsTool = async (args: Record<string, unknown>) =>
		await runNode({
			parameters: {
				authentication: 'webhook',
				resource: 'product',
				operation: 'create',
				productKind: 'product',
				iblockId: locator('23'),
				fields: mapped(
					{
						name: fromAi('name', 'The name of the new product'),
						sort: fromAi('sort', 'Its sort order', 'number'),
					},
					{ sort: 'number' },
				),
			} as INodeParameters,
			credentials: credentialsFor(portal.emulator, 'webhook'),
			toolCall: args,
		});

	it('creates a product named as the agent says', async () => {
		const { toolOutput } = await createAsTool({ name: 'Desk lamp', sort: 300 });
		const [created] = toolOutput.map(({ json }) => json);
		expect(created).toMatchObject({ name: 'Desk lamp', sort: 300, iblockId: 23 });
		expect(portal.emulator.restCalls('catalog.product.add').map((call) => call.params)).toEqual([
			{ fields: { name: 'Desk lamp', sort: 300, iblockId: 23 } },
		]);
	});

	it('refuses a sort order that is not a number, creating nothing', async () => {
		const { toolOutput } = await createAsTool({ name: 'Desk lamp', sort: 'first' });
		expect(toolOutput).toEqual([
			{ json: { error: 'Fields → sort must be a whole number, but got "first" [item 0]' } },
		]);
		expect(portal.emulator.restCalls('catalog.product.add')).toEqual([]);
	});

	/** Product → Get Many as a tool: the filter's field and value, and the fields, from the agent. */
	const listAsTool = async (args: Record<string, unknown>) =>
		await runNode({
			parameters: {
				authentication: 'webhook',
				resource: 'product',
				operation: 'getMany',
				iblockId: locator('23'),
				returnAll: false,
				limit: 5,
				filters: {
					conditions: [
						{
							field: fromAi('field', 'The product field to filter on'),
							operator: 'equals',
							value: fromAi('value', 'The value the field must equal'),
						},
					],
				},
				listOptions: { select: fromAi('fields', 'The fields to return', 'json') },
			} as INodeParameters,
			credentials: credentialsFor(portal.emulator, 'webhook'),
			toolCall: args,
		});

	it('filters by the field and value the agent names, returning the fields it asks for', async () => {
		const { emulator } = portal;
		const { id } = emulator.portal.addProduct({ iblockId: 23, name: 'Desk lamp', fields: { xmlId: 'SKU-7' } });
		const { toolOutput, error } = await listAsTool({
			field: 'xmlId',
			value: 'SKU-7',
			fields: ['id', 'name', 'xmlId'],
		});
		expect(error).toBeUndefined();
		expect(toolOutput.map(({ json }) => json)).toEqual([{ id, iblockId: 23, name: 'Desk lamp', xmlId: 'SKU-7' }]);
		const list = emulator.restCalls('catalog.product.list').map((call) => call.params);
		expect(list).toEqual([
			{
				filter: { '=xmlId': 'SKU-7', '>id': 0, iblockId: 23 },
				order: { id: 'ASC' },
				select: ['id', 'iblockId', 'name', 'xmlId'],
				start: -1,
			},
		]);
	});

	it.each([
		[
			{ field: 'xmlid', value: 'SKU-7', fields: ['id'] },
			'Filters: xmlid is not a product field; nearest: xmlId [item 0]',
		],
		[
			{ field: 'xmlId', value: 'SKU-7', fields: ['id', 'nmae'] },
			'List Options → Fields: nmae is not a product field; nearest: name [item 0]',
		],
	])('refuses a field name the catalog does not have (%j) before listing', async (args, message) => {
		const { toolOutput } = await listAsTool(args);
		expect(toolOutput).toEqual([{ json: { error: message } }]);
		// Only the catalog's fields were read, to check the names against.
		expect(portal.emulator.restCalls('catalog.product.list')).toEqual([]);
	});
});
