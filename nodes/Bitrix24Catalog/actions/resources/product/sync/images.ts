import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { itemError } from '../../../../helpers/itemError';
import type { Bitrix24Call } from '../../../../transport';
import { FileContent } from '../../../../transport/jsonBody';
import { unwrapImages } from '../../productImage/image';
export { deleteImageCall } from '../../productImage/delete.operation';
import { checkImageContent, checkImageMetadata, imageTypeOf } from '../../productImage/imageFile';
import { itemParameter } from './itemParameter';
import type { SyncSettings } from './wanted';

/**
 * An image of the feed and its fingerprint: of a URL, the URL itself (so an unchanged URL is not
 * even downloaded); of binary data, its bytes. The fingerprint goes into the uploaded file's name
 * (`<fingerprint>-<name>`) and, once a product's images are all in place, into the product's
 * fingerprint property: the next run compares that property with the feed, reading no image.
 */
export interface ImageSource {
	fingerprint: string;
	fileName: string;
	/** The bytes, read only when the image is uploaded. */
	load(): Promise<Buffer>;
}

const FINGERPRINT_LENGTH = 16;

function fingerprintOf(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex').slice(0, FINGERPRINT_LENGTH);
}

/** The fingerprints a product's property holds: `a1b2...,c3d4...`. */
export function storedFingerprints(value: unknown): string[] {
	const text = typeof value === 'object' && value !== null ? (value as IDataObject).value : value;
	return String(text ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
}

/** The fingerprint an uploaded image carries in its name, if it carries one. */
function fingerprintInName(name: unknown): string | undefined {
	const match = /^([0-9a-f]{16})-/.exec(String(name ?? ''));
	return match?.[1];
}

function safeName(name: string): string {
	const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80);
	return /\.[A-Za-z0-9]+$/.test(cleaned) ? cleaned : `${cleaned || 'image'}.jpg`;
}

/** The item's images in order, each checked (URL host, binary type) before anything is sent. */
export async function readImageSources(
	context: IExecuteFunctions,
	settings: SyncSettings,
	itemIndex: number,
): Promise<ImageSource[] | undefined> {
	const node = context.getNode();
	const raw = String(itemParameter(context, 'syncImages', itemIndex, '') ?? '');
	const entries = raw
		.split(/[,\n]/)
		.map((entry) => entry.trim())
		.filter(Boolean);
	if (entries.length === 0) return undefined;
	const sources: ImageSource[] = [];
	for (const [index, entry] of entries.entries()) {
		const where = `Images: image ${index + 1}`;
		if (/^https?:\/\//i.test(entry)) {
			let url: URL;
			try {
				url = new URL(entry);
			} catch {
				throw itemError(node, `${where}: "${entry}" is not a URL`, itemIndex);
			}
			if (!settings.imageHosts.includes(url.hostname.toLowerCase())) {
				throw itemError(
					node,
					`${where}: the host ${url.hostname} is not among Options → Allowed Image Hosts`,
					itemIndex,
					'Add the host of your feed to Allowed Image Hosts, or give the image as binary data.',
				);
			}
			sources.push({
				fingerprint: fingerprintOf(`url:${url.href}`),
				fileName: safeName(decodeURIComponent(url.pathname.split('/').pop() ?? '')),
				load: async () => {
					const body = (await context.helpers.httpRequest({
						method: 'GET',
						url: url.href,
						encoding: 'arraybuffer',
						json: false,
					})) as ArrayBuffer | Buffer;
					return Buffer.isBuffer(body) ? body : Buffer.from(body);
				},
			});
			continue;
		}
		const binary = context.helpers.assertBinaryData(itemIndex, entry);
		const fileName = safeName(binary.fileName ?? `image.${binary.fileExtension ?? 'jpg'}`);
		checkImageMetadata(node, binary, fileName, itemIndex);
		const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, entry);
		checkImageContent(node, { size: bytes.length, head: bytes.subarray(0, 8) }, fileName, itemIndex);
		sources.push({
			fingerprint: fingerprintOf(bytes),
			fileName,
			load: async () => await context.helpers.getBinaryDataBuffer(itemIndex, entry),
		});
	}
	return sources;
}

/** A product's image as the portal lists it, with the fingerprint its name carries. */
export interface PortalImage {
	id: number;
	type: string;
	fingerprint?: string;
}

export function imagesListCall(productId: number): Bitrix24Call {
	return {
		method: 'catalog.productImage.list',
		params: { productId, select: ['id', 'name', 'productId', 'type'] },
	};
}

/** The listed images in the order the feed gives them: the detail picture, then the gallery by ID. */
export function portalImages(result: unknown): PortalImage[] {
	const rank = (type: string) => (type === 'DETAIL_PICTURE' ? 0 : type === 'MORE_PHOTO' ? 1 : 2);
	return unwrapImages(result)
		.filter((image) => image.type !== 'PREVIEW_PICTURE')
		.map((image) => ({
			id: Number(image.id),
			type: String(image.type),
			fingerprint: fingerprintInName(image.name),
		}))
		.sort((a, b) => rank(a.type) - rank(b.type) || a.id - b.id);
}

/** An upload the plan asks for: which image goes where. */
export interface ImageUpload {
	source: ImageSource;
	position: number;
}

/**
 * What brings a product's images in line: those already there in the feed's order, from the
 * first, are kept; the rest are deleted and the feed's remaining images uploaded in order. A run
 * stopped between the uploads leaves the first ones in place, which the next run keeps.
 */
export function imageChanges(
	current: PortalImage[],
	wanted: ImageSource[],
): { deletes: PortalImage[]; uploads: ImageUpload[] } {
	let kept = 0;
	while (kept < current.length && kept < wanted.length && current[kept].fingerprint === wanted[kept].fingerprint) kept++;
	return {
		deletes: current.slice(kept),
		uploads: wanted.slice(kept).map((source, index) => ({ source, position: kept + index })),
	};
}

/**
 * The upload of one image, its bytes read and checked now: the first image is the detail
 * picture, the others the gallery's. Its file rides in a batch when small enough (see the
 * transport's carriage); an answer lost is looked up by the file's name, not sent again.
 */
export async function imageUploadCall(
	context: IExecuteFunctions,
	productId: number,
	{ source, position }: ImageUpload,
	itemIndex: number,
): Promise<Bitrix24Call> {
	const type = position === 0 ? 'DETAIL_PICTURE' : 'MORE_PHOTO';
	const fileName = `${source.fingerprint}-${source.fileName}`;
	const bytes = await source.load();
	const node = context.getNode();
	if (!imageTypeOf(bytes)) {
		throw itemError(node, `Images: image ${position + 1} (${source.fileName}) is not an image Bitrix24 accepts`, itemIndex);
	}
	checkImageContent(node, { size: bytes.length, head: bytes.subarray(0, 8) }, source.fileName, itemIndex);
	return {
		method: 'catalog.productImage.add',
		params: { fields: { productId, type }, fileContent: new FileContent(fileName, bytes) as unknown as IDataObject },
		creates: {
			what: 'image',
			lookup: {
				call: imagesListCall(productId),
				pick: (result) => {
					const found = unwrapImages(result).find((image) => image.name === fileName && image.type === type);
					return found ? { productImage: found } : undefined;
				},
			},
		},
	};
}
