/** YAML support the YAML file kinds share: the only door into this folder. */
export { entries, get, items, parseYamlFile, stringScalar, textScalar, type YamlFile } from './documents';
export { interpolate } from './interpolate';
export { scalarReference, type ScalarTraits } from './reference';
