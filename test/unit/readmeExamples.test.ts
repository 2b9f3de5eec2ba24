/* eslint-disable @n8n/community-nodes/no-restricted-imports -- reads the repository's own files */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_ROOT } from '../n8n/userFolder';

/**
 * Each example started by n8n's Webhook node is listed in the README with a body to send it,
 * and that body has every field the workflow reads from the request.
 */

const README = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
const EXAMPLES = join(PACKAGE_ROOT, 'examples');
const webhookExamples = readdirSync(EXAMPLES).filter((file) =>
	readFileSync(join(EXAMPLES, file), 'utf8').includes('"n8n-nodes-base.webhook"'),
);

/** The JSON values among a README line's code spans. */
function jsonSamples(line: string): unknown[] {
	return [...line.matchAll(/`([[{][^`]*)`/g)].flatMap((match) => {
		try {
			return [JSON.parse(match[1]) as unknown];
		} catch {
			return [];
		}
	});
}

/** Every key in a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(keysOf);
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

describe("the README's webhook examples", () => {
	it('are four or more', () => {
		expect(webhookExamples.length).toBeGreaterThanOrEqual(4);
	});

	it.each(webhookExamples)('%s: a sample body with every field the workflow reads', (file) => {
		const row = README.split('\n').find((line) => line.startsWith(`| [${file}](`));
		expect(row).toBeDefined();
		const samples = jsonSamples(row!);
		expect(samples.length).toBeGreaterThan(0);
		const read = [
			...new Set(
				[...readFileSync(join(EXAMPLES, file), 'utf8').matchAll(/\bbody\.(\w+)/g)].map(
					(match) => match[1],
				),
			),
		];
		const given = new Set(samples.flatMap(keysOf));
		expect(read.filter((field) => !given.has(field))).toEqual([]);
	});
});
