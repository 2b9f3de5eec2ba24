import type { IDataObject, IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

/** `={{ $json.price }}`, `={{ $json["g:price"] }}`, `={{ $json.stock.main }}`: a field of the item, nothing more. */
const FIELD_REFERENCE = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:'[^']*'|"[^"]*"|\d+)\s*\])+)\s*\}\}$/;
const STEP = /\.([A-Za-z_$][\w$]*)|\[\s*(?:'([^']*)'|"([^"]*)"|(\d+))\s*\]/g;

type Resolved = { value: unknown } | undefined;

function fieldOf(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const [, name, single, double, index] of path.matchAll(STEP)) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[name ?? single ?? double ?? index];
	}
	return value;
}

/** The value with each expression that only names a field of the item read from it; undefined if another expression is in it. */
function resolved(raw: unknown, json: IDataObject): Resolved {
	if (typeof raw === 'string') {
		if (!raw.startsWith('=')) return { value: raw };
		const reference = FIELD_REFERENCE.exec(raw);
		return reference ? { value: fieldOf(json, reference[1]) } : undefined;
	}
	if (Array.isArray(raw)) {
		const values: unknown[] = [];
		for (const entry of raw) {
			const value = resolved(entry, json);
			if (!value) return undefined;
			values.push(value.value);
		}
		return { value: values };
	}
	if (raw !== null && typeof raw === 'object') {
		const values: IDataObject = {};
		for (const [key, entry] of Object.entries(raw as IDataObject)) {
			const value = resolved(entry, json);
			if (!value) return undefined;
			values[key] = value.value as IDataObject[string];
		}
		return { value: values };
	}
	return { value: raw };
}

/**
 * A parameter of one item. A feed maps its columns with expressions like `{{ $json.price }}`,
 * a dozen per product: n8n builds a whole expression context for each (about a third of a
 * millisecond), which for 10,000 products is most of a run. Where every expression of the
 * parameter only names a field of the item, the value is read from the item directly, as the
 * expression would give it; any other expression is left to n8n.
 */
export function itemParameter<T = NodeParameterValueType>(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: unknown,
): T {
	const raw = context.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true });
	const fast = resolved(raw, context.getInputData()[itemIndex]?.json ?? {});
	return (fast ? fast.value : context.getNodeParameter(name, itemIndex, fallback)) as T;
}
