/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling, never shipped */
import { dirname } from 'node:path';

import type { Logger } from '@n8n/backend-common';

/**
 * The logger n8n-core hands a node as `this.logger`: the one in n8n-core's own DI container,
 * which may be another copy of @n8n/di than the one a test would import.
 */
export function nodeLogger(): Logger {
	const fromCore = (name: string): unknown =>
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the copy n8n-core resolves
		require(require.resolve(name, { paths: [dirname(require.resolve('n8n-core'))] }));
	const { Container } = fromCore('@n8n/di') as typeof import('@n8n/di');
	const { Logger: LoggerClass } = fromCore('@n8n/backend-common') as typeof import('@n8n/backend-common');
	return Container.get(LoggerClass);
}
