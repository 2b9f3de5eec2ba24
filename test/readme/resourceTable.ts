import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { properties } from '../../nodes/Bitrix24Catalog/actions/description';
import { RESOURCES } from '../../nodes/Bitrix24Catalog/actions/resources';
import { CATALOG_METHODS } from '../../nodes/Bitrix24Catalog/bitrix24Api/methods';
import { eventsProperty } from '../../nodes/Bitrix24Catalog/trigger/events';

/**
 * The README's table of resources, operations and the Bitrix24 methods each calls, written from
 * the node's registry (`npx gulp readme`); a test fails when the README's copy differs.
 */

export const TABLE_START = '<!-- resources:start -->';
export const TABLE_END = '<!-- resources:end -->';

export interface OperationRow {
	resource: string;
	operation: string;
	description: string;
	methods: readonly string[];
	/** The Custom API Call: it calls the method the user names. */
	anyMethod: boolean;
}

function optionsOf(field: INodeProperties | undefined): INodePropertyOptions[] {
	return (field?.options ?? []) as INodePropertyOptions[];
}

/** Every operation, in the order the node's Resource and Operation fields show them. */
export function operationRows(): OperationRow[] {
	const resourceField = properties.find((property) => property.name === 'resource');
	return optionsOf(resourceField).flatMap(({ name, value }) => {
		const resource = RESOURCES[String(value)];
		const operationField = properties.find(
			(property) =>
				property.name === 'operation' &&
				property.displayOptions?.show?.resource?.includes(resource.value),
		);
		return optionsOf(operationField).map((option) => ({
			resource: name,
			operation: option.name,
			description: option.description ?? '',
			methods: [...new Set(resource.operations[String(option.value)].methods)],
			anyMethod: resource.customApiCall === true,
		}));
	});
}

/** The methods the operations call (the Custom API Call's aside). */
export function calledMethods(): Set<string> {
	return new Set(operationRows().flatMap((row) => (row.anyMethod ? [] : row.methods)));
}

/** The documented catalog methods no operation calls, in the reference's order. */
export function uncalledMethods(): string[] {
	const called = calledMethods();
	return CATALOG_METHODS.map(({ name }) => name).filter((name) => !called.has(name));
}

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The table and its count, as they stand between the README's markers. */
export function resourcesTable(): string {
	const rows = operationRows().map((row) => {
		const methods = row.anyMethod
			? `any ${code('catalog.*')} method, picked from the ${CATALOG_METHODS.length} documented ones or typed by name`
			: row.methods.map(code).join(', ');
		return `| ${cell(row.resource)} | ${cell(row.operation)} | ${cell(row.description)} | ${methods} |`;
	});
	const uncalled = uncalledMethods();
	const total = CATALOG_METHODS.length;
	return [
		"<!-- Written from the node's resource registry by `npx gulp readme`; edit the code, not this table. -->",
		'',
		'| Resource | Operation | What it does | Bitrix24 methods it calls |',
		'| --- | --- | --- | --- |',
		...rows,
		'',
		`**${total - uncalled.length} of ${total} documented catalog methods are called by an operation.**` +
			(uncalled.length > 0
				? ` Not yet called by one (Custom API Call reaches them): ${uncalled.map(code).join(', ')}.`
				: ''),
		'',
		panelCounts(),
	].join('\n');
}

/** The trigger's events, one action each in n8n's nodes panel. */
export function triggerEventCount(): number {
	return optionsOf(eventsProperty).length;
}

/**
 * How n8n's nodes panel counts them: each operation is one of the node's Actions (the Custom API
 * Call too: its value is the node's own, not n8n's), each event of the trigger one of its Triggers.
 */
export function panelCounts(): string {
	const actions = operationRows().length;
	const events = triggerEventCount();
	return `In n8n's nodes panel these ${actions} operations are the node's **Actions (${actions})**, and the Bitrix24 Catalog Trigger's ${events} events its **Triggers (${events})**.`;
}

/** `readme` with the generated table between its markers. */
export function withResourcesTable(readme: string): string {
	const start = readme.indexOf(TABLE_START);
	const end = readme.indexOf(TABLE_END);
	if (start < 0 || end < start) {
		throw new Error(
			`README.md has no ${TABLE_START} ... ${TABLE_END} markers for the resources table`,
		);
	}
	return `${readme.slice(0, start + TABLE_START.length)}\n${resourcesTable()}\n${readme.slice(end)}`;
}
