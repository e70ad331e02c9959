/** The Testcontainers extractor (Java, Kotlin, Groovy sources): the only door into this folder. */
export { extractTestcontainers, mentionsTestcontainers, type SourceLanguage } from './extractor';
