import { postJson } from '../emulator/testClient';
import { connectTriggers, loadExample } from '../harness/examples';
import { nodeOutput, usePortal, useWorkflowHost } from './fixtures';

const portal = usePortal();
const hosting = useWorkflowHost(portal);

/** Imports an example, connects its triggers to the portal and activates it. */
async function activateExample(file: string) {
	const { host } = hosting;
	const example = loadExample(file);
	const json = connectTriggers(example, portal.emulator, (trigger) =>
		host.webhookUrl(example, trigger.name),
	);
	return { json, workflow: await host.activate(json) };
}

const imageIds = (productId: number) =>
	portal.emulator.portal.imagesOf(productId).map((image) => image.id);

describe('example: remove gallery images when a product is deactivated', () => {
	const FILE = 'remove-gallery-images-of-deactivated-products.json';

	it('deletes the gallery images of a product deactivated in Bitrix24, and only those', async () => {
		const { emulator } = portal;
		await activateExample(FILE);
		emulator.portal.updateProduct(101, { active: 'N' });
		const execution = await hosting.firstExecution();
		expect(execution.run?.data.resultData.error).toBeUndefined();
		expect(imageIds(101)).toEqual([1001, 1002]);
		expect(nodeOutput(execution.run, 'Remove its gallery images')).toEqual([
			{
				productId: 101,
				deletedCount: 2,
				deleted: [
					expect.objectContaining({ id: 1003, type: 'MORE_PHOTO' }),
					expect.objectContaining({ id: 1004, type: 'MORE_PHOTO' }),
				],
			},
		]);
	});

	it('leaves an active product alone', async () => {
		const { emulator } = portal;
		await activateExample(FILE);
		emulator.portal.updateProduct(101, { name: 'Espresso machine Pro' });
		const execution = await hosting.firstExecution();
		expect(nodeOutput(execution.run, 'Was it deactivated?')).toEqual([]);
		expect(imageIds(101)).toEqual([1001, 1002, 1003, 1004]);
		expect(emulator.restCalls().map((call) => call.restMethod)).toEqual(['catalog.product.get']);
	});
});

describe('example: keep only the newest gallery images', () => {
	it('deletes all but the five newest gallery images when the product is updated', async () => {
		const { emulator } = portal;
		await activateExample('keep-newest-gallery-images.json');
		const added = [1, 2, 3, 4].map(() => emulator.portal.addImage(101, { type: 'MORE_PHOTO' }).id);
		emulator.portal.updateProduct(101, { name: 'Espresso machine, new photos' });
		const execution = await hosting.firstExecution();
		expect(execution.run?.data.resultData.error).toBeUndefined();
		// Six gallery images (1003, 1004 and four new ones): the oldest, 1003, goes.
		expect(imageIds(101)).toEqual([1001, 1002, 1004, ...added]);
	});
});

describe('example: delete a product image another system withdrew', () => {
	it("deletes the image a POST to n8n's Webhook node names, and answers with the result", async () => {
		const { emulator } = portal;
		const { json } = await activateExample('delete-withdrawn-image.json');
		const url = hosting.host.webhookUrl(json, 'When an image is withdrawn');
		expect(url).toMatch(/\/webhook\/bitrix24-image-withdrawn$/);
		const answer = await postJson(url, { productId: 101, imageId: 1003 });
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ result: true });
		expect(imageIds(101)).toEqual([1001, 1002, 1004]);
		expect(emulator.restCalls('catalog.productImage.delete').map((call) => call.params)).toEqual([
			{ productId: 101, id: 1003 },
		]);
	});

	it('answers 500 and deletes nothing when the withdrawal names no image', async () => {
		const { emulator } = portal;
		const { json } = await activateExample('delete-withdrawn-image.json');
		const answer = await postJson(hosting.host.webhookUrl(json, 'When an image is withdrawn'), {
			productId: 101,
		});
		expect(answer.status).toBe(500);
		const [execution] = await hosting.host.executionsDone(1);
		expect(execution.run?.data.resultData.error?.message).toBe('Image ID is empty [item 0]');
		expect(emulator.requests).toEqual([]);
	});
});
