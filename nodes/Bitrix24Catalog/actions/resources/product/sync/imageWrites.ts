import type { IExecuteFunctions } from 'n8n-workflow';

import { fileBytesOf } from '../../../../transport/carriage';
import type { ImageUpload } from './images';
import { deleteImageCall, imageChanges, imagesListCall, imageUploadCall, portalImages } from './images';
import type { ProductPlan } from './plan';
import type { Sender } from './portalState';
import type { SyncSettings } from './wanted';
import type { Write } from './writes';
import { live, send } from './writes';

/** Images read at once, at most: their bytes are held until their requests are answered. */
const UPLOAD_GROUP_BYTES = 16 * 1024 * 1024;
/** Feed images fetched at the same time. */
const PARALLEL_READS = 8;

/**
 * The uploads in groups, each read (in parallel, a few at a time) and then sent, its small files
 * 50 to a request: memory holds one group's images, not the feed's. An image that cannot be read
 * fails its product, which gets no further image.
 */
async function uploadImages(
	context: IExecuteFunctions,
	portal: Sender,
	uploads: Array<{ plan: ProductPlan; upload: ImageUpload }>,
): Promise<void> {
	let next = 0;
	while (next < uploads.length) {
		const group: Write[] = [];
		let bytes = 0;
		while (next < uploads.length && bytes < UPLOAD_GROUP_BYTES) {
			const reading = uploads.slice(next, next + PARALLEL_READS);
			next += reading.length;
			const read = await Promise.all(
				reading.map(async ({ plan, upload }) => {
					if (plan.error) return undefined;
					try {
						const call = await imageUploadCall(context, plan.productId as number, upload, plan.wanted.itemIndex);
						return { call, plans: [plan] };
					} catch (error) {
						plan.error ??= error as Error;
						return undefined;
					}
				}),
			);
			for (const write of read) {
				if (!write) continue;
				group.push(write);
				bytes += fileBytesOf(write.call.params);
			}
		}
		await send(portal, group.filter((write) => !write.plans[0].error));
	}
}

/** Images that differ: listed, the ones out of order deleted, the rest uploaded, then the fingerprints kept. */
export async function writeImages(context: IExecuteFunctions, portal: Sender, settings: SyncSettings, plans: ProductPlan[]): Promise<void> {
	const property = settings.fingerprintProperty;
	const changing = live(plans).filter((plan) => plan.images && plan.productId);
	if (!property || changing.length === 0) return;
	const current = new Map<ProductPlan, ReturnType<typeof portalImages>>();
	await send(
		portal,
		changing
			.filter((plan) => plan.action !== 'create')
			.map((plan) => ({
				call: imagesListCall(plan.productId as number),
				plans: [plan],
				done: (result: unknown) => current.set(plan, portalImages(result)),
			})),
	);
	const steps = live(changing).map((plan) => ({ plan, ...imageChanges(current.get(plan) ?? [], plan.images ?? []) }));
	await send(
		portal,
		steps.flatMap(({ plan, deletes }) => deletes.map((image) => ({ call: deleteImageCall(plan.productId as number, image.id), plans: [plan] }))),
	);
	await uploadImages(
		context,
		portal,
		steps.flatMap(({ plan, uploads }) => uploads.map((upload) => ({ plan, upload }))),
	);
	await send(
		portal,
		live(changing).map((plan) => ({
			call: {
				method: 'catalog.product.update',
				params: {
					id: plan.productId,
					fields: { [property]: { value: (plan.images ?? []).map((image) => image.fingerprint).join(',') } },
				},
			},
			plans: [plan],
		})),
	);
}
