import { batchMethods } from './batch';
import { catalogCatalogMethods } from './catalogCatalog';
import { catalogEnumMethods } from './catalogEnum';
import { catalogMeasureMethods } from './catalogMeasure';
import { catalogProductMethods } from './catalogProduct';
import { catalogProductImageMethods } from './catalogProductImage';
import { catalogProductPropertyMethods } from './catalogProductProperty';
import { catalogPropertyFeatureMethods } from './catalogPropertyFeature';
import { catalogPropertySectionMethods } from './catalogPropertySection';
import { catalogRatioMethods } from './catalogRatio';
import { catalogSectionMethods } from './catalogSection';
import { catalogVatMethods } from './catalogVat';
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
