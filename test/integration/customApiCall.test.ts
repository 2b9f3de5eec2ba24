import type { INodeParameters } from 'n8n-workflow';

import { CATALOG_METHODS } from '../../nodes/Bitrix24Catalog/bitrix24Api/methods';
import type { Authentication } from '../harness/nodeInputs';
import { runListSearch } from '../harness/listSearch';
import { AUTHENTICATIONS, credentialsFor, locator } from '../harness/nodeInputs';
import { onePixelPng } from '../emulator/png';
import { runNode } from '../harness/runNode';
import { batchCommands, usePortal } from './fixtures';

const SEEDED_MEASURES = 5;

describe.each(AUTHENTICATIONS)(
	'Custom API Call with %s credentials',
	(authentication: Authentication) => {
		const portal = usePortal();

		const run = (
			method: string | ReturnType<typeof locator>,
			parameters: unknown,
			items?: Array<Record<string, unknown>>,
			extra: INodeParameters = {},
			onError?: 'continueRegularOutput',
		) =>
			runNode({
				parameters: {
					authentication,
					resource: 'customApiCall',
					operation: 'call',
					method: typeof method === 'string' ? locator(method, 'list') : method,
					parameters,
					...extra,
				} as INodeParameters,
				credentials: credentialsFor(portal.emulator, authentication),
				items,
				onError,
			});
		const sentMethods = () => portal.emulator.restCalls().map((call) => call.restMethod);

		it('sends a method the parameters as JSON and outputs the answer with its total, without its time', async () => {
			const { output, error } = await run(
				'catalog.measure.list',
				'{"select": ["id", "code"], "filter": {"code": 796}}',
			);
			expect(error).toBeUndefined();
			expect(sentMethods()).toEqual(['catalog.measure.list']);
			expect(portal.emulator.restCalls()[0].params).toEqual({
				select: ['id', 'code'],
				filter: { code: 796 },
			});
			expect(output).toEqual([
				{
					json: { result: { measures: [{ id: 5, code: 796 }] }, total: 1 },
					pairedItem: { item: 0 },
				},
			]);
		});

		it('takes a method typed by name, and parameters an expression made as an object', async () => {
			const { output, error } = await run(
				locator(' catalog.measure.get ', 'name'),
				'={{ { id: $json.id } }}',
				[{ id: 2 }],
			);
			expect(error).toBeUndefined();
			expect(sentMethods()).toEqual(['catalog.measure.get']);
			expect(output[0].json).toEqual({
				result: { measure: expect.objectContaining({ id: 2, code: 112, measureTitle: 'Liter' }) },
			});
		});

		it("batches 60 items' calls into two requests, each answer paired with its item", async () => {
			const items = Array.from({ length: 60 }, (_, index) => ({ code: 1000 + index }));
			const { output, error } = await run(
				'catalog.measure.add',
				'={{ JSON.stringify({ fields: { code: $json.code, measureTitle: "Unit " + $json.code } }) }}',
				items,
			);
			expect(error).toBeUndefined();
			expect(sentMethods()).toEqual(['batch', 'batch']);
			expect(batchCommands(portal.emulator).map((commands) => commands.length)).toEqual([50, 10]);
			expect(batchCommands(portal.emulator)[0][0]).toBe(
				'catalog.measure.add?fields[code]=1000&fields[measureTitle]=Unit%201000',
			);
			expect(output.map(({ json, pairedItem }) => [json.result, pairedItem])).toEqual(
				items.map(({ code }, index) => [
					{ measure: expect.objectContaining({ code, measureTitle: `Unit ${code}` }) },
					{ item: index },
				]),
			);
		});

		it('sends a call whose parameters carry a file in a request of its own, never in a batch', async () => {
			const png = onePixelPng(9, 9, 9).toString('base64');
			const { output, error } = await run(
				'catalog.productImage.add',
				'={{ JSON.stringify({ fields: { productId: 101 }, fileContent: [$json.name, $json.png] }) }}',
				[
					{ name: 'a.png', png },
					{ name: 'b.png', png },
				],
			);
			expect(error).toBeUndefined();
			expect(sentMethods()).toEqual(['catalog.productImage.add', 'catalog.productImage.add']);
			expect(
				output.map(
					({ json }) => (json.result as { productImage: { name: string } }).productImage.name,
				),
			).toEqual(['a.png', 'b.png']);
		});

		it("outputs a list's next and total from a batch, and splits the list into items on request", async () => {
			await run(
				'catalog.measure.add',
				'={{ JSON.stringify({ fields: { code: $json.code, measureTitle: "Unit " + $json.code } }) }}',
				Array.from({ length: 50 }, (_, index) => ({ code: 1000 + index })),
			);
			const all = 50 + SEEDED_MEASURES;
			portal.emulator.clearRequests();
			const pages = await run(
				'catalog.measure.list',
				'={{ JSON.stringify({ start: $json.start }) }}',
				[{ start: 0 }, { start: 50 }],
			);
			expect(sentMethods()).toEqual(['batch']);
			expect(
				pages.output.map(({ json }) => [
					(json.result as { measures: unknown[] }).measures.length,
					json.total,
					json.next,
				]),
			).toEqual([
				[50, all, 50],
				[all - 50, all, undefined],
			]);
			expect(pages.output[1].json).not.toHaveProperty('next');

			const split = await run(
				'catalog.measure.list',
				'{"start": 50, "select": ["id"]}',
				undefined,
				{
					splitIntoItems: true,
				},
			);
			expect(split.output).toEqual(
				Array.from({ length: all - 50 }, (_, index) => ({
					json: { id: 51 + index },
					pairedItem: { item: 0 },
				})),
			);
		});

		it('refuses to split a result that holds no list, naming its keys', async () => {
			const { error } = await run('catalog.measure.getFields', '{}', undefined, {
				splitIntoItems: true,
			});
			expect(error).toMatchObject({
				message:
					'Bitrix24 answered catalog.measure.getFields with an unexpected result: result has keys: measure',
			});
		});

		it('sends one request per item with Batch Requests off', async () => {
			const { output } = await run('catalog.measure.getFields', '{}', [{}, {}, {}], {
				options: { batching: false },
			});
			expect(output).toHaveLength(3);
			expect(sentMethods()).toEqual(Array(3).fill('catalog.measure.getFields'));
		});

		it("passes a Bitrix24 error on as its item's error, code and text, and goes on with the others", async () => {
			const { output } = await run(
				'catalog.measure.get',
				'={{ JSON.stringify({ id: $json.id }) }}',
				[{ id: 999 }, { id: 1 }],
				{},
				'continueRegularOutput',
			);
			expect(sentMethods()).toEqual(['batch']);
			expect(output[0]).toEqual({
				json: {
					error: 'Bitrix24 error 200600000020: Measure is not exists',
					details: { code: '200600000020', description: 'Measure is not exists', httpCode: '400' },
				},
				pairedItem: { item: 0 },
			});
			expect(output[1].json.result).toEqual({ measure: expect.objectContaining({ id: 1 }) });
		});

		it('stops at a Bitrix24 error of a single call with its code', async () => {
			const { error } = await run(
				'catalog.measure.add',
				'{"fields": {"code": 6, "measureTitle": "Meter"}}',
			);
			expect(error).toMatchObject({
				message: 'Bitrix24 error 200600000000: Measure with code 6 already exists',
				httpCode: '400',
			});
		});

		it('answers a catalog method the portal does not have with its error', async () => {
			const { error } = await run(locator('catalog.measure.frobnicate', 'name'), '{}');
			expect(sentMethods()).toEqual(['catalog.measure.frobnicate']);
			expect(error).toMatchObject({
				message: 'Bitrix24 error ERROR_METHOD_NOT_FOUND: Method not found!',
			});
		});

		it.each([
			[
				'not JSON',
				'{"filter": {"code": 796}',
				/^Parameters must be a JSON object, but it is not valid JSON: .+ \[item 1\]$/,
			],
			['a list', '["id"]', /^Parameters must be a JSON object, but got a list \[item 1\]$/],
			['a number', '42', /^Parameters must be a JSON object, but got a number \[item 1\]$/],
		])(
			'refuses Parameters that are %s in a later item before anything is sent',
			async (_, bad, message) => {
				const { error, output } = await run('catalog.measure.list', '={{ $json.parameters }}', [
					{ parameters: '{}' },
					{ parameters: bad },
				]);
				expect(output).toEqual([]);
				expect(error?.message).toMatch(message);
				expect(error).toMatchObject({ context: { itemIndex: 1 } });
				expect(portal.emulator.requests).toEqual([]);
			},
		);

		it.each([
			[
				'crm.product.list',
				'Method must be a catalog method (catalog.…), but got "crm.product.list" [item 0]',
			],
			['batch', 'Method must be a catalog method (catalog.…), but got "batch" [item 0]'],
			[
				'catalog.product.list?id=1',
				'Method must be a method name such as catalog.product.list, but got "catalog.product.list?id=1" [item 0]',
			],
			['', 'Method must be a method name such as catalog.product.list, but got "" [item 0]'],
			[
				'catalog.product',
				'Method must be a method name such as catalog.product.list, but got "catalog.product" [item 0]',
			],
		])('refuses the method "%s" before anything is sent', async (method, message) => {
			// From an expression: n8n checks a name typed in the field itself before the run.
			const { error } = await run(locator('={{ $json.method }}', 'name'), '{}', [{ method }]);
			expect(error).toMatchObject({ message, context: { itemIndex: 0 } });
			expect(portal.emulator.requests).toEqual([]);
		});

		it('sends a read again after a lost answer', async () => {
			portal.emulator.injectFault({ kind: 'drop', method: 'catalog.measure.getFields' });
			const { output, error } = await run('catalog.measure.getFields', '{}');
			expect(error).toBeUndefined();
			expect(sentMethods()).toEqual(['catalog.measure.getFields', 'catalog.measure.getFields']);
			expect(output[0].json.result).toHaveProperty('measure');
		});

		it.each([
			[
				'a documented add',
				'catalog.measure.add',
				'{"fields": {"code": 999, "measureTitle": "Box"}}',
			],
			['a method the reference does not list', 'catalog.measure.frobnicate', '{}'],
		])('never sends %s again after a lost answer', async (_, method, parameters) => {
			expect(CATALOG_METHODS.some(({ name }) => name === 'catalog.measure.frobnicate')).toBe(false);
			portal.emulator.injectFault({ kind: 'commitThenDrop', method });
			const { error } = await run(locator(method, 'name'), parameters);
			expect(sentMethods()).toEqual([method]);
			expect(error).toMatchObject({
				message: expect.stringMatching(
					/^The record may have been created, but Bitrix24's answer was lost/,
				),
				context: { bitrix24: expect.objectContaining({ code: 'MAY_HAVE_BEEN_CREATED' }) },
			});
		});

		it('never sends adds of a batch whose answer was lost again: each item says so', async () => {
			portal.emulator.injectFault({ kind: 'commitThenDrop', method: 'batch' });
			const { output } = await run(
				'catalog.measure.add',
				'={{ JSON.stringify({ fields: { code: $json.code, measureTitle: "Box" + $json.code } }) }}',
				[{ code: 901 }, { code: 902 }],
				{},
				'continueRegularOutput',
			);
			expect(sentMethods()).toEqual(['batch']);
			expect(output.map(({ json }) => (json.details as { code: string }).code)).toEqual([
				'MAY_HAVE_BEEN_CREATED',
				'MAY_HAVE_BEEN_CREATED',
			]);
		});

		it("picks a method from the node's list of documented ones, by name or title, linked to its page", async () => {
			const { results } = await runListSearch('searchCatalogMethods', 'method', {
				parameters: { authentication, resource: 'customApiCall', operation: 'call' },
				credentials: credentialsFor(portal.emulator, authentication),
				filter: 'vat rate update',
			});
			expect(results).toEqual([
				{
					name: 'catalog.vat.update (Update VAT Rate)',
					value: 'catalog.vat.update',
					url: 'https://apidocs.bitrix24.com/api-reference/catalog/vat/catalog-vat-update.html',
				},
			]);
			const all = await runListSearch('searchCatalogMethods', 'method', {
				parameters: { authentication, resource: 'customApiCall', operation: 'call' },
				credentials: credentialsFor(portal.emulator, authentication),
			});
			expect(all.results).toHaveLength(CATALOG_METHODS.length);
			// The list is the node's own: the portal is not asked.
			expect(portal.emulator.requests).toEqual([]);
		});

		it('masks the secret in the file addresses a method answers with', async () => {
			const credentials = credentialsFor(portal.emulator, authentication);
			const secret =
				authentication === 'webhook'
					? portal.emulator.webhooks.admin.secret
					: (credentials.bitrix24OAuth2Api.oauthTokenData as { access_token: string }).access_token;
			const result = await runNode({
				parameters: {
					authentication,
					resource: 'customApiCall',
					operation: 'call',
					method: locator('catalog.productImage.list', 'list'),
					parameters: '{"productId": 101}',
				} as INodeParameters,
				credentials,
			});
			const [image] = (
				result.output[0].json.result as { productImages: Array<{ downloadUrl: string }> }
			).productImages;
			expect(image.downloadUrl).toMatch(
				authentication === 'webhook' ? /\/rest\/1\/\*\*\*\// : /auth=\*\*\*/,
			);
			expect(JSON.stringify(result.run.data)).not.toContain(secret);
		});
	},
);
