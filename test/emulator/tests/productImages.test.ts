import { Bitrix24Emulator, UPLOAD_ERRORS } from '../index';
import { onePixelPng } from '../png';
import { error, get, postForm, postJson, resultOf } from '../testClient';
import { DELETE, expectTime, useEmulator } from './emulatorUnderTest';

/** catalog.productImage.*: delete, add, get, list, getFields, the image files and the noAccess webhook. */

const ADD = 'catalog.productImage.add';
const GET = 'catalog.productImage.get';
const LIST = 'catalog.productImage.list';
const GET_FIELDS = 'catalog.productImage.getFields';

const PNG = onePixelPng(1, 2, 3);
// The start of a JFIF file: enough for the portal's content check.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;

const { emu, url } = useEmulator();

function escaped(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The signed URL a webhook caller gets: its own endpoint, its secret in plain sight. */
function webhookDownloadUrl(webhook = 'admin'): RegExp {
	const { userId, secret } = emu.webhooks[webhook];
	return new RegExp(
		`^${escaped(emu.baseUrl)}/rest/${userId}/${secret}/download/\\?token=catalog%7C[\\w%]+%7C[\\w%.]+$`,
	);
}

function detailUrl(name: string): RegExp {
	return new RegExp(`^/upload/iblock/[0-9a-f]{3}/[0-9a-f]{32}/${escaped(name)}$`);
}

/** The seeded image 1002 as every image method shows it. */
function seededPreview(): Record<string, unknown> {
	return {
		id: 1002,
		name: 'espresso-preview.png',
		productId: 101,
		type: 'PREVIEW_PICTURE',
		createTime: '2024-10-15T09:01:00+00:00',
		downloadUrl: expect.stringMatching(webhookDownloadUrl()),
		detailUrl: emu.portal.image(1002)?.detailUrl,
	};
}

const addPayload = (productId: unknown, name: string, bytes: Buffer, type?: string) => ({
	fields: type === undefined ? { productId } : { productId, type },
	fileContent: [name, bytes.toString('base64')],
});

describe('catalog.productImage.delete', () => {
	it('deletes the image and answers true with timing', async () => {
		const answer = await postJson(url(DELETE), { productId: 101, id: 1003 });

		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(resultOf(answer)).toBe(true);
		expect(Object.keys(answer.body as object)).toEqual(['result', 'time']);
		expectTime(answer.body);
		expect(emu.portal.image(1003)).toBeUndefined();
		expect(emu.portal.imagesOf(101).map(({ id }) => id)).toEqual([1001, 1002, 1004]);
	});

	it('accepts digit strings with sign and spaces, as PHP binds ints', async () => {
		const answer = await postJson(url(DELETE), { productId: ' 101 ', id: '+1004' });

		expect(answer.status).toBe(200);
		expect(emu.portal.image(1004)).toBeUndefined();
	});

	const invalid = (value: string, name: string) =>
		`Invalid value {${value}} to match with parameter {${name}}. Should be value of type int.`;

	const cases: Array<[string, Record<string, unknown>, string, number, string]> = [
		['no productId', { id: 1003 }, 'admin', 100, 'Could not find value for parameter {productId}'],
		['no id', { productId: 101 }, 'admin', 100, 'Could not find value for parameter {id}'],
		[
			'null id',
			{ productId: 101, id: null },
			'admin',
			100,
			'Could not find value for parameter {id}',
		],
		['productId abc', { productId: 'abc', id: 1003 }, 'admin', 100, invalid('abc', 'productId')],
		[
			'productId checked before id',
			{ productId: 'abc' },
			'admin',
			100,
			invalid('abc', 'productId'),
		],
		['empty id', { productId: 101, id: '' }, 'admin', 100, invalid('', 'id')],
		['id 1.5 (string)', { productId: 101, id: '1.5' }, 'admin', 100, invalid('1.5', 'id')],
		['id 1.5 (number)', { productId: 101, id: 1.5 }, 'admin', 100, invalid('1.5', 'id')],
		['id 12abc', { productId: 101, id: '12abc' }, 'admin', 100, invalid('12abc', 'id')],
		['id array', { productId: 101, id: [1003] }, 'admin', 100, invalid('Array', 'id')],
		['viewer', { productId: 101, id: 1003 }, 'viewer', 200040300020, 'Access Denied'],
		[
			'viewer, binding first',
			{ productId: 101 },
			'viewer',
			100,
			'Could not find value for parameter {id}',
		],
		['productId 0', { productId: 0, id: 1003 }, 'admin', 0, 'Empty productID'],
		['productId negative', { productId: '-5', id: 1003 }, 'admin', 0, 'Empty productID'],
		['unknown product', { productId: 999, id: 1003 }, 'admin', 0, 'Product was not found'],
		['unknown image', { productId: 101, id: 9999 }, 'admin', 0, 'Image does not exist'],
		["another product's image", { productId: 102, id: 1003 }, 'admin', 0, 'Image does not exist'],
	];

	describe.each(['number', 'string'] as const)('errors with %s codes', (style) => {
		beforeEach(() => emu.setCodeStyle(style));

		it.each(cases)('%s', async (_, payload, webhook, code, description) => {
			const answer = await postJson(url(DELETE, webhook), payload);

			expect(answer.status).toBe(400);
			expect(answer.body).toEqual(error(style === 'number' ? code : String(code), description));
			expect(emu.portal.imagesOf(101)).toHaveLength(4);
		});
	});

	it('writes numeric codes as JSON numbers or strings, exactly', async () => {
		expect((await postJson(url(DELETE), { productId: 0, id: 1 })).text).toBe(
			'{"error":0,"error_description":"Empty productID"}',
		);
		emu.setCodeStyle('string');
		expect((await postJson(url(DELETE), { productId: 0, id: 1 })).text).toBe(
			'{"error":"0","error_description":"Empty productID"}',
		);
	});

	it('honours the code style given at start, and reset() restores it', async () => {
		const stringy = await Bitrix24Emulator.start({ codeStyle: 'string' });
		try {
			const payload = { productId: 101 };
			expect((await postJson(stringy.webhookUrl() + DELETE, payload)).body).toEqual(
				error('100', 'Could not find value for parameter {id}'),
			);
			stringy.setCodeStyle('number');
			stringy.reset();
			expect((await postJson(stringy.webhookUrl() + DELETE, payload)).body).toEqual(
				error('100', 'Could not find value for parameter {id}'),
			);
		} finally {
			await stringy.stop();
		}
	});
});

describe('catalog.productImage.add', () => {
	it('appends a gallery image by default and answers the new image', async () => {
		const answer = await postJson(url(ADD), addPayload(102, 'folded-2.png', PNG));

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			result: {
				productImage: {
					id: 1008,
					name: 'folded-2.png',
					productId: 102,
					type: 'MORE_PHOTO',
					createTime: expect.stringMatching(DATE),
					downloadUrl: expect.stringMatching(webhookDownloadUrl()),
					detailUrl: expect.stringMatching(detailUrl('folded-2.png')),
				},
			},
			time: expect.any(Object),
		});
		expect(Object.keys(resultOf(answer).productImage as object)).toEqual([
			'id',
			'name',
			'productId',
			'type',
			'createTime',
			'downloadUrl',
			'detailUrl',
		]);
		expect(emu.portal.imagesOf(102).map(({ id }) => id)).toEqual([1005, 1008]);
		expect(emu.portal.image(1008)).toMatchObject({ bytes: PNG, mimeType: 'image/png' });
	});

	it('takes PHP-style form fields and replaces the detail picture', async () => {
		const form = new URLSearchParams({
			'fields[productId]': '101',
			'fields[type]': 'DETAIL_PICTURE',
			'fileContent[0]': 'front.jpg',
			'fileContent[1]': JPEG.toString('base64'),
		});
		const answer = await postForm(url(ADD), form.toString());

		expect(answer.status).toBe(200);
		expect(resultOf(answer).productImage).toMatchObject({
			id: 1008,
			productId: 101,
			type: 'DETAIL_PICTURE',
		});
		expect(emu.portal.image(1001)).toBeUndefined();
		expect(emu.portal.imagesOf(101).map(({ id, type }) => [id, type])).toEqual([
			[1002, 'PREVIEW_PICTURE'],
			[1003, 'MORE_PHOTO'],
			[1004, 'MORE_PHOTO'],
			[1008, 'DETAIL_PICTURE'],
		]);
		expect(emu.portal.image(1008)).toMatchObject({ bytes: JPEG, mimeType: 'image/jpeg' });
	});

	it('replaces the preview picture and stores any other type as a gallery image', async () => {
		await postJson(url(ADD), addPayload('101', 'small.png', PNG, 'PREVIEW_PICTURE'));
		const banner = await postJson(url(ADD), addPayload(101, 'banner.png', PNG, 'BANNER'));

		expect(emu.portal.image(1002)).toBeUndefined();
		expect(emu.portal.image(1008)?.type).toBe('PREVIEW_PICTURE');
		expect(resultOf(banner).productImage).toMatchObject({ id: 1009, type: 'MORE_PHOTO' });
	});

	it('signs the download URL with the access token for an OAuth caller', async () => {
		const { access_token } = emu.oauth.issueTokens();
		const answer = await postJson(`${emu.baseUrl}/rest/${ADD}`, {
			...addPayload(104, 'kit.png', PNG),
			auth: access_token,
		});

		expect((resultOf(answer).productImage as { downloadUrl: string }).downloadUrl).toMatch(
			new RegExp(
				`^${escaped(emu.baseUrl)}/rest/download\\.json\\?auth=${access_token}&token=catalog%7C`,
			),
		);
	});

	const long = `${'a'.repeat(252)}.png`; // 256 characters
	const cases: Array<[string, unknown, string, number, string]> = [
		[
			'no fields',
			{ fileContent: ['a.png', 'x'] },
			'admin',
			100,
			'Could not find value for parameter {fields}',
		],
		[
			'fields not an array',
			{ fields: 'abc', fileContent: ['a.png', 'x'] },
			'admin',
			100,
			'Invalid value {abc} to match with parameter {fields}. Should be value of type array.',
		],
		[
			'no fileContent',
			{ fields: { productId: 101 } },
			'admin',
			100,
			'Could not find value for parameter {fileContent}',
		],
		['viewer', addPayload(101, 'a.png', PNG), 'viewer', 200040300020, 'Access Denied'],
		['noAccess', addPayload(101, 'a.png', PNG), 'noAccess', 200040300020, 'Access Denied'],
		[
			'viewer, binding first',
			{ fields: { productId: 101 } },
			'viewer',
			100,
			'Could not find value for parameter {fileContent}',
		],
		[
			'no productId',
			{ fields: { type: 'MORE_PHOTO' }, fileContent: ['a.png', 'x'] },
			'admin',
			0,
			'Required fields: productId',
		],
		[
			'empty fields',
			{ fields: {}, fileContent: ['a.png', 'x'] },
			'admin',
			0,
			'Required fields: productId',
		],
		['unknown product', addPayload(999, 'a.png', PNG), 'admin', 0, 'Product was not found'],
		['productId abc', addPayload('abc', 'a.png', PNG), 'admin', 0, 'Product was not found'],
		[
			'no content',
			{ fields: { productId: 101 }, fileContent: ['a.png'] },
			'admin',
			0,
			UPLOAD_ERRORS.notSaved,
		],
		[
			'empty content',
			{ fields: { productId: 101 }, fileContent: ['a.png', ''] },
			'admin',
			0,
			UPLOAD_ERRORS.notSaved,
		],
		['no file name', addPayload(101, '', PNG), 'admin', 0, UPLOAD_ERRORS.noName],
		['a path as name', addPayload(101, 'dir/a.png', PNG), 'admin', 0, UPLOAD_ERRORS.badCharacters],
		['a long name', addPayload(101, long, PNG), 'admin', 0, UPLOAD_ERRORS.nameTooLong],
		['no image extension', addPayload(101, 'notes.txt', PNG), 'admin', 0, UPLOAD_ERRORS.notAnImage],
		[
			'no image content',
			addPayload(101, 'fake.png', Buffer.from('hello')),
			'admin',
			0,
			UPLOAD_ERRORS.notAnImage,
		],
	];

	it.each(cases)('refuses %s', async (_, payload, webhook, code, description) => {
		const answer = await postJson(url(ADD, webhook), payload);

		expect(answer.status).toBe(400);
		expect(answer.body).toEqual(error(code, description));
		expect(emu.portal.image(1008)).toBeUndefined();
	});

	it('answers the texts it documents', () => {
		expect(UPLOAD_ERRORS).toEqual({
			notSaved: 'Could not save image.',
			tooLarge: 'Maximum allowed size of the file to upload exceeded',
			noName: 'The file name is not specified.',
			badCharacters: 'The filename contains invalid characters.',
			nameTooLong: 'Filename is too long.',
			notAnImage: 'File is not a valid picture',
		});
	});

	it('accepts files up to the upload limit, which reset() restores', async () => {
		emu.maxUploadBytes = PNG.length - 1;
		const over = await postJson(url(ADD), addPayload(101, 'a.png', PNG));
		emu.maxUploadBytes = PNG.length;
		const exact = await postJson(url(ADD), addPayload(101, 'a.png', PNG));

		expect(over.body).toEqual(error(0, UPLOAD_ERRORS.tooLarge));
		expect(exact.status).toBe(200);
		emu.reset();
		expect(emu.maxUploadBytes).toBe(50 * 1024 * 1024);
	});

	it('takes the upload limit from start()', async () => {
		const small = await Bitrix24Emulator.start({ maxUploadBytes: 8 });
		try {
			const answer = await postJson(small.webhookUrl() + ADD, addPayload(101, 'a.png', PNG));
			expect(answer.body).toEqual(error(0, UPLOAD_ERRORS.tooLarge));
			small.reset();
			expect(small.maxUploadBytes).toBe(8);
		} finally {
			await small.stop();
		}
	});
});

