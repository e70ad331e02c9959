/** The one place the version is read: package.json (bundled into dist/ by esbuild, copied to out/ by tsc). */
import { version } from '../../package.json';

export const VERSION: string = version;
