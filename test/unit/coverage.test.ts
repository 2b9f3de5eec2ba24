import { RESOURCES } from '../../nodes/Bitrix24Catalog/actions/resources';
import { CATALOG_METHODS } from '../../nodes/Bitrix24Catalog/bitrix24Api/methods';
import { operationRows, uncalledMethods } from '../readme/resourceTable';

const documented = new Set(CATALOG_METHODS.map(({ name }) => name));

describe('the documented catalog API, reached by the operations', () => {
	it('lists 145 methods, each once', () => {
		expect(CATALOG_METHODS).toHaveLength(145);
		expect(documented.size).toBe(CATALOG_METHODS.length);
	});

	// The Custom API Call reaches every method, so it does not count here.
	it('calls every documented catalog method from an operation', () => {
		const uncalled = uncalledMethods();
		expect({
			called: `${CATALOG_METHODS.length - uncalled.length} of ${CATALOG_METHODS.length}`,
			uncalled,
		}).toEqual({ called: `${CATALOG_METHODS.length} of ${CATALOG_METHODS.length}`, uncalled: [] });
	});

	it('has every operation but the Custom API Call name the methods it calls, all documented ones', () => {
		const rows = operationRows().filter((row) => !row.anyMethod);
		expect(rows.filter((row) => row.methods.length === 0)).toEqual([]);
		const undocumented = rows.flatMap((row) =>
			row.methods
				.filter((method) => !documented.has(method))
				.map((method) => `${row.resource} → ${row.operation}: ${method}`),
		);
		expect(undocumented).toEqual([]);
	});

	it('has one Custom API Call, which names no method of its own', () => {
		const custom = Object.values(RESOURCES).filter((resource) => resource.customApiCall);
		expect(custom.map((resource) => resource.name)).toEqual(['Custom API Call']);
		expect(Object.values(custom[0].operations).map((operation) => operation.methods)).toEqual([[]]);
	});
});
