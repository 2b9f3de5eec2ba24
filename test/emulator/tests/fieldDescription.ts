/** A field as `getFields` describes it: `flags` holds I(mmutable), R(ead-only), Q (required). */
export const described = (type: string, flags = '', name?: string) => ({
	isImmutable: flags.includes('I'),
	isReadOnly: flags.includes('R'),
	isRequired: flags.includes('Q'),
	...(name === undefined ? {} : { name }),
	type,
});
