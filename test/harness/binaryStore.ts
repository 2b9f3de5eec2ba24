/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling, never shipped */
import type { Container as DiContainer } from '@n8n/di';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import type { INodeExecutionData } from 'n8n-workflow';

// n8n-core keeps its services in its own copy of the DI container: reach that one.
const { Container } = createRequire(require.resolve('n8n-core'))('@n8n/di') as {
	Container: typeof DiContainer;
};

/**
 * Binary data in n8n's filesystem mode: files stay on disk and items hold only a reference
 * (`id`), as on an n8n instance with N8N_DEFAULT_BINARY_DATA_MODE=filesystem. Call once per test
 * file, before the runs: it switches n8n-core's binary data service for the whole file.
 */
export async function useFilesystemBinaryData(): Promise<void> {
	const config = Container.get(BinaryDataConfig);
	config.mode = 'filesystem';
	config.localStoragePath = mkdtempSync(join(tmpdir(), 'n8n-bitrix24-binary-'));
	await Container.get(BinaryDataService).init();
}

/** An input item whose file n8n keeps on disk; `knownSize: false` leaves its size out, as some nodes do. */
export async function storedBinaryItem(
	content: Buffer | Readable,
	fileName: string,
	mimeType: string,
	{ knownSize = true } = {},
): Promise<INodeExecutionData> {
	const binary = await Container.get(BinaryDataService).store(
		{ type: 'execution', workflowId: 'test-workflow', executionId: 'test-execution' },
		content,
		{ data: '', mimeType, fileName, fileExtension: fileName.split('.').pop() },
	);
	if (!binary.id) throw new Error('n8n kept the file in memory: call useFilesystemBinaryData first');
	if (!knownSize) {
		delete binary.bytes;
		delete binary.fileSize;
	}
	return { json: {}, binary: { data: binary } };
}
