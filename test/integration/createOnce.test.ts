import type { INodeParameters } from 'n8n-workflow';

import type { Fault } from '../emulator';
import { onePixelPng } from '../emulator/png';
import { binaryItem, runNode } from '../harness/runNode';
import { AUTHENTICATIONS, credentialsFor, locator, productImageParameters } from '../harness/nodeInputs';
import { usePortal } from './fixtures';

const png = onePixelPng(200, 10, 10);

describe.each(AUTHENTICATIONS)('an upload whose answer was lost, with %s credentials', (authentication) => {
	const portal = usePortal();

	const upload = (fileName = 'front.png', extra: INodeParameters = {}) =>
		runNode({
			parameters: productImageParameters(authentication, 'upload', {
				productId: locator('101'),
				...extra,
			}),
			credentials: credentialsFor(portal.emulator, authentication),
			inputItems: [binaryItem(png, fileName, 'image/png')],
		});

	const storedNamed = (name: string) =>
		portal.emulator.portal.imagesOf(101).filter((image) => image.name === name);

	const addStatuses = () =>
		portal.emulator
			.restCalls()
			.map((call) => `${call.restMethod} ${call.status}`);

	it.each<[string, Fault]>([
		['the connection dropped after the image was stored', { kind: 'commitThenDrop', method: 'catalog.productImage.add' }],
		[
			'a server error came after the image was stored',
			{
				kind: 'commitThenError',
				method: 'catalog.productImage.add',
				status: 500,
				code: 'INTERNAL_SERVER_ERROR',
				description: 'Internal server error',
			},
		],
	])('finds the image instead of storing it again when %s', async (_, fault) => {
		portal.emulator.injectFault(fault);
		const { output, error } = await upload();
		expect(error).toBeUndefined();
		const stored = storedNamed('front.png');
		expect(stored).toHaveLength(1);
		const { id, name, productId, type, createTime, detailUrl } = stored[0];
		expect(output).toEqual([
			{ json: { id, name, productId, type, createTime, detailUrl }, pairedItem: { item: 0 } },
		]);
		expect(addStatuses()).toEqual([
			`catalog.productImage.add ${fault.kind === 'commitThenDrop' ? 0 : 500}`,
			'catalog.productImage.list 200',
		]);
	});

	it('sends the upload again when the image is not on the product (the connection dropped before it was stored)', async () => {
		portal.emulator.injectFault({ kind: 'drop', method: 'catalog.productImage.add' });
		const { output, error } = await upload();
		expect(error).toBeUndefined();
		expect(storedNamed('front.png')).toHaveLength(1);
		expect(output).toHaveLength(1);
		expect(addStatuses()).toEqual([
			'catalog.productImage.add 0',
			'catalog.productImage.list 200',
			'catalog.productImage.add 200',
		]);
	});

	it('does not take an older image of the same name and type for the lost one', async () => {
		const older = portal.emulator.portal.addImage(101, { name: 'front.png' });
		older.createTime = '2020-01-01T00:00:00+00:00';
		portal.emulator.injectFault({ kind: 'drop', method: 'catalog.productImage.add' });
		const { output, error } = await upload();
		expect(error).toBeUndefined();
		const stored = storedNamed('front.png');
		expect(stored.map((image) => image.id)).toEqual([older.id, stored[1].id]);
		expect(output[0].json.id).toBe(stored[1].id);
		expect(addStatuses().filter((line) => line.startsWith('catalog.productImage.add'))).toHaveLength(2);
	});

	it('fails, without sending again, when the portal may still be storing the image (a time-out)', async () => {
		portal.emulator.injectFault({ kind: 'delay', ms: 2500, method: 'catalog.productImage.add' });
		const { output, error } = await upload('front.png', { options: { timeout: 1000 } });
		expect(output).toEqual([]);
		expect(error?.message).toBe(
			"The image may have been created, but Bitrix24's answer was lost (Bitrix24 did not answer within 1 second)",
		);
		expect(error).toMatchObject({
			description:
				'catalog.productImage.add was not sent again, so that nothing is created twice. Look in Bitrix24 (or list the images) for it before running this item again.',
			context: {
				itemIndex: 0,
				bitrix24: {
					code: 'MAY_HAVE_BEEN_CREATED',
					description: 'catalog.productImage.add: Bitrix24 did not answer within 1 second',
					httpCode: null,
				},
			},
		});
		expect(addStatuses()).toEqual(['catalog.productImage.add 0', 'catalog.productImage.list 200']);
	});

	it('fails saying the image may exist when the lookup fails too', async () => {
		portal.emulator.injectFault({ kind: 'commitThenDrop', method: 'catalog.productImage.add' });
		portal.emulator.injectFault({
			kind: 'error',
			method: 'catalog.productImage.list',
			status: 400,
			code: 200040300010,
			description: 'Access Denied',
		});
		const { error } = await upload();
		expect(error?.message).toBe(
			"The image may have been created, but Bitrix24's answer was lost (The connection to Bitrix24 closed before an answer arrived)",
		);
		expect(storedNamed('front.png')).toHaveLength(1);
		expect(portal.emulator.restCalls('catalog.productImage.add')).toHaveLength(1);
	});
});
