/**
 * The entry of the bundled CLI (dist-cli/imageref.js, committed): the GitHub Action and the pre-commit hook run
 * it straight from the repository's files, with no npm install and no build.
 */
import { runAction } from './action';
import { runCheckWorker } from './checkWorker';
import { useCheckWorkerScript } from './checkWorkers';
import { main } from './main';

export { main, runAction, runCheckWorker, useCheckWorkerScript };

if (require.main === module) void main();
