/** The one place the version is read: package.json (bundled into dist/ by esbuild, copied to out/ by tsc). */
import { repository, version } from '../../package.json';

export const VERSION: string = version;
/** The project's home page (its repository), without `.git`: SARIF `informationUri` and rule help links. */
export const HOMEPAGE: string = repository.url.replace(/\.git$/, '');
