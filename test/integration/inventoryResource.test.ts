import type { INodeParameters } from 'n8n-workflow';

import { runListSearch, runLoadOptions, runResourceMapping } from '../harness/listSearch';
import { runNode } from '../harness/runNode';
import { AUTHENTICATIONS, credentialsFor, locator, mapped } from '../harness/nodeInputs';
import { usePortal } from './fixtures';

const SHORT =
	'Insufficient quantity of goods #101 (Espresso machine) in the warehouse "Shop floor"';

describe.each(AUTHENTICATIONS)(
	'Stores, stock and inventory documents with %s credentials',
	(authentication) => {
		const portal = usePortal({ inventoryManagement: true });
		const run = (
			resource: string,
			operation: string,
			extra: INodeParameters,
			items?: Array<Record<string, unknown>>,
			onError?: 'continueRegularOutput',
		) =>
			runNode({
				parameters: { authentication, resource, operation, ...extra } as INodeParameters,
				credentials: credentialsFor(portal.emulator, authentication),
				items,
				onError,
			});
		const methods = () => portal.emulator.restCalls().map((call) => call.restMethod);
		const stockOf = (productId: number) =>
			run('stock', 'getMany', { returnAll: true, quickFilters: { productId } }).then(({ output }) =>
				output.map(({ json }) => [json.storeId, json.amount]),
			);

		/** A draft document of `docType` holding the espresso machine, made through the node. */
		async function draft(docType: string, item: Record<string, unknown>, title = `${docType} doc`) {
			const created = await run('inventoryDocument', 'create', {
				fields: mapped(
					{ docType, currency: 'USD', responsibleId: 1, title },
					{ responsibleId: 'number' },
				),
			});
			expect(created.error).toBeUndefined();
			const id = created.output[0].json.id as number;
			const added = await run('documentItem', 'create', {
				fields: mapped(
					{ docId: id, elementId: 101, ...item },
					{
						docId: 'number',
						elementId: 'number',
						amount: 'number',
						storeTo: 'number',
						storeFrom: 'number',
					},
				),
			});
			expect(added.error).toBeUndefined();
			portal.emulator.clearRequests();
			return id;
		}

		it('conducts a receipt: the store holds more, and the output says the document is conducted', async () => {
			const id = await draft('A', { storeTo: 2, amount: 10 });
			const { output, error } = await run('inventoryDocument', 'conduct', {
				documentId: locator(String(id)),
			});
			expect(error).toBeUndefined();
			expect(output).toEqual([{ json: { id, status: 'Y' }, pairedItem: { item: 0 } }]);
			expect(
				portal.emulator.restCalls('catalog.document.conduct').map((call) => call.params),
			).toEqual([{ id }]);
			expect(await stockOf(101)).toEqual([
				[1, 54],
				[2, 13],
			]);
		});

		it('fails a refused write-off naming the document, with Bitrix24 code and text, and changes nothing', async () => {
			const id = await draft('D', { storeFrom: 2, amount: 4 });
			const { error, output } = await run('inventoryDocument', 'conduct', {
				documentId: locator(String(id)),
			});
			expect(output).toEqual([]);
			expect(error).toMatchObject({
				message: `Bitrix24 error 0: Document conducting error: ${SHORT} (inventory document ${id})`,
				context: {
					itemIndex: 0,
					bitrix24: {
						code: '0',
						description: `Document conducting error: ${SHORT}`,
						httpCode: '400',
						documentId: id,
					},
				},
			});
			expect(await stockOf(101)).toEqual([
				[1, 54],
				[2, 3],
			]);
		});

		it("with Continue On Fail, a refused document is its item's error and the others are conducted", async () => {
			const bad = await draft('D', { storeFrom: 2, amount: 4 });
			const good = await draft('A', { storeTo: 1, amount: 6 });
			const { output } = await run(
				'inventoryDocument',
				'conduct',
				{ documentId: locator('={{ $json.id }}') },
				[{ id: bad }, { id: good }],
				'continueRegularOutput',
			);
			expect(output).toEqual([
				{
					json: {
						error: `Bitrix24 error 0: Document conducting error: ${SHORT} (inventory document ${bad})`,
						details: expect.objectContaining({ code: '0', documentId: bad }),
					},
					pairedItem: { item: 0 },
				},
				{ json: { id: good, status: 'Y' }, pairedItem: { item: 1 } },
			]);
			expect(methods()).toEqual(['batch']);
		});

		it('says inventory management must be on to conduct, naming the document', async () => {
			const id = await draft('A', { storeTo: 1, amount: 1 });
			portal.emulator.portal.inventoryManagement = false;
			const types = await run('inventoryDocument', 'getDocumentTypes', {});
			expect(types.output.map(({ json }) => json.id)).toEqual(['A', 'S', 'M', 'R', 'D']);
			const mode = await run('inventoryDocument', 'getInventoryMode', {});
			expect(mode.output).toEqual([
				{ json: { inventoryManagement: false }, pairedItem: { item: 0 } },
			]);
			const { error } = await run('inventoryDocument', 'conduct', {
				documentId: locator(String(id)),
			});
			expect(error?.message).toBe(
				`Bitrix24 error 0: Warehouse accounting must be enabled to conduct the document (inventory document ${id})`,
			);
		});

		it('conducts many in one call; when one is refused, the error says which are conducted and which not', async () => {
			const first = await draft('A', { storeTo: 1, amount: 2 }, 'Delivery 1');
			const refused = await draft('D', { storeFrom: 2, amount: 50 }, 'Scrap');
			const { error } = await run('inventoryDocument', 'conductMany', {
				documentIds: `${first}, ${refused}`,
			});
			expect(error).toMatchObject({
				message: `Bitrix24 error 0: An error occurred while conducting the document "Scrap": ${SHORT} (conducted: ${first}; not conducted: ${refused})`,
				context: {
					bitrix24: {
						code: '0',
						documentIds: [first, refused],
						done: [first],
						notDone: [refused],
					},
				},
			});
			expect(portal.emulator.restCalls().map((call) => [call.restMethod, call.params])).toEqual([
				['catalog.document.conductList', { documentIds: [first, refused] }],
				['catalog.document.list', { select: ['id', 'status'], filter: { id: [first, refused] } }],
			]);

			const cancelled = await run('inventoryDocument', 'cancelMany', { documentIds: [first] });
			expect(cancelled.output).toEqual([
				{ json: { id: first, status: 'N' }, pairedItem: { item: 0 } },
			]);
			const deleted = await run('inventoryDocument', 'deleteMany', {
				documentIds: `${first},${refused}`,
			});
			expect(deleted.output.map(({ json }) => json)).toEqual([
				{ id: first, deleted: true },
				{ id: refused, deleted: true },
			]);
		});

		it('takes a lost answer whose retry is refused as done when the document is conducted', async () => {
			const single = await draft('A', { storeTo: 1, amount: 1 });
			const listed = await draft('A', { storeTo: 1, amount: 1 });
			portal.emulator.injectFault({ kind: 'commitThenDrop', method: 'catalog.document.conduct' });
			const one = await run('inventoryDocument', 'conduct', {
				documentId: locator(String(single)),
			});
			expect(one.error).toBeUndefined();
			expect(one.output).toEqual([{ json: { id: single, status: 'Y' }, pairedItem: { item: 0 } }]);
			portal.emulator.injectFault({
				kind: 'commitThenDrop',
				method: 'catalog.document.conductList',
			});
			const many = await run('inventoryDocument', 'conductMany', { documentIds: String(listed) });
			expect(many.error).toBeUndefined();
			expect(many.output.map(({ json }) => json)).toEqual([{ id: listed, status: 'Y' }]);
			expect(methods()).toEqual([
				'catalog.document.conduct',
				'catalog.document.conduct',
				'catalog.document.list',
				'catalog.document.conductList',
				'catalog.document.conductList',
				'catalog.document.list',
			]);
			// Conducted once each: the stock rose by one per document.
			expect((await stockOf(101))[0]).toEqual([1, 56]);
		});

		it.each([
			['12, x', 'Document IDs: an ID must be a number, but got "x" [item 1]'],
			['', 'Document IDs is empty [item 1]'],
		])('refuses Document IDs "%s" before anything is sent', async (bad, message) => {
			const { error } = await run(
				'inventoryDocument',
				'conductMany',
				{ documentIds: '={{ $json.ids }}' },
				[{ ids: '1' }, { ids: bad }],
			);
			expect(error).toMatchObject({ message, context: { itemIndex: 1 } });
			expect(portal.emulator.requests).toEqual([]);
		});

		it('lists low stock with Filter By, sending the amount as a filter', async () => {
			const { output, error } = await run('stock', 'getMany', {
				returnAll: true,
				quickFilters: { amountBelow: 5, storeId: 2 },
			});
			expect(error).toBeUndefined();
			expect(output.map(({ json }) => json)).toEqual([
				{ amount: 3, id: 2, productId: 101, quantityReserved: null, storeId: 2 },
			]);
			expect(portal.emulator.restCalls('catalog.storeproduct.list')[0].params).toMatchObject({
				filter: { '<amount': 5, storeId: 2 },
			});
		});

		it('refuses an amount that is not a number before anything is sent', async () => {
			const { error } = await run('stock', 'getMany', {
				returnAll: true,
				quickFilters: { amountBelow: 'few' },
			});
			expect(error?.message).toBe(
				'Filter By → Amount Below must be a number, but got "few" [item 0]',
			);
			expect(portal.emulator.requests).toEqual([]);
		});

		it("sets and reads a document's user fields", async () => {
			const updated = await run('inventoryDocument', 'updateUserFields', {
				documentId: locator('1'),
				documentType: 'A',
				userFieldValues: { values: [{ name: 'field7', value: 'Pallet 4' }] },
			});
			expect(updated.output[0].json).toEqual({
				documentId: 1,
				documentType: 'A',
				field7: 'Pallet 4',
			});
			const read = await run('inventoryDocument', 'getUserFields', {
				documentType: 'A',
				userFieldNames: 'field7',
			});
			expect(read.output.map(({ json }) => json)).toEqual([
				{ documentId: 1, documentType: 'A', field7: 'Pallet 4' },
				{ documentId: 2, documentType: 'A' },
			]);
		});

		describe('in the editor', () => {
			const editor = (resource: string, parameters: Record<string, unknown> = {}) => ({
				parameters: { authentication, resource, ...parameters } as INodeParameters,
				credentials: credentialsFor(portal.emulator, authentication),
			});

			it("offers a document's type by name and its currency as text in Create's form", async () => {
				const { fields } = await runResourceMapping(
					'getCreateColumns',
					editor('inventoryDocument', { operation: 'create' }),
				);
				const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
				expect(fields.slice(0, 3).map((field) => field.id)).toEqual([
					'currency',
					'docType',
					'responsibleId',
				]);
				expect(byId.docType).toMatchObject({
					required: true,
					type: 'options',
					options: [
						{ name: 'Goods Receipt (A)', value: 'A' },
						{ name: 'Goods Acquisition (S)', value: 'S' },
						{ name: 'Goods Transfer Between Warehouses (M)', value: 'M' },
						{ name: 'Goods Return (R)', value: 'R' },
						{ name: 'Goods Write-off (D)', value: 'D' },
					],
				});
				expect(byId.currency).toMatchObject({ required: true, type: 'string' });
				expect(byId.status).toBeUndefined();
			});

			it('picks stores and documents by their titles, and document types by name', async () => {
				const stores = await runListSearch('searchStores', 'storeId', {
					...editor('store', { operation: 'get' }),
					filter: 'shop',
				});
				expect(stores.results).toEqual([{ name: 'Shop floor (#2)', value: '2' }]);
				expect(portal.emulator.restCalls('catalog.store.list')[0].params).toMatchObject({
					filter: { '%title': 'shop' },
					order: { title: 'ASC' },
				});
				const documents = await runListSearch('searchInventoryDocuments', 'documentId', {
					...editor('inventoryDocument', { operation: 'conduct' }),
				});
				expect(documents.results).toEqual([
					{ name: 'Receipt 1 (#1)', value: '1' },
					{ name: 'Receipt 2 (#2)', value: '2' },
				]);
				const types = await runLoadOptions(
					'getStoreDocumentTypes',
					'documentType',
					editor('inventoryDocument', { operation: 'getUserFields' }),
				);
				expect(types[0]).toEqual({ name: 'Goods Receipt (A)', value: 'A' });
			});
		});
	},
);
