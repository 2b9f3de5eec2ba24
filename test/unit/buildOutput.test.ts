/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs the project's own build */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { runQuietly } from '../n8n/runtime';
import { PACKAGE_ROOT } from '../n8n/userFolder';

/**
 * `npm run build > build.log`: a log read later, or a CI's, gets each step once on a line of its
 * own, without the spinner's frames, colours or cursor moves.
 */
const { n8n } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};

describe('the build, with its output redirected', () => {
	it('prints plain lines', async () => {
		// As a user's shell has it: no CI, no forced colours (jest's own settings stay out).
		const env = Object.fromEntries(
			Object.entries(process.env).filter(([name]) => !/^(CI|FORCE_COLOR|NO_COLOR)$/.test(name)),
		);
		const { code, output } = await runQuietly(
			process.execPath,
			[join(PACKAGE_ROOT, 'node_modules', 'gulp', 'bin', 'gulp.js'), 'build'],
			{ cwd: PACKAGE_ROOT, env },
		);
		expect(code).toBe(0);
		expect(output).not.toContain('\x1b');
		const lines = output.split('\n');
		expect(lines).toEqual(
			expect.arrayContaining([
				'◇  TypeScript build successful',
				'◇  Copied static files',
				`Package complete: ${n8n.nodes.length} node(s), ${n8n.credentials.length} credential(s).`,
			]),
		);
		expect(lines.filter((line) => line.includes('Building TypeScript files'))).toHaveLength(1);
	}, 120_000);
});
