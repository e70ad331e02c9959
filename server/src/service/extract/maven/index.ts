/** The pom.xml extractor: the only door into this folder. */
export { extractMaven } from './extractor';
export { readMavenProperties } from './properties';
