/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// n8n-core writes its settings below N8N_USER_FOLDER when first loaded: keep that out of ~/.n8n.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-bitrix24-test-'));
process.env.N8N_LOG_LEVEL ??= 'silent';
