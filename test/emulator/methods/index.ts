import { batchMethods } from './batch';
import { catalogCatalogMethods } from './catalogCatalog';
import { catalogDocumentMethods } from './catalogDocument';
import { catalogEnumMethods } from './catalogEnum';
import { catalogExtraMethods } from './catalogExtra';
import { catalogMeasureMethods } from './catalogMeasure';
import { catalogPriceMethods } from './catalogPrice';
import { catalogPriceTypeMethods } from './catalogPriceType';
import { catalogProductMethods } from './catalogProduct';
import { catalogProductImageMethods } from './catalogProductImage';
import { catalogProductPropertyMethods } from './catalogProductProperty';
import { catalogPropertyFeatureMethods } from './catalogPropertyFeature';
import { catalogPropertySectionMethods } from './catalogPropertySection';
import { catalogRatioMethods } from './catalogRatio';
import { catalogRoundingRuleMethods } from './catalogRoundingRule';
import { catalogSectionMethods } from './catalogSection';
import { catalogStoreMethods } from './catalogStore';
import { catalogVatMethods } from './catalogVat';
import { crmCurrencyMethods } from './crmCurrency';
import { eventMethods } from './event';
import { MethodRegistry } from './registry';
import { systemMethods } from './system';

/** Every method the emulated portal knows. */
export function createMethodRegistry(): MethodRegistry {
	return new MethodRegistry()
		.register(systemMethods)
		.register(batchMethods)
		.register(catalogCatalogMethods)
		.register(catalogSectionMethods)
		.register(catalogMeasureMethods)
		.register(catalogStoreMethods)
		.register(catalogDocumentMethods)
		.register(catalogPriceMethods)
		.register(catalogPriceTypeMethods)
		.register(catalogRoundingRuleMethods)
		.register(catalogExtraMethods)
		.register(crmCurrencyMethods)
		.register(catalogProductMethods)
		.register(catalogProductImageMethods)
		.register(catalogProductPropertyMethods)
		.register(catalogPropertyFeatureMethods)
		.register(catalogPropertySectionMethods)
		.register(catalogRatioMethods)
		.register(catalogVatMethods)
		.register(catalogEnumMethods)
		.register(eventMethods);
}
