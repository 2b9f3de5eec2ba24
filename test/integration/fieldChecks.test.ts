import { AUTHENTICATIONS, locator, mapped } from '../harness/nodeInputs';
import { resourceRunner, usePortal } from './fixtures';

const DESCRIBE = 'catalog.product.getFieldsByFilter';
// Listing every kind, the fields are those of the kind the catalog holds, as in the editor's form.
const LIST_DESCRIBE = ['catalog.catalog.isOffers', DESCRIBE];

describe.each(AUTHENTICATIONS)(
	'values and names checked before sending, %s credentials',
	(authentication) => {
		const portal = usePortal({ catalogDemo: true });
		const run = resourceRunner(portal, authentication);
		const sentMethods = () => portal.emulator.restCalls().map((call) => call.restMethod);
		const createProduct = (
			fields: Record<string, unknown>,
			items: Array<Record<string, unknown>> = [{}],
			onError?: 'continueRegularOutput',
		) =>
			run(
				'product',
				'create',
				{ productKind: 'product', iblockId: locator('23'), fields: mapped(fields) },
				items,
				onError,
			);

		describe('values of the wrong type', () => {
			it.each([
				['sort', 'abc', 'Fields → sort must be a whole number, but got "abc" [item 0]'],
				['sort', { a: 1 }, 'Fields → sort must be a whole number, but got an object [item 0]'],
				['sort', 1.5, 'Fields → sort must be a whole number, but got 1.5 [item 0]'],
				[
					'active',
					'maybe',
					'Fields → active must be Y or N (true, false, "Y", "N", 1 or 0), but got "maybe" [item 0]',
				],
				[
					'dateCreate',
					'not a date',
					'Fields → dateCreate must be a date such as 2024-05-01 or 2024-05-01T10:00:00+03:00, but got "not a date" [item 0]',
				],
				['measure', 'kg', 'Fields → measure must be a whole number, but got "kg" [item 0]'],
				['property112', 'ten', 'Fields → property112 must be a number, but got "ten" [item 0]'],
				[
					'property113',
					'Blue',
					'Fields → property113 must be one of the list\'s values by ID: 1301 (Cotton), 1302 (Steel), 1303 (Wool), but got "Blue" [item 0]',
				],
				[
					'detailPicture',
					'picture.png',
					'Fields → detailPicture must be a file as {"fileData": ["name.png", "<base64>"]}, but got "picture.png" [item 0]',
				],
			])(
				'%s: %j is refused, naming the field, the value and the item; no write is sent',
				async (name, value, message) => {
					const { error } = await createProduct({ name: 'Kettle', [name]: '={{ $json.value }}' }, [
						{ value },
					]);
					expect(error).toMatchObject({ message, context: { itemIndex: 0 } });
					expect(sentMethods()).toEqual([DESCRIBE]);
				},
			);

			it('takes the accepted forms and sends each in its type', async () => {
				const { error } = await createProduct(
					{
						name: 'Kettle',
						sort: '={{ $json.sort }}',
						active: '={{ $json.active }}',
						vatIncluded: '={{ $json.vatIncluded }}',
						dateCreate: '={{ $json.date }}',
						property112: '={{ $json.warranty }}',
						property113: '={{ $json.material }}',
					},
					[
						{
							sort: '150',
							active: 1,
							vatIncluded: 'n',
							date: '2024-05-01T10:00:00+03:00',
							warranty: '24',
							material: 1302,
						},
					],
				);
				expect(error).toBeUndefined();
				expect(portal.emulator.restCalls('catalog.product.add')[0].params).toEqual({
					fields: {
						name: 'Kettle',
						sort: '150',
						active: 'Y',
						vatIncluded: 'N',
						dateCreate: '2024-05-01T10:00:00+03:00',
						property112: { value: '24' },
						property113: { value: 1302 },
						iblockId: 23,
					},
				});
			});

			it('checks the input of automatic mapping alike', async () => {
				const { error } = await run(
					'product',
					'create',
					{
						productKind: 'product',
						iblockId: locator('23'),
						fields: { ...mapped({ name: '', active: '' }), mappingMode: 'autoMapInputData' },
					},
					[{ name: 'Kettle', active: 'maybe' }],
				);
				expect(error?.message).toBe(
					'Fields → active must be Y or N (true, false, "Y", "N", 1 or 0), but got "maybe" [item 0]',
				);
				expect(sentMethods()).toEqual([DESCRIBE]);
			});

			it('with Continue, each item is one output or one error, paired; the fields are read once', async () => {
				const { output } = await createProduct(
					{ name: '={{ $json.name }}', sort: '={{ $json.sort }}' },
					[
						{ name: 'Kettle', sort: 100 },
						{ name: 'Toaster', sort: 'abc' },
						{ name: 'Grinder', sort: 300 },
					],
					'continueRegularOutput',
				);
				expect(output.map(({ json, pairedItem }) => [json.name ?? json.error, pairedItem])).toEqual(
					[
						['Kettle', { item: 0 }],
						['Fields → sort must be a whole number, but got "abc" [item 1]', { item: 1 }],
						['Grinder', { item: 2 }],
					],
				);
				expect(sentMethods()).toEqual([DESCRIBE, 'batch']);
				expect(
					portal.emulator.portal.productsIn(23).some((product) => product.name === 'Toaster'),
				).toBe(false);
			});
		});

		describe('names the catalog does not have', () => {
			it('refuses a mapped field, naming it and the nearest names', async () => {
				const { error } = await createProduct({ nmae: 'Kettle' });
				expect(error).toMatchObject({
					message: 'Fields: nmae is not a product field; nearest: name [item 0]',
					description:
						"Bitrix24 drops a name it does not know without a word. Pick the field from the list; Get Fields lists them all (the catalog's properties as propertyN). The item was not sent.",
				});
				expect(sentMethods()).toEqual([DESCRIBE]);
			});

			it('takes a property of the catalog, and refuses one of another catalog', async () => {
				const { error } = await createProduct({ name: 'Kettle', property120: 'M' });
				expect(error?.message).toBe(
					'Fields: property120 is not a product field; nearest: property110, property111, property112 [item 0]',
				);
			});

			const list = (extra: Record<string, unknown>) =>
				run('product', 'getMany', {
					productKindOrAny: 'any',
					iblockId: locator('23'),
					returnAll: true,
					...extra,
				});

			it.each([
				[
					'a condition',
					{ filters: { conditions: [{ field: 'nmae', operator: 'equals', value: 'x' }] } },
					'Filters: nmae is not a product field; nearest: name [item 0]',
				],
				[
					'a Filter (JSON) key with its operator',
					{ listOptions: { filterJson: '{">=sort": 100, "!%nmae": "x"}' } },
					'List Options → Filter (JSON): !%nmae is not a product field; nearest: name [item 0]',
				],
				[
					'a key nested in a group',
					{ listOptions: { filterJson: '{"0": {"LOGIC": "OR", "=xmlID": "a"}}' } },
					'List Options → Filter (JSON): =xmlID is not a product field; nearest: xmlId [item 0]',
				],
				[
					'a sort field',
					{ listOptions: { sortField: 'sortt' } },
					'List Options → Sort Field: sortt is not a product field; nearest: sort [item 0]',
				],
			])('Get Many refuses %s the catalog lacks: no list is sent', async (_, extra, message) => {
				const { error } = await list(extra);
				expect(error).toMatchObject({
					message,
					description: expect.stringMatching(
						/^Bitrix24 drops a name it does not know without a word/,
					) as unknown,
				});
				expect(sentMethods()).toEqual(LIST_DESCRIBE);
			});

			it('says a filter on an unknown name would match every record', async () => {
				const { error } = await list({
					filters: { conditions: [{ field: 'nmae', operator: 'equals', value: 'x' }] },
				});
				expect(error?.description).toBe(
					"Bitrix24 drops a name it does not know without a word, so the filter would match every product. Pick the field from the list; Get Fields lists them all (the catalog's properties as propertyN). The item was not sent.",
				);
			});

			it('Get Many takes known keys with every documented operator and properties', async () => {
				const { error, output } = await list({
					filters: { conditions: [{ field: 'name', operator: 'contains', value: 'e' }] },
					listOptions: {
						filterJson: '{">=sort": 0, "!=%xmlId": "zzz%", "!@id": [1], "property113": 1302}',
						sortField: 'name',
					},
				});
				expect(error).toBeUndefined();
				expect(output.length).toBeGreaterThan(0);
				expect(sentMethods()).toEqual([...LIST_DESCRIBE, 'catalog.product.list']);
			});
		});
	},
);
