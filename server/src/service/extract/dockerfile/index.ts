/** The Dockerfile (Containerfile) extractor: the only door into this folder. */
export { extractDockerfile } from './extractor';