describe('catalog.productImage.get', () => {
	it('answers the image', async () => {
		const answer = await postJson(url(GET), { productId: 101, id: 1002 });

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			result: { productImage: seededPreview() },
			time: expect.any(Object),
		});
	});

	it('lets a viewer read', async () => {
		expect((await get(`${url(GET, 'viewer')}?productId=101&id=1002`)).status).toBe(200);
	});

	it.each([
		['no productId', { id: 1002 }, 'admin', 100, 'Could not find value for parameter {productId}'],
		['no id', { productId: 101 }, 'admin', 100, 'Could not find value for parameter {id}'],
		['noAccess', { productId: 101, id: 1002 }, 'noAccess', 200040300010, 'Access Denied'],
		['unknown product', { productId: 999, id: 1002 }, 'admin', 0, 'Product was not found'],
		['productId 0', { productId: 0, id: 1002 }, 'admin', 0, 'Empty productID'],
		['unknown image', { productId: 101, id: 999 }, 'admin', 0, 'Image does not exist'],
		["another product's image", { productId: 102, id: 1002 }, 'admin', 0, 'Image does not exist'],
	])('refuses %s', async (_, payload, webhook, code, description) => {
		const answer = await postJson(url(GET, webhook), payload);

		expect(answer.status).toBe(400);
		expect(answer.body).toEqual(error(code, description));
	});
});

