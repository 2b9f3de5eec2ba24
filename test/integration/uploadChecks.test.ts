/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { Readable } from 'node:stream';
import type { INodeExecutionData } from 'n8n-workflow';

import { onePixelPng } from '../emulator/png';
import { storedBinaryItem, useFilesystemBinaryData } from '../harness/binaryStore';
import type { Authentication } from '../harness/nodeInputs';
import { AUTHENTICATIONS, locator } from '../harness/nodeInputs';
import type { RunOptions } from '../harness/runNode';
import { binaryItem } from '../harness/runNode';
import { runOperation, usePortal } from './fixtures';

const png = onePixelPng(10, 20, 30);

/** An item whose binary says nothing of its size, as some nodes hand files on. */
function withoutSize(item: INodeExecutionData): INodeExecutionData {
	const binary = { ...item.binary!.data };
	delete binary.bytes;
	delete binary.fileSize;
	return { ...item, binary: { data: binary } };
}

/** A PNG signature and then `megabytes` of zeros, produced a megabyte at a time. */
function largePng(megabytes: number): Readable {
	const megabyte = Buffer.alloc(1024 * 1024);
	return Readable.from(
		(function* () {
			yield png;
			for (let index = 0; index < megabytes; index++) yield megabyte;
		})(),
	);
}

function useUploads(authentication: Authentication) {
	const portal = usePortal();
	const upload = (inputItems: INodeExecutionData[], more: Partial<RunOptions> = {}) =>
		runOperation(portal.emulator, authentication, 'upload', { productId: locator('101') }, { inputItems, ...more });
	return { portal, upload };
}

describe.each(AUTHENTICATIONS)('Upload checks every file before sending with %s credentials', (authentication) => {
	const { portal, upload } = useUploads(authentication);

	it.each([
		['with its size known', (item: INodeExecutionData) => item],
		['without a known size', withoutSize],
	])('refuses a later item that is text named .png (%s) before uploading the earlier ones', async (_, shape) => {
		const { output, error } = await upload([
			binaryItem(png, 'good.png', 'image/png'),
			shape(binaryItem(Buffer.from('not really a picture'), 'fake.png', 'image/png')),
		]);
		expect(output).toEqual([]);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: 'The file "fake.png" is not an image: its content is not JPEG, PNG, GIF, WebP or BMP [item 1]',
			context: { itemIndex: 1 },
		});
		expect(portal.emulator.restCalls()).toEqual([]);
		expect(portal.emulator.portal.imagesOf(101)).toHaveLength(4);
	});

	it('refuses an empty file before uploading the earlier ones', async () => {
		const { error } = await upload([
			binaryItem(png, 'good.png', 'image/png'),
			withoutSize(binaryItem(Buffer.alloc(0), 'empty.png', 'image/png')),
		]);
		expect(error?.message).toBe('The file "empty.png" is empty [item 1]');
		expect(portal.emulator.restCalls()).toEqual([]);
	});

	it('with "Continue" uploads the good files and passes the bad one on as an error', async () => {
		const { output, error } = await upload(
			[
				binaryItem(png, 'good.png', 'image/png'),
				binaryItem(Buffer.from('not really a picture'), 'fake.png', 'image/png'),
				binaryItem(png, 'also-good.png', 'image/png'),
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.name ?? item.json.error)).toEqual([
			'good.png',
			'The file "fake.png" is not an image: its content is not JPEG, PNG, GIF, WebP or BMP [item 1]',
			'also-good.png',
		]);
		expect(portal.emulator.restCalls().map((call) => call.params.fileContent)).toEqual([
			['good.png', png.toString('base64')],
			['also-good.png', png.toString('base64')],
		]);
	});
});

describe.each(AUTHENTICATIONS)('Upload of files n8n keeps on disk with %s credentials', (authentication) => {
	beforeAll(async () => await useFilesystemBinaryData());
	const { portal, upload } = useUploads(authentication);

	it('uploads the file from the disk', async () => {
		const { output, error } = await upload([await storedBinaryItem(png, 'side.png', 'image/png', { knownSize: false })]);
		expect(error).toBeUndefined();
		expect(output).toEqual([{ json: expect.objectContaining({ name: 'side.png', productId: 101 }), pairedItem: { item: 0 } }]);
		expect(portal.emulator.restCalls('catalog.productImage.add')[0].params.fileContent).toEqual([
			'side.png',
			png.toString('base64'),
		]);
	});

	it('refuses a later file over the size limit, its size not in the item, before uploading anything', async () => {
		const { output, error } = await upload([
			await storedBinaryItem(png, 'good.png', 'image/png'),
			await storedBinaryItem(largePng(51), 'huge.png', 'image/png', { knownSize: false }),
		]);
		expect(output).toEqual([]);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: 'The file "huge.png" is 51.0 MB, more than the 50 MB this node uploads [item 1]',
			context: { itemIndex: 1 },
		});
		expect(portal.emulator.restCalls()).toEqual([]);
	});

	it('refuses a later file that is text named .png before uploading anything', async () => {
		const { error } = await upload([
			await storedBinaryItem(png, 'good.png', 'image/png'),
			await storedBinaryItem(Buffer.from('not really a picture'), 'fake.png', 'image/png', { knownSize: false }),
		]);
		expect(error?.message).toBe(
			'The file "fake.png" is not an image: its content is not JPEG, PNG, GIF, WebP or BMP [item 1]',
		);
		expect(portal.emulator.restCalls()).toEqual([]);
	});
});
