/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling, never shipped */
/**
 * Copies the documented examples of the catalog reference into `pages.json`: for each method page
 * the request of its cURL (Webhook) example, the answers shown under "Response Handling" and
 * "Error Handling", and the rows of its error table. The reference tests read that copy, so CI
 * needs no docs checkout.
 *
 * Run after the docs change: `npx tsc -p test/tsconfig.json && node .build/test/emulator/reference/extract.js <docs>`
 * where <docs> is a checkout of github.com/bitrix24/b24restdocs (MIT).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { DocumentedErrorRow, ReferencePage } from './pages';

function markdownFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return entry.name === 'events' ? [] : markdownFiles(path);
		return entry.name.endsWith('.md') && entry.name !== 'index.md' ? [path] : [];
	});
}

/** The text between a heading matching `from` and the next heading matching `to` (or the end). */
function part(text: string, from: RegExp, to: RegExp): string {
	const start = text.search(from);
	if (start === -1) return '';
	const rest = text.slice(start + 1);
	const end = rest.search(to);
	return end === -1 ? rest : rest.slice(0, end);
}

/** A JSON block as a page shows it: `// ...other rows` lines and the commas before them dropped. */
function parseJson(body: string): unknown {
	const plain = body.replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[\]}])/g, '$1');
	try {
		return JSON.parse(plain) as unknown;
	} catch {
		return { unreadable: body };
	}
}

function jsonBlocks(text: string): unknown[] {
	return [...text.matchAll(/```json\s*\n([\s\S]*?)```/g)].map(([, body]) => parseJson(body));
}

/** The cURL (Webhook) example: its method and its JSON body (`{}` when it sends none). */
function webhookRequest(text: string): { method: string; params: unknown } | undefined {
	const tab = text.indexOf('- cURL (Webhook)');
	if (tab === -1) return undefined;
	const block = /```(?:bash|curl)\s*\n([\s\S]*?)```/.exec(text.slice(tab));
	if (!block) return undefined;
	const url = /\*\*put_your_webhook_here\*\*\/([\w.]+)/.exec(block[1]);
	if (!url) return undefined;
	const body = /-d\s+'([\s\S]*?)'\s*\\?\s*\n/.exec(block[1]);
	// Soft hyphens the pages put into long base64 strings are no part of the data.
	const json = body ? body[1].replace(/\u00ad/g, '') : '{}';
	try {
		return { method: url[1], params: JSON.parse(json) as unknown };
	} catch {
		return undefined;
	}
}

function cells(row: string): string[] {
	return row.split('|').map((cell) =>
		cell
			.replace(/\*\*/g, '')
			.trim()
			.replace(/^`|`$/g, '')
			.trim(),
	);
}

// A code cell the pages write as "Empty value" stands for an empty code (`"error": ""`).
const EMPTY_CODE = /^(Empty value|-)$/;

/** The rows of the error table; a row may span lines (`|| a | b` then `||` on the next). */
function errorRows(text: string): DocumentedErrorRow[] {
	const table = part(text, /^### Possible Error Codes/m, /^\|#/m);
	const joined = table.slice(table.indexOf('||')).replace(/\s*\n\s*/g, ' ').trim();
	const rows = joined
		.replace(/^\|\|/, '')
		.replace(/\|\|$/, '')
		.split(/\|\|\s*\|\|/)
		.filter((row) => row.trim() !== '');
	if (rows.length === 0) return [];
	const header = cells(rows[0]).map((name) => name.toLowerCase());
	const column = (name: string) => header.indexOf(name);
	const [status, code, description] = [column('status'), column('code'), column('description')];
	return rows.slice(1).map((row) => {
		const values = cells(row);
		return {
			code: EMPTY_CODE.test(values[code]) ? '' : values[code],
			description: values[description] ?? '',
			...(status === -1 ? {} : { status: Number(values[status]) }),
		};
	});
}

function page(docs: string, file: string): ReferencePage | undefined {
	const text = readFileSync(file, 'utf8');
	const request = webhookRequest(text);
	const title = /^# .*?(catalog\.[\w.]+)\s*$/m.exec(text);
	const method = request?.method ?? title?.[1];
	if (!method) return undefined;
	const responses = part(text, /^## Response Handling/m, /^## Error Handling/m);
	const errors = part(text, /^## Error Handling/m, /^### Possible Error Codes/m);
	return {
		source: relative(docs, file),
		method,
		...(request ? { request: request.params } : {}),
		responses: jsonBlocks(responses),
		errorExamples: jsonBlocks(errors),
		errorTable: errorRows(text),
	};
}

function main(): void {
	const docs = process.argv[2];
	if (!docs) throw new Error('Usage: extract <b24restdocs checkout>');
	const pages = markdownFiles(join(docs, 'api-reference/catalog'))
		.sort()
		.map((file) => page(docs, file))
		.filter((found): found is ReferencePage => found !== undefined);
	const out = join(__dirname, '../../../../test/emulator/reference/pages.json');
	writeFileSync(out, JSON.stringify(pages, null, '\t') + '\n');
	process.stdout.write(`${pages.length} pages written to ${out}\n`);
}

main();
