/** The Quarkus configuration extractor: the only door into this folder. */
export { extractQuarkus } from './extractor';

/** A configuration file that configures Quarkus (Spring Boot has application.properties too). */
export function mentionsQuarkus(text: string): boolean {
  return /^[ \t]*(?:%[^.\s]+\.|"%[^"]+":\s*)?quarkus[.:]/m.test(text);
}
