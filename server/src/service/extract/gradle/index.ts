/** The Gradle (Groovy and Kotlin DSL) extractor: the only door into this folder. */
export { extractGradle } from './extractor';
export { readGradleProperties } from './properties';
export type { GradleDialect } from './lexer';
