/** The Gradle (Groovy and Kotlin DSL) extractor: the only door into this folder. */
export { extractGradle } from './extractor';
export { readGradleProperties } from './properties';
export type { GradleDialect } from './lexer';
/** The lexer is shared with the Testcontainers extractor (Java, Kotlin and Groovy sources lex alike). */
export { lexGradle, type Token } from './lexer';