describe('catalog.productImage.list', () => {
	it('answers every image with every field, and the total', async () => {
		const answer = await postJson(url(LIST), { productId: 101 });

		expect(answer.status).toBe(200);
		expect(Object.keys(answer.body as object)).toEqual(['result', 'total', 'time']);
		const { productImages } = resultOf(answer) as { productImages: Array<Record<string, unknown>> };
		expect(productImages.map(({ id, type }) => [id, type])).toEqual([
			[1001, 'DETAIL_PICTURE'],
			[1002, 'PREVIEW_PICTURE'],
			[1003, 'MORE_PHOTO'],
			[1004, 'MORE_PHOTO'],
		]);
		expect(productImages[1]).toEqual(seededPreview());
		expect((answer.body as { total: number }).total).toBe(4);
	});

	it.each([
		['the fields asked for, in that order', ['type', 'id', 'type'], ['type', 'id']],
		['no unknown fields', ['name', 'bogus'], ['name']],
		[
			'every field for nothing known',
			['bogus'],
			['id', 'name', 'productId', 'type', 'createTime', 'downloadUrl', 'detailUrl'],
		],
		[
			'every field for an empty select',
			[],
			['id', 'name', 'productId', 'type', 'createTime', 'downloadUrl', 'detailUrl'],
		],
	])('selects %s', async (_, select, keys) => {
		const answer = await postJson(url(LIST), { productId: 102, select });

		const [image] = (resultOf(answer) as { productImages: object[] }).productImages;
		expect(Object.keys(image)).toEqual(keys);
	});

	it('reads select from PHP-style keys, and lists by id after a replacement', async () => {
		await postJson(url(ADD), addPayload(101, 'front-2.png', PNG, 'DETAIL_PICTURE'));
		const answer = await get(`${url(LIST)}?productId=101&select[]=id&select[]=type`);

		expect(resultOf(answer).productImages).toEqual([
			{ id: 1002, type: 'PREVIEW_PICTURE' },
			{ id: 1003, type: 'MORE_PHOTO' },
			{ id: 1004, type: 'MORE_PHOTO' },
			{ id: 1008, type: 'DETAIL_PICTURE' },
		]);
	});

	it('answers an empty list for a product without images', async () => {
		const answer = await postJson(url(LIST, 'viewer'), { productId: 105 });

		expect(answer.body).toEqual({
			result: { productImages: [] },
			total: 0,
			time: expect.any(Object),
		});
	});

	it.each([
		['no productId', {}, 'admin', 100, 'Could not find value for parameter {productId}'],
		[
			'select not an array',
			{ productId: 101, select: 'id' },
			'admin',
			100,
			'Invalid value {id} to match with parameter {select}. Should be value of type array.',
		],
		['noAccess', { productId: 101 }, 'noAccess', 200040300010, 'Access Denied'],
		['unknown product', { productId: 999 }, 'admin', 0, 'Product was not found'],
	])('refuses %s', async (_, payload, webhook, code, description) => {
		const answer = await postJson(url(LIST, webhook), payload);

		expect(answer.status).toBe(400);
		expect(answer.body).toEqual(error(code, description));
	});
});

