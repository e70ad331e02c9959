/** YAML support the YAML file kinds share: the only door into this folder. */
export { entries, get, items, MAX_YAML_CHARACTERS, parseYamlFile, stringScalar, textScalar, yamlResult, type YamlFile } from './documents';
export { interpolate } from './interpolate';
export { scalarReference, type ScalarTraits } from './reference';
