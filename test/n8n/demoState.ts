/* eslint-disable @n8n/community-nodes/no-restricted-imports -- developer tooling, never shipped */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { WorkflowJson } from '../harness/workflowHost';
import type { N8n } from './n8n';
import type { Log } from './runtime';
import { installedPackageRecord, installPackage, PACKAGE_NAME } from './userFolder';

/** What the demo puts into its n8n. */
export interface DemoContent {
	credential: {
		id: string;
		name: string;
		type: string;
		data: Record<string, unknown>;
	};
	workflows: WorkflowJson[];
	/** The IDs of the workflows to publish. */
	live: string[];
	/** A fingerprint of the built package (its manifest and dist/). */
	packageFingerprint: string;
}

/**
 * What the demo last put into its n8n: a fingerprint of each thing imported, and n8n's own
 * marker of the stored row (a credential's `updatedAt`, a workflow's `versionId`), which
 * changes when the user edits it in n8n.
 */
interface DemoState {
	package?: string;
	credential?: { fingerprint: string; updatedAt: string };
	workflows: Record<string, { fingerprint: string; versionId: string }>;
}

const fingerprint = (value: unknown) =>
	createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * Brings the demo n8n to `content`, doing only what is not done already: installs the package if
 * its build changed, imports the credential and the workflows that are missing or changed in
 * what the demo imports, and publishes the live workflows that are not published as they are.
 * What the user saved in n8n is theirs: it is neither imported over nor published, and the start
 * says what it kept. A later start with nothing changed
 * imports nothing (each n8n command takes seconds).
 */
export async function restoreDemo(n8n: N8n, content: DemoContent, log: Log): Promise<void> {
	const stateFile = join(n8n.userFolder, 'demo-state.json');
	let stored = await n8n.storedEntities();
	// A state file without the database it describes (deleted since) tells nothing.
	const previous: DemoState =
		existsSync(stateFile) && stored.workflows.length > 0
			? (JSON.parse(readFileSync(stateFile, 'utf8')) as DemoState)
			: { workflows: {} };
	const next: DemoState = { workflows: {} };

	next.package = content.packageFingerprint;
	const packageCurrent =
		previous.package === next.package &&
		existsSync(join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME));
	if (!packageCurrent) {
		log('Installing this package into the demo n8n...');
		await installPackage(n8n.userFolder);
	}

	// The credential saved in n8n since the demo imported it is the user's too, unless what the
	// demo imports changed (BITRIX24_WEBHOOK_URL set or unset).
	const credentialPrint = fingerprint(content.credential);
	const storedCredential = stored.credentials.find(({ id }) => id === content.credential.id);
	const credentialKept =
		previous.credential?.fingerprint === credentialPrint &&
		storedCredential !== undefined &&
		storedCredential.updatedAt !== previous.credential.updatedAt;
	const credentialCurrent =
		credentialKept ||
		(previous.credential?.fingerprint === credentialPrint &&
			storedCredential?.updatedAt === previous.credential.updatedAt);
	if (credentialKept) log(`Keeping your changes to the credential "${content.credential.name}".`);
	if (!credentialCurrent) {
		log(`Importing the credential "${content.credential.name}"...`);
		await n8n.importCredentials([content.credential]);
	}

	// A workflow saved in n8n since the demo imported it is the user's: kept, and said so.
	const edited = (workflow: WorkflowJson) => {
		const before = previous.workflows[workflow.id];
		const row = stored.workflows.find(({ id }) => id === workflow.id);
		return before !== undefined && row !== undefined && row.versionId !== before.versionId;
	};
	const kept = content.workflows.filter(edited);
	const outdated = content.workflows.filter(
		(workflow) =>
			!edited(workflow) &&
			(previous.workflows[workflow.id]?.fingerprint !== fingerprint(workflow) ||
				!stored.workflows.some(({ id }) => id === workflow.id)),
	);
	if (kept.length > 0) {
		log(
			`Keeping your changes to ${kept.length} example workflow(s): ${kept.map(({ name }) => `"${name}"`).join(', ')}.`,
		);
		for (const workflow of kept.filter(
			(example) => previous.workflows[example.id].fingerprint !== fingerprint(example),
		))
			log(
				`  "${workflow.name}" has changed in examples/ too: delete it in n8n and restart to get the new one.`,
			);
	}
	if (outdated.length > 0) {
		log(`Importing ${outdated.length} example workflow(s)...`);
		await n8n.importWorkflows(outdated);
	}

	// n8n's tables exist now: its first command created them.
	if (!packageCurrent) await n8n.recordInstalledPackage(installedPackageRecord());

	stored = await n8n.storedEntities();
	// The user's unpublished edits stay a draft.
	for (const id of content.live.filter((live) => !kept.some((workflow) => workflow.id === live))) {
		const row = stored.workflows.find((workflow) => workflow.id === id);
		if (row && row.activeVersionId === row.versionId) continue;
		log(`Publishing workflow ${id}...`);
		const published = await n8n.publish(id);
		if (published.code !== 0)
			throw new Error(`Publishing workflow ${id} failed:\n${published.output}`);
	}
	if (packageCurrent && credentialCurrent && outdated.length === 0) {
		log('The demo n8n is as it was: nothing to install or import.');
	}

	const credentialRow = stored.credentials.find(({ id }) => id === content.credential.id);
	if (credentialKept) next.credential = previous.credential;
	else if (credentialRow)
		next.credential = {
			fingerprint: credentialPrint,
			updatedAt: credentialRow.updatedAt,
		};
	for (const workflow of content.workflows) {
		const row = stored.workflows.find(({ id }) => id === workflow.id);
		// A kept workflow stays known as the user's: a later change in examples/ does not replace it.
		if (kept.includes(workflow)) next.workflows[workflow.id] = previous.workflows[workflow.id];
		else if (row)
			next.workflows[workflow.id] = {
				fingerprint: fingerprint(workflow),
				versionId: row.versionId,
			};
	}
	writeFileSync(stateFile, JSON.stringify(next, null, 2));
}
