import type { IDataObject } from 'n8n-workflow';

import { listResult } from '../../resultShape';
import type { Operation } from '../../operation';
import { itemsOf } from '../../operation';

/** The portal's languages a price type can be named in: one item each (`lid` is the code). */
export const getLanguages: Operation<undefined> = {
	methods: ['catalog.priceTypeLang.getLanguages'],
	build: () => ({
		call: { method: 'catalog.priceTypeLang.getLanguages', params: {} },
		input: undefined,
	}),
	resultShape: listResult('languages'),
	toItems: (result, _input, { itemIndex }) =>
		itemsOf((result as { languages: IDataObject[] }).languages, itemIndex),
};