describe('catalog.productImage.getFields', () => {
	const readOnly = (type: string) => ({
		isImmutable: false,
		isReadOnly: true,
		isRequired: false,
		type,
	});

	it('describes the image fields', async () => {
		const answer = await get(url(GET_FIELDS, 'viewer'));

		expect(answer.body).toEqual({
			result: {
				productImage: {
					id: readOnly('integer'),
					name: readOnly('string'),
					productId: { isImmutable: false, isReadOnly: false, isRequired: true, type: 'string' },
					type: { isImmutable: false, isReadOnly: false, isRequired: false, type: 'string' },
					createTime: readOnly('datetime'),
					downloadUrl: readOnly('string'),
					detailUrl: readOnly('string'),
				},
			},
			time: expect.any(Object),
		});
	});

	it('refuses a user who may not view the catalog', async () => {
		const answer = await get(url(GET_FIELDS, 'noAccess'));

		expect(answer.status).toBe(400);
		expect(answer.body).toEqual(error(200040300010, 'Access Denied'));
	});
});

describe('image files', () => {
	it('serves the bytes at the detail URL to anyone, with their type', async () => {
		const added = await postJson(url(ADD), addPayload(104, 'kit photo.jpg', JPEG));
		const { detailUrl: path } = resultOf(added).productImage as { detailUrl: string };
		const seeded = await fetch(emu.baseUrl + (emu.portal.image(1001)?.detailUrl ?? ''));
		const jpeg = await fetch(emu.baseUrl + path);

		expect(path).toMatch(/\/kit%20photo\.jpg$/);
		expect(seeded.status).toBe(200);
		expect(seeded.headers.get('content-type')).toBe('image/png');
		expect(Buffer.from(await seeded.arrayBuffer())).toEqual(emu.portal.image(1001)?.bytes);
		expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
		expect(Buffer.from(await jpeg.arrayBuffer())).toEqual(JPEG);
		expect(emu.requests.at(-1)).toMatchObject({ path, status: 200 });
	});

	it('answers a plain 404 for other paths under /upload/ and for deleted images', async () => {
		const path = emu.portal.image(1003)?.detailUrl ?? '';
		await postJson(url('catalog.productImage.delete'), { productId: 101, id: 1003 });

		for (const missing of [path, '/upload/iblock/000/nothing.png', '/upload/']) {
			const answer = await get(emu.baseUrl + missing);
			expect([answer.status, answer.text]).toEqual([404, 'Not Found']);
		}
	});

	it('takes faults aimed at uploads', async () => {
		emu.injectFault({ kind: 'html', status: 502, method: 'upload' });

		expect((await get(url('profile'))).status).toBe(200);
		expect((await get(emu.baseUrl + (emu.portal.image(1001)?.detailUrl ?? ''))).status).toBe(502);
	});

	it('does not serve the signed download URL through a webhook', async () => {
		const answer = await postJson(url(GET), { productId: 101, id: 1002 });
		const { downloadUrl } = resultOf(answer).productImage as { downloadUrl: string };
		const token = decodeURIComponent(new URL(downloadUrl).searchParams.get('token') ?? '');
		const [scope, query] = token.split('|');

		expect(downloadUrl).toContain(emu.webhooks.admin.secret);
		expect(scope).toBe('catalog');
		expect(Buffer.from(query, 'base64').toString()).toMatch(/^id=1002&_=[A-Za-z0-9]{32}$/);
		const download = await get(downloadUrl);
		expect(download.status).toBe(404);
		expect(download.body).toEqual(error('ERROR_METHOD_NOT_FOUND', 'Method not found!'));
	});
});

describe('the noAccess webhook', () => {
	it('has the catalog scope but no right in the catalog', async () => {
		expect((await get(url('scope', 'noAccess'))).body).toMatchObject({ result: ['catalog'] });
		expect(
			(await postJson(url('catalog.productImage.delete', 'noAccess'), { productId: 101, id: 1003 }))
				.body,
		).toEqual(error(200040300020, 'Access Denied'));
	});

	it('reads once the view right is granted through it', async () => {
		emu.webhooks.noAccess.canViewCatalog = true;

		expect((await postJson(url(LIST, 'noAccess'), { productId: 101 })).status).toBe(200);
		emu.reset();
		expect(emu.webhooks.noAccess.canViewCatalog).toBe(false);
	});
});
