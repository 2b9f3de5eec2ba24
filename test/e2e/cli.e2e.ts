import { exampleWorkflows } from '../harness/examples';
import { deleteWorkflow, useN8n } from './fixture';

describe('n8n CLI: import and execute workflows with this package', () => {
	const context = useN8n(5690);

	beforeAll(async () => {
		await context.n8n.importWorkflows([
			deleteWorkflow('e2eDeleteWebhook', 'Delete with webhook', 101, 1001),
			deleteWorkflow('e2eDeleteMissing', 'Delete a missing image', 101, 999),
			deleteWorkflow('e2eDeleteOAuth02', 'Delete with OAuth2', 101, 1002, 'oAuth2'),
			...exampleWorkflows(),
		]);
	});

	it('deletes an image: output result true, the image gone from the portal', async () => {
		const { code, run, output } = await context.n8n.execute('e2eDeleteWebhook');
		expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
		const runData = (
			run as {
				data: { resultData: { runData: Record<string, Array<{ data: { main: unknown[][] } }>> } };
			}
		).data.resultData.runData;
		expect(runData['Delete product image'][0].data.main[0]).toEqual([
			{ json: { result: true }, pairedItem: { item: 0 } },
		]);
		expect(context.emulator.portal.image(1001)).toBeUndefined();
		expect(
			context.emulator.restCalls('catalog.productImage.delete').map((call) => call.params),
		).toEqual([{ productId: 101, id: 1001 }]);
	});

	it('fails on a missing image with the Bitrix24 code in the execution n8n stored', async () => {
		const { code } = await context.n8n.execute('e2eDeleteMissing');
		expect(code).toBe(1);

		const stored = (await context.n8n.storedExecutions()).filter(
			(run) => run.workflowId === 'e2eDeleteMissing',
		);
		expect(stored).toHaveLength(1);
		expect(stored[0].status).toBe('error');
		expect(stored[0].data.resultData.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Bitrix24 error 0: Image does not exist',
			httpCode: '400',
			context: {
				itemIndex: 0,
				bitrix24: { code: '0', description: 'Image does not exist', httpCode: '400' },
			},
		});
	});

	it('refreshes an expired OAuth2 token itself and stores the new one in its database', async () => {
		const { emulator, n8n } = context;
		const before = (await n8n.exportCredentials()).find(
			(credential) => credential.type === 'bitrix24OAuth2Api',
		)!;
		const oldToken = (before.data.oauthTokenData as { access_token: string }).access_token;
		emulator.oauth.expireAccessTokens();

		const { code, output } = await n8n.execute('e2eDeleteOAuth02');

		expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
		expect(emulator.oauth.refreshCount).toBe(1);
		expect(emulator.portal.image(1002)).toBeUndefined();
		const after = (await n8n.exportCredentials()).find(
			(credential) => credential.type === 'bitrix24OAuth2Api',
		)!;
		const newToken = (after.data.oauthTokenData as { access_token: string }).access_token;
		expect(newToken).not.toBe(oldToken);
		expect(emulator.oauth.accessToken(newToken)).toBeDefined();
	});

	it('runs the example that copies images: list, download, upload, with binary data kept by n8n', async () => {
		const { emulator, n8n } = context;
		emulator.reset();
		const source = emulator.portal.imagesOf(101);

		const { code, output } = await n8n.execute('b24ExampleCopyIm');

		expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
		const copies = emulator.portal.imagesOf(105);
		expect(copies.map((image) => [image.name, image.type])).toEqual(
			source.map((image) => [image.name, 'MORE_PHOTO']),
		);
		copies.forEach((copy, index) => expect(copy.bytes.equals(source[index].bytes)).toBe(true));
	});

	it('runs the example that deletes a product image', async () => {
		const { emulator, n8n } = context;
		emulator.reset();
		const { code, output } = await n8n.execute('b24ExampleDelete');
		expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
		expect(emulator.portal.image(1001)).toBeUndefined();
	});
});
