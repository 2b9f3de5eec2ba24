import { basicMethods } from './basic';
import { batchMethods } from './batch';
import { catalogCatalogMethods } from './catalogCatalog';
import { catalogDocumentMethods } from './catalogDocument';
import { catalogDocumentContractorMethods } from './catalogDocumentContractor';
import { catalogDocumentElementMethods } from './catalogDocumentElement';
import { catalogEnumMethods } from './catalogEnum';
import { catalogExtraMethods } from './catalogExtra';
import { catalogMeasureMethods } from './catalogMeasure';
import { catalogPriceMethods } from './catalogPrice';
import { catalogPriceTypeMethods } from './catalogPriceType';
import { catalogPriceTypeGroupMethods } from './catalogPriceTypeGroup';
import { catalogPriceTypeLangMethods } from './catalogPriceTypeLang';
import { catalogProductMethods } from './catalogProduct';
import { catalogProductImageMethods } from './catalogProductImage';
import { catalogProductPropertyMethods } from './catalogProductProperty';
import { catalogProductPropertyEnumMethods } from './catalogProductPropertyEnum';
import { catalogProductPropertyFeatureMethods } from './catalogProductPropertyFeature';
import { catalogProductPropertySectionMethods } from './catalogProductPropertySection';
import { catalogRatioMethods } from './catalogRatio';
import { catalogRoundingRuleMethods } from './catalogRoundingRule';
import { catalogSectionMethods } from './catalogSection';
import { catalogStoreMethods } from './catalogStore';
import { catalogStoreProductMethods } from './catalogStoreProduct';
import { catalogUserfieldDocumentMethods } from './catalogUserfieldDocument';
import { catalogVatMethods } from './catalogVat';
import { crmCurrencyMethods } from './crmCurrency';
import { eventMethods } from './event';
import { eventOfflineMethods } from './eventOffline';
import { MethodRegistry, type MethodTable } from './registry';

/** Every method group the emulated portal knows, each from the module named for it. */
const METHOD_TABLES: readonly MethodTable[] = [
	basicMethods,
	batchMethods,
	catalogCatalogMethods,
	catalogSectionMethods,
	catalogMeasureMethods,
	catalogStoreMethods,
	catalogStoreProductMethods,
	catalogDocumentMethods,
	catalogDocumentElementMethods,
	catalogDocumentContractorMethods,
	catalogUserfieldDocumentMethods,
	catalogPriceMethods,
	catalogPriceTypeMethods,
	catalogPriceTypeLangMethods,
	catalogPriceTypeGroupMethods,
	catalogRoundingRuleMethods,
	catalogExtraMethods,
	crmCurrencyMethods,
	catalogProductMethods,
	catalogProductImageMethods,
	catalogProductPropertyMethods,
	catalogProductPropertyEnumMethods,
	catalogProductPropertyFeatureMethods,
	catalogProductPropertySectionMethods,
	catalogRatioMethods,
	catalogVatMethods,
	catalogEnumMethods,
	eventMethods,
	eventOfflineMethods,
];

/** Every method the emulated portal knows. */
export function createMethodRegistry(): MethodRegistry {
	const registry = new MethodRegistry();
	for (const table of METHOD_TABLES) registry.register(table);
	return registry;
}
