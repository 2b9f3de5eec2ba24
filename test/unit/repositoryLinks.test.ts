/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- reads and packs the package's own files */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { credentialTypes } from '../harness/credentialsHelper';
import { PACKAGE_NAME, PACKAGE_ROOT } from '../n8n/userFolder';

/**
 * The repository lives in one place, package.json's `repository`; every other link to the
 * project (homepage, bugs, README, CHANGELOG, the credentials' and nodes' documentation) is
 * derived from it and names a file or heading that exists. npmjs.com shows the README without
 * the repository's files, so the README links to them absolutely.
 */

const read = (file: string) => readFileSync(join(PACKAGE_ROOT, file), 'utf8');
const manifest = JSON.parse(read('package.json'));

/** `git+https://github.com/owner/name.git` → `https://github.com/owner/name`. */
const REPOSITORY = String(manifest.repository?.url ?? '')
	.replace(/^git\+/, '')
	.replace(/\.git$/, '');

/** The anchors GitHub (and npmjs.com) give a Markdown file's headings; code blocks hold none. */
function headingAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	let inCode = false;
	for (const line of markdown.split('\n')) {
		if (line.startsWith('```')) inCode = !inCode;
		const heading = !inCode && /^#{1,6}\s+(.*)$/.exec(line);
		if (!heading) continue;
		const slug = heading[1]
			.trim()
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

/** The targets of a Markdown file's links outside code: `[text](target)`, `[label]: target`, `<https://...>`. */
function markdownLinks(markdown: string): string[] {
	const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
	return [/\]\(([^)\s]+)\)/g, /^\[[^\]]+\]:\s*(\S+)/gm, /<(https?:\/\/[^>\s]+)>/g].flatMap((pattern) =>
		[...prose.matchAll(pattern)].map((match) => match[1]),
	);
}

/** The documentation links a node's codex file gives n8n. */
function codexLinks(file: string): string[] {
	const codex = JSON.parse(read(file)) as { resources?: Record<string, Array<{ url: string }>> };
	return Object.values(codex.resources ?? {}).flatMap((links) => links.map((link) => link.url));
}

const codexFiles = readdirSync(join(PACKAGE_ROOT, 'nodes', 'Bitrix24Catalog'))
	.filter((file) => file.endsWith('.node.json'))
	.map((file) => join('nodes', 'Bitrix24Catalog', file));

/** Every link to the project, by where it is written. */
const projectLinks = (
	[
	...['README.md', 'CHANGELOG.md'].flatMap((file) =>
		markdownLinks(read(file)).map((link): [string, string] => [file, link]),
	),
	...Object.values(credentialTypes).map((type): [string, string] => [
		`credential ${type.name}`,
		String(type.documentationUrl),
	]),
	...codexFiles.flatMap((file) => codexLinks(file).map((link): [string, string] => [file, link])),
	['package.json homepage', String(manifest.homepage)],
	['package.json bugs', String(manifest.bugs?.url)],
	] as Array<[string, string]>
).filter(([, link]) => link.includes(PACKAGE_NAME) || link.startsWith(REPOSITORY));

/** Why a link into the repository does not lead anywhere, or undefined when it does. */
function brokenRepositoryLink(link: string): string | undefined {
	const rest = link.slice(REPOSITORY.length);
	const anchorIn = (file: string, anchor: string) =>
		anchor === '' || headingAnchors(read(file)).has(anchor) ? undefined : `${file} has no heading #${anchor}`;
	if (rest === '' || rest === '#readme') return undefined;
	if (rest.startsWith('#')) return anchorIn('README.md', rest.slice(1));
	if (/^\/(issues|releases\/tag\/[\w.-]+|compare\/[\w.-]+\.\.\.[\w.-]+)$/.test(rest)) return undefined;
	const file = /^\/(?:blob|tree)\/main\/([^#]+)(?:#(.*))?$/.exec(rest);
	if (!file) return 'is not a file, a heading, the issues or a release of the repository';
	if (!existsSync(join(PACKAGE_ROOT, file[1]))) return `names ${file[1]}, which does not exist`;
	return file[2] === undefined ? undefined : anchorIn(file[1], file[2]);
}

describe('links to the project', () => {
	it('come from package.json: a GitHub repository, with homepage and bugs derived from it', () => {
		expect(manifest.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git` });
		expect(REPOSITORY).toMatch(new RegExp(`^https://github\\.com/[\\w.-]+/${PACKAGE_NAME}$`));
		expect(manifest.homepage).toBe(`${REPOSITORY}#readme`);
		expect(manifest.bugs).toEqual({ url: `${REPOSITORY}/issues` });
	});

	it('name the author with the repository a reviewer can follow, and no placeholder address', () => {
		expect(manifest.author.url).toBe(REPOSITORY);
		expect(manifest.author.name).toMatch(/\S/);
		// n8n's lint wants an e-mail; a reserved domain (RFC 2606) or a made-up one reaches nobody.
		expect(manifest.author.email).toMatch(/^[\w.+-]+@[\w-]+(\.[\w-]+)+$/);
		expect(manifest.author.email).not.toMatch(/\.(invalid|example|test|localhost)$|@example\.(com|org|net)$/);
	});

	it('are found in the README, the credentials and the nodes', () => {
		const where = new Set(projectLinks.map(([source]) => source));
		expect(where).toEqual(
			new Set([
				'README.md',
				'CHANGELOG.md',
				'credential bitrix24WebhookApi',
				'credential bitrix24OAuth2Api',
				...codexFiles,
				'package.json homepage',
				'package.json bugs',
			]),
		);
	});

	it.each(projectLinks)('in %s, %s, go to the repository and name what exists there', (_, link) => {
		expect(link.startsWith(REPOSITORY)).toBe(true);
		expect(brokenRepositoryLink(link)).toBeUndefined();
	});

	it("in the README are absolute or to its own headings, which exist: npmjs.com has no repository files", () => {
		const anchors = headingAnchors(read('README.md'));
		const broken = markdownLinks(read('README.md')).filter((link) =>
			link.startsWith('#') ? !anchors.has(link.slice(1)) : !/^(https?:|mailto:)/.test(link),
		);
		expect(broken).toEqual([]);
	});
});

describe('the package n8n installs', () => {
	it('ships the README, the licence and the changelog', () => {
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: PACKAGE_ROOT, encoding: 'utf8' }),
		) as Array<{ files: Array<{ path: string }> }>;
		const files = packed.files.map((file) => file.path);
		expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE.md', 'CHANGELOG.md', 'package.json']));
	});

	it('has its version in the changelog', () => {
		expect(read('CHANGELOG.md')).toMatch(new RegExp(`^## \\[${manifest.version.replace(/\./g, '\\.')}\\]`, 'm'));
	});
});
