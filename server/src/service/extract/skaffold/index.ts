/** The Skaffold extractor: the only door into this folder. */
export { extractSkaffold } from './extractor';
