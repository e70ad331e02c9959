/** The Kubernetes manifest extractor: the only door into this folder. */
export { extractKubernetes, looksLikeKubernetes } from './extractor';
