export { feature, featureSpec } from './feature';
export { listValue, listValueSpec } from './listValue';
export { productProperty, productPropertySpec } from './property';
export { sectionSettings, sectionSettingsSpec } from './sectionSettings';
