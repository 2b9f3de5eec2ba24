import type { INodeParameters } from 'n8n-workflow';

import type { ResourceSpec } from '../../nodes/Bitrix24Catalog/actions/kit/spec';
import { operationOf, RESOURCES } from '../../nodes/Bitrix24Catalog/actions/resources';
import { methodsCalled } from '../harness/batches';
import { AUTHENTICATIONS, credentialsFor, locator } from '../harness/nodeInputs';
import { runNode } from '../harness/runNode';
import { usePortal } from './fixtures';

/** What each resource built from a spec reads on the demo portal: a record, and the parents a list needs. */
const RECORDS: Record<string, { id: number; parents: Record<string, string> }> = {
	catalog: { id: 23, parents: {} },
	markup: { id: 1, parents: {} },
	price: { id: 1, parents: {} },
	priceType: { id: 1, parents: {} },
	priceTypeGroup: { id: 1, parents: {} },
	priceTypeLang: { id: 1, parents: {} },
	roundingRule: { id: 1, parents: {} },
	section: { id: 11, parents: { iblockId: '23' } },
	product: { id: 401, parents: { iblockId: '23' } },
	store: { id: 1, parents: {} },
	stock: { id: 1, parents: {} },
	inventoryDocument: { id: 1, parents: {} },
	documentItem: { id: 1, parents: {} },
	documentContractor: { id: 1, parents: {} },
	measure: { id: 5, parents: {} },
	vat: { id: 2, parents: {} },
	ratio: { id: 1, parents: {} },
	productProperty: { id: 113, parents: { iblockId: '23' } },
	productPropertyEnum: { id: 1302, parents: { propertyId: '113' } },
	productPropertyFeature: { id: 5, parents: { propertyId: '113' } },
	productPropertySection: { id: 113, parents: {} },
};

const specs = Object.values(RESOURCES)
	.map((resource) => resource.spec)
	.filter((spec): spec is ResourceSpec => spec !== undefined);

/** The behaviour every resource built from a spec shares, run over each of them. */
describe.each(AUTHENTICATIONS)(
	'every spec-built resource, with %s credentials',
	(authentication) => {
		const portal = usePortal({ catalogDemo: true });

		it('covers every spec-built resource of the registry', () => {
			expect(specs.map((spec) => spec.value).sort()).toEqual(Object.keys(RECORDS).sort());
		});

		describe.each(specs.map((spec) => [spec.value, spec] as const))('%s', (_, spec) => {
			const { id, parents } = RECORDS[spec.value];
			// The record's ID, as its records hold it.
			const idField = spec.id.param ?? 'id';
			// Every run also checks that the operation called only the methods it declares.
			const run = async (
				operation: string,
				extra: INodeParameters,
				items?: Array<Record<string, unknown>>,
				onError?: 'continueRegularOutput',
			) => {
				const before = portal.emulator.requests.length;
				const result = await runNode({
					parameters: {
						authentication,
						resource: spec.value,
						operation,
						...extra,
					} as INodeParameters,
					credentials: credentialsFor(portal.emulator, authentication),
					items,
					onError,
				});
				const declared = operationOf(spec.value, operation)?.methods ?? [];
				const called = new Set(methodsCalled(portal.emulator.requests.slice(before)));
				expect({
					operation,
					undeclared: [...called].filter((method) => !declared.includes(method)),
				}).toEqual({
					operation,
					undeclared: [],
				});
				return result;
			};
			const byId = (value: string) => ({ [spec.id.name]: locator(value) });
			// Get's tests, for the resources that have Get (Bitrix24 has no catalog.document.get).
			if ('get' in RESOURCES[spec.value].operations) {
				it('gets 60 records in two batch requests, each paired with its item', async () => {
					const items = Array.from({ length: 60 }, () => ({ id }));
					const { output, error } = await run('get', byId('={{ $json.id }}'), items);
					expect(error).toBeUndefined();
					expect(output.map((item) => [item.json[idField], item.pairedItem])).toEqual(
						items.map((_item, index) => [id, { item: index }]),
					);
					expect(portal.emulator.restCalls().map((call) => call.restMethod)).toEqual([
						'batch',
						'batch',
					]);
				});

				it('sends one request per item with Batch Requests off', async () => {
					const { output } = await run(
						'get',
						{ ...byId(String(id)), options: { batching: false } },
						[{}, {}, {}],
					);
					expect(output).toHaveLength(3);
					expect(portal.emulator.restCalls().map((call) => call.restMethod)).toEqual(
						Array(3).fill(`${spec.method}.get`),
					);
				});

				it('refuses a bad ID in a later item before anything is sent', async () => {
					const { error, output } = await run('get', byId('={{ $json.id }}'), [
						{ id },
						{ id: 'x' },
					]);
					expect(output).toEqual([]);
					expect(error).toMatchObject({
						message: `${spec.id.label} must be a number, but got "x" [item 1]`,
						context: { itemIndex: 1 },
					});
					expect(portal.emulator.requests).toEqual([]);
				});

				it('passes a missing record on as one error item with its Bitrix24 code, and goes on', async () => {
					const { output } = await run(
						'get',
						byId('={{ $json.id }}'),
						[{ id: 999999 }, { id }],
						'continueRegularOutput',
					);
					expect(output[0]).toEqual({
						json: {
							// Codes are numbers or words; the iblock module's may be empty.
							error: expect.stringMatching(/^Bitrix24 error( \w+)?: \S/),
							details: expect.objectContaining({ httpCode: '400' }),
						},
						pairedItem: { item: 0 },
					});
					expect(output[1]).toEqual({
						json: expect.objectContaining({ [idField]: id }),
						pairedItem: { item: 1 },
					});
				});
			}

			it('lists up to the limit in one request', async () => {
				const parentFields = Object.fromEntries(
					Object.entries(parents).map(([name, value]) => [name, locator(value)]),
				);
				const { output, error } = await run('getMany', {
					...parentFields,
					returnAll: false,
					limit: 2,
				});
				expect(error).toBeUndefined();
				expect(output).toHaveLength(2);
				expect(portal.emulator.restCalls().map((call) => call.restMethod)).toEqual([
					`${spec.method}.list`,
				]);
			});

			// Records whose page lists their fields, without a method for it, have no Get Fields.
			if ('getFields' in RESOURCES[spec.value].operations) {
				it('outputs the fields its records have', async () => {
					const { output, error } = await run(
						'getFields',
						Object.fromEntries(
							Object.entries(parents).map(([name, value]) => [name, locator(value)]),
						),
					);
					expect(error).toBeUndefined();
					expect(output).toHaveLength(1);
					expect(output[0].json.id).toEqual(expect.objectContaining({ type: 'integer' }));
				});
			}
		});
	},
);
