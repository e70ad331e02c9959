/** The GitLab CI extractor: the only door into this folder. */
export { extractGitlabCi } from './extractor';
