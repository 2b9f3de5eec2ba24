import { Bitrix24Error } from './errors';
import type { Params } from './params';

/** Bitrix binds method arguments from the request and reports the first failure with code 100. */
const BINDING_ERROR = 100;

/** How PHP prints a value inside an error text (`"{$value}"`). */
function phpString(value: unknown): string {
	if (value === true) return '1';
	if (value === false) return '';
	if (typeof value === 'object' && value !== null) return 'Array';
	return String(value);
}

export function requireParam(params: Params, name: string): unknown {
	const value = params[name];
	if (value === undefined || value === null) {
		throw new Bitrix24Error(400, BINDING_ERROR, `Could not find value for parameter {${name}}`);
	}
	return value;
}

function asInt(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
	if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value.trim())) return undefined;
	const parsed = Number(value.trim());
	return Number.isSafeInteger(parsed) ? parsed : undefined;
}

/** A required `int` argument: ints and strings of digits bind; anything else is rejected. */
export function bindInt(params: Params, name: string): number {
	const value = requireParam(params, name);
	const parsed = asInt(value);
	if (parsed === undefined) {
		throw new Bitrix24Error(
			400,
			BINDING_ERROR,
			`Invalid value {${phpString(value)}} to match with parameter {${name}}. Should be value of type int.`,
		);
	}
	return parsed;
}
