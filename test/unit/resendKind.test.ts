import { CATALOG_METHODS } from '../../nodes/Bitrix24Catalog/bitrix24Api/methods';
import { resendKind } from '../../nodes/Bitrix24Catalog/actions/resources/customApiCall/methodName';

describe('what Custom API Call sends again after a lost answer', () => {
	it.each([
		['catalog.product.list', 'read'],
		['catalog.product.getFieldsByFilter', 'read'],
		['catalog.catalog.isOffers', 'read'],
		['catalog.document.mode.status', 'read'],
		['catalog.product.download', 'read'],
		['catalog.enum.getRoundTypes', 'read'],
		['CATALOG.SECTION.DELETE', 'delete'],
		['catalog.productImage.delete', 'delete'],
		['catalog.measure.add', 'create'],
		['catalog.measure.frobnicate', 'create'],
		['catalog.document.conduct', 'change'],
		['catalog.document.cancelList', 'change'],
		['catalog.document.deleteList', 'change'],
		['catalog.price.modify', 'change'],
		['catalog.productPropertySection.set', 'change'],
		['catalog.vat.update', 'change'],
	])('%s: %s', (method, kind) => {
		expect(resendKind(method)).toBe(kind);
	});

	it('sends again only reads and single deletes of the documented methods', () => {
		const kinds = CATALOG_METHODS.map(({ name }) => [name, resendKind(name)]);
		const again = kinds.filter(([, kind]) => kind === 'read' || kind === 'delete');
		expect(
			again.every(([name]) => /\.(get[A-Za-z]*|list|isOffers|download|status|delete)$/.test(name!)),
		).toBe(true);
		expect(kinds.filter(([, kind]) => kind === 'delete')).toHaveLength(19);
	});
});
