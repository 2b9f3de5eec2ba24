/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_ROOT } from '../n8n/userFolder';
import {
	operationRows,
	resourcesTable,
	triggerEventCount,
	TABLE_END,
	TABLE_START,
	withResourcesTable,
} from '../readme/resourceTable';

const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');

describe("the README's table of resources, operations and methods", () => {
	it('is the one the registry makes (write it with `npx gulp readme`)', () => {
		const start = readme.indexOf(TABLE_START) + TABLE_START.length;
		const shown = readme.slice(start, readme.indexOf(TABLE_END)).trim();
		expect(shown).toEqual(resourcesTable());
	});

	it('rows every operation with the methods it calls, and counts the documented ones called', () => {
		const table = resourcesTable();
		expect(table).toContain(
			'| Section | Create or Update | Create a new record, or update the current one if it already exists (upsert) | `catalog.section.list`, `catalog.section.update`, `catalog.section.add` |',
		);
		expect(table).toMatch(
			/^\*\*\d+ of 145 documented catalog methods are called by an operation\.\*\*/m,
		);
	});

	it("counts the operations as n8n's nodes panel does, and the README's introduction says the same", () => {
		const actions = operationRows().length;
		expect(resourcesTable()).toContain(
			`In n8n's nodes panel these ${actions} operations are the node's **Actions (${actions})**, and the Bitrix24 Catalog Trigger's ${triggerEventCount()} events its **Triggers (${triggerEventCount()})**.`,
		);
		expect(triggerEventCount()).toBe(15);
		expect(readme).toContain(
			`its ${actions} operations (n8n's nodes panel lists\n  them as *Actions (${actions})*) call all 145 documented`,
		);
	});

	it('is written between the markers and nowhere else', () => {
		const written = withResourcesTable(`intro\n${TABLE_START}\nold\n${TABLE_END}\nafter\n`);
		expect(written).toBe(`intro\n${TABLE_START}\n${resourcesTable()}\n${TABLE_END}\nafter\n`);
		expect(() => withResourcesTable('no markers')).toThrow(/has no <!-- resources:start -->/);
	});
});
