/** The GitHub Actions workflow extractor: the only door into this folder. */
export { extractGithubActions, isWorkflowPath } from './extractor';
