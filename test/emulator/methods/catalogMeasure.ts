import { Bitrix24Error } from '../errors';
import { field } from './fieldTable';
import { recordTableMethods, type RecordTableSpec } from './recordTable';

/**
 * catalog.measure.*: units of measurement (docs: catalog/measure, data type catalog_measure).
 * Codes are unique; one unit at most is the default for new products.
 */
const ERRORS = {
	codeTaken: 200600000000,
	defaultTaken: 200600000010,
	notFound: 200600000020,
};

export const MEASURE_TABLE: RecordTableSpec = {
	method: 'catalog.measure',
	keys: { one: 'measure', many: 'measures' },
	table: {
		id: field('integer', 'R'),
		code: field('integer', 'Q'),
		isDefault: field('char'),
		measureTitle: field('string', 'Q'),
		symbol: field('string'),
		symbolIntl: field('string'),
		symbolLetterIntl: field('string'),
	},
	defaults: { isDefault: 'N', symbol: null, symbolIntl: null, symbolLetterIntl: null },
	// A portal's usual units (OKEI codes), piece the default.
	seed: [
		{
			code: 6,
			measureTitle: 'Meter',
			symbol: 'm',
			symbolIntl: 'm',
			symbolLetterIntl: 'MTR',
			isDefault: 'N',
		},
		{
			code: 112,
			measureTitle: 'Liter',
			symbol: 'l',
			symbolIntl: 'L',
			symbolLetterIntl: 'LTR',
			isDefault: 'N',
		},
		{
			code: 163,
			measureTitle: 'Gram',
			symbol: 'g',
			symbolIntl: 'g',
			symbolLetterIntl: 'GRM',
			isDefault: 'N',
		},
		{
			code: 166,
			measureTitle: 'Kilogram',
			symbol: 'kg',
			symbolIntl: 'kg',
			symbolLetterIntl: 'KGM',
			isDefault: 'N',
		},
		{
			code: 796,
			measureTitle: 'Piece',
			symbol: 'pcs',
			symbolIntl: 'pc. 1',
			symbolLetterIntl: 'PCE',
			isDefault: 'Y',
		},
	],
	required: { add: ['code', 'measureTitle'] },
	notFound: { code: ERRORS.notFound, text: 'Measure is not exists' },
	check(fields, { store, current }) {
		const others = store.all().filter((record) => record.id !== current?.id);
		if (fields.code !== undefined && others.some((record) => record.code === fields.code)) {
			throw new Bitrix24Error(
				400,
				ERRORS.codeTaken,
				`Measure with code ${fields.code} already exists`,
			);
		}
		if (fields.isDefault === 'Y' && others.some((record) => record.isDefault === 'Y')) {
			throw new Bitrix24Error(400, ERRORS.defaultTaken, 'Default measure already exists');
		}
		return fields;
	},
};

export const catalogMeasureMethods = recordTableMethods(MEASURE_TABLE);
