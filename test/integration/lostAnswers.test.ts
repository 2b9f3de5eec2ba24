import { AUTHENTICATIONS, locator } from '../harness/nodeInputs';
import { resourceRunner, usePortal } from './fixtures';

const noteOf = (method: string) =>
	`Bitrix24's answer to ${method} was lost; sent again, it found nothing to delete, so the first attempt deleted it`;

describe.each(AUTHENTICATIONS)(
	'answers lost after the work was done, %s credentials',
	(authentication) => {
		const portal = usePortal({ inventoryManagement: true });
		const run = resourceRunner(portal, authentication);
		const sentMethods = () => portal.emulator.restCalls().map((call) => call.restMethod);

		describe('Delete, sent again after its answer was lost, finds nothing: done', () => {
			it.each([
				['section', 'sectionId', '14', 'catalog.section.delete'],
				['store', 'storeId', '3', 'catalog.store.delete'],
				['product', 'productId', '104', 'catalog.product.delete'],
				['priceType', 'priceTypeId', '2', 'catalog.priceType.delete'],
			])('%s', async (resource, idField, id, method) => {
				// The demo's two stores hold documents' goods, which a store delete refuses: a third, empty one.
				if (resource === 'store') portal.emulator.portal.records.of('catalog.store').add({ title: 'Spare' });
				portal.emulator.injectFault({ kind: 'commitThenDrop', method });
				const { output, error } = await run(resource, 'delete', {
					[idField]: locator(id),
				});
				expect(error).toBeUndefined();
				expect(sentMethods()).toEqual([method, method]);
				expect(output).toEqual([
					{
						json: { result: true, note: noteOf(method) },
						pairedItem: { item: 0 },
					},
				]);
			});

			it('in a batch sent again: each item done, with the note', async () => {
				portal.emulator.injectFault({
					kind: 'commitThenDrop',
					method: 'batch',
				});
				const { output, error } = await run(
					'section',
					'delete',
					{ sectionId: locator('={{ $json.id }}') },
					[{ id: 13 }, { id: 14 }],
				);
				expect(error).toBeUndefined();
				expect(sentMethods()).toEqual(['batch', 'batch']);
				expect(output.map(({ json }) => json)).toEqual([
					{ result: true, note: noteOf('catalog.section.delete') },
					{ result: true, note: noteOf('catalog.section.delete') },
				]);
				expect(portal.emulator.portal.sections.get(13)).toBeUndefined();
			});

			it('a first attempt that finds nothing still fails', async () => {
				const { error } = await run('section', 'delete', {
					sectionId: locator('999'),
				});
				expect(error?.message).toBe('Bitrix24 error 200700300030: Section is not exists');
			});
		});

		describe('Custom API Call', () => {
			const call = (method: string, parameters: string) =>
				run('customApiCall', 'call', {
					method: locator(method, 'name'),
					parameters,
				});

			it('sends a delete again, and takes "nothing to delete" as done', async () => {
				portal.emulator.injectFault({
					kind: 'commitThenDrop',
					method: 'catalog.section.delete',
				});
				const { output, error } = await call('catalog.section.delete', '{"id": 14}');
				expect(error).toBeUndefined();
				expect(sentMethods()).toEqual(['catalog.section.delete', 'catalog.section.delete']);
				expect(output).toEqual([
					{
						json: { result: true, note: noteOf('catalog.section.delete') },
						pairedItem: { item: 0 },
					},
				]);
			});

			it('never sends catalog.document.conduct again: it may have been carried out', async () => {
				const added = await call(
					'catalog.document.add',
					'{"fields": {"docType": "A", "currency": "USD", "responsibleId": 1}}',
				);
				const id = (added.output[0].json.result as { document: { id: number } }).document.id;
				const element = await call(
					'catalog.document.element.add',
					JSON.stringify({
						fields: { docId: id, elementId: 101, storeTo: 2, amount: 1 },
					}),
				);
				expect(element.error).toBeUndefined();
				portal.emulator.clearRequests();
				portal.emulator.injectFault({
					kind: 'commitThenDrop',
					method: 'catalog.document.conduct',
				});

				const { error } = await call('catalog.document.conduct', JSON.stringify({ id }));
				expect(sentMethods()).toEqual(['catalog.document.conduct']);
				expect(error).toMatchObject({
					message: expect.stringMatching(
						/^catalog\.document\.conduct may have been carried out, but Bitrix24's answer was lost \(/,
					),
					context: {
						itemIndex: 0,
						bitrix24: expect.objectContaining({
							code: 'MAY_HAVE_BEEN_CARRIED_OUT',
						}),
					},
				});
				expect(error?.description).toBe(
					'catalog.document.conduct was not sent again, as a second call could do its work twice or fail on the work the first one did. Look in Bitrix24 whether it was done before running this item again.',
				);
			});

			it.each([
				['catalog.priceType.update', '{"id": 2, "fields": {"name": "BULK"}}'],
				['catalog.store.update', '{"id": 2, "fields": {"title": "Floor"}}'],
			])('never sends %s again after a lost answer', async (method, parameters) => {
				portal.emulator.injectFault({ kind: 'commitThenDrop', method });
				const { error } = await call(method, parameters);
				expect(sentMethods()).toEqual([method]);
				expect(error?.message).toMatch(
					new RegExp(`^${method.replace(/\./g, '\\.')} may have been carried out`),
				);
			});

			it('sends a read again after a lost answer', async () => {
				portal.emulator.injectFault({
					kind: 'drop',
					method: 'catalog.catalog.isOffers',
				});
				const { output, error } = await call('catalog.catalog.isOffers', '{"id": 25}');
				expect(error).toBeUndefined();
				expect(sentMethods()).toEqual(['catalog.catalog.isOffers', 'catalog.catalog.isOffers']);
				expect(output[0].json).toEqual({ result: true });
			});
		});
	},
);
