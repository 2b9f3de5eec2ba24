/**
 * Build and developer tasks.
 *
 *   gulp build     compile with n8n's node CLI, then check that the package n8n loads is complete
 *   gulp scan      run n8n's community package scanner on the tarball `npm pack` makes
 *   gulp emulator  compile the test sources and run the local Bitrix24 emulator in the foreground
 *   gulp start     build, then run a real n8n with this package, the demo portal and the examples
 *                  (--queue: in queue mode, with Redis, Postgres and two workers; N8N_VERSION=1: n8n 1.x)
 *   gulp readme    write the README's table of resources, operations and methods from the registry
 *
 * `emulator` and `start` compile only what changed since they last did (stamps in .build/stamps).
 */
const { spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} = require('node:fs');
const { tmpdir } = require('node:os');
const { createInterface } = require('node:readline');
const path = require('node:path');
const { series } = require('gulp');

const root = __dirname;
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/**
 * On a terminal the tools' output passes as it is. Redirected to a file or a pipe it becomes
 * plain lines: the build's spinner (n8n's node CLI) prints each step once when CI is set, and
 * colours and cursor moves are taken out.
 */
const PLAIN = !process.stdout.isTTY;
const ESCAPE_SEQUENCE = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

function plainLines(from, to) {
	createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) =>
		to.write(`${line.replace(ESCAPE_SEQUENCE, '')}\n`),
	);
}

function run(command, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: root,
			stdio: PLAIN ? ['inherit', 'pipe', 'pipe'] : 'inherit',
			env: PLAIN ? { ...process.env, CI: 'true', NO_COLOR: '1' } : process.env,
		});
		if (PLAIN) {
			plainLines(child.stdout, process.stdout);
			plainLines(child.stderr, process.stderr);
		}
		child.on('error', reject);
		child.on('close', (code, signal) =>
			code === 0 || signal === 'SIGINT' || signal === 'SIGTERM'
				? resolve()
				: reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code ?? signal}`)),
		);
	});
}

function compile() {
	return run(bin('n8n-node'), ['build']);
}

/**
 * n8n finds a node by the paths in package.json, then its codex file and icons beside it:
 * a missing one shows up only after installing, as a node without docs links or icon.
 */
function checkPackage() {
	const { n8n } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	const missing = [];
	const need = (file) => existsSync(path.join(root, file)) || missing.push(file);

	for (const file of n8n.nodes) need(file.replace(/\.js$/, '.json'));
	for (const file of [...n8n.nodes, ...n8n.credentials]) {
		need(file);
		const source = readFileSync(path.join(root, file.replace(/^dist\//, '').replace(/\.js$/, '.ts')), 'utf8');
		for (const [, icon] of source.matchAll(/'file:([^']+)'/g)) need(path.join(path.dirname(file), icon));
	}
	if (missing.length > 0) {
		return Promise.reject(new Error(`The built package lacks: ${missing.join(', ')}`));
	}
	console.log(`Package complete: ${n8n.nodes.length} node(s), ${n8n.credentials.length} credential(s).`);
	return Promise.resolve();
}

/** The scanner n8n runs before listing a package, on exactly the files `npm pack` ships. */
async function scan() {
	const dir = mkdtempSync(path.join(tmpdir(), 'bitrix24-catalog-scan-'));
	try {
		await run('npm', ['pack', '--silent', '--pack-destination', dir]);
		const tarball = readdirSync(dir).find((file) => file.endsWith('.tgz'));
		await run('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
		const scanner = path.join(root, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
		const { analyzePackage } = await import(scanner);
		const result = await analyzePackage(path.join(dir, 'package'));
		if (!result.passed) throw new Error(`${result.message}\n${result.details ?? ''}`);
		console.log(`Community package scan passed: ${tarball}`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function compileTestSources() {
	return run(bin('tsc'), ['-p', 'test/tsconfig.json']);
}

/** A fingerprint of files and folders: their paths and contents. */
function fingerprint(paths) {
	const hash = createHash('sha256');
	const add = (file) => {
		const full = path.join(root, file);
		if (!existsSync(full)) return;
		if (statSync(full).isDirectory()) {
			for (const entry of readdirSync(full).sort()) add(path.join(file, entry));
			return;
		}
		hash.update(`${file}\0`).update(readFileSync(full)).update('\0');
	};
	paths.forEach(add);
	return hash.digest('hex');
}

/**
 * `task`, skipped when the files it reads are as they were when it last succeeded and what it
 * makes is there: a later `npm start` compiles nothing that has not changed. With `always`, it
 * runs anyway and leaves its stamp for the next start.
 */
function unlessUnchanged(task, { inputs, output }, { always = false } = {}) {
	const stampFile = path.join(root, '.build', 'stamps', `${task.name}.sha256`);
	const step = async () => {
		const current = fingerprint(inputs);
		const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
		if (!always && stamp === current && existsSync(path.join(root, output))) {
			console.log(`${task.name}: sources unchanged since the last run, skipped.`);
			return;
		}
		rmSync(stampFile, { force: true });
		await task();
		mkdirSync(path.dirname(stampFile), { recursive: true });
		writeFileSync(stampFile, current);
	};
	step.displayName = task.name;
	return step;
}

const PACKAGE_SOURCES = ['package.json', 'tsconfig.json', 'credentials', 'nodes'];
const packageBuild = { inputs: PACKAGE_SOURCES, output: 'dist' };
const testBuild = { inputs: [...PACKAGE_SOURCES, 'test'], output: path.join('.build', 'test') };

function runEmulator() {
	return run(process.execPath, [path.join(root, '.build', 'test', 'emulator', 'cli.js')]);
}

/** The demo's steps report refusals (already running, port taken) as a message, not a stack trace. */
function demoStep(name, options = () => ({})) {
	const step = async () => {
		const demo = require(path.join(root, '.build', 'test', 'n8n', 'demo.js'));
		try {
			await demo[name](options());
		} catch (error) {
			error.showStack = false;
			throw error;
		}
	};
	step.displayName = name;
	return step;
}

/** The README's resources table, between its markers, as the node's registry makes it. */
function writeReadmeTable() {
	const table = path.join(root, '.build', 'test', 'readme', 'resourceTable.js');
	const { withResourcesTable } = require(table);
	const file = path.join(root, 'README.md');
	const before = readFileSync(file, 'utf8');
	const after = withResourcesTable(before);
	if (after !== before) writeFileSync(file, after);
	console.log(`README.md: the resources table ${after === before ? 'was up to date' : 'is written'}.`);
	return Promise.resolve();
}

exports.build = series(unlessUnchanged(compile, packageBuild, { always: true }), checkPackage);
exports.scan = scan;
exports.readme = series(unlessUnchanged(compileTestSources, testBuild), writeReadmeTable);
exports.emulator = series(unlessUnchanged(compileTestSources, testBuild), runEmulator);
/**
 * `npm start -- --queue`: npm passes what follows `--` to gulp, which leaves flags it does not
 * know in process.argv.
 */
const demoMode = () => ({ queue: process.argv.includes('--queue') });

exports.start = series(
	unlessUnchanged(compileTestSources, testBuild),
	demoStep('refuseIfRunning', demoMode),
	unlessUnchanged(compile, packageBuild),
	checkPackage,
	// The demo installs the package again only when the build differs from the one it installed.
	demoStep('runDemo', () => ({ ...demoMode(), packageFingerprint: fingerprint(['package.json', 'dist']) })),
);
