import { batchMethods } from './batch';
import { catalogCatalogMethods } from './catalogCatalog';
import { catalogDocumentMethods } from './catalogDocument';
import { catalogMeasureMethods } from './catalogMeasure';
import { catalogProductMethods } from './catalogProduct';
import { catalogProductImageMethods } from './catalogProductImage';
import { catalogSectionMethods } from './catalogSection';
import { catalogStoreMethods } from './catalogStore';
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
		.register(catalogProductMethods)
		.register(catalogProductImageMethods)
		.register(eventMethods);
}
