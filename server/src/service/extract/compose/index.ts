/** The Compose extractor: the only door into this folder. */
export { extractCompose, parsePlatform } from './extractor';
export { readDotEnv } from './dotenv';
