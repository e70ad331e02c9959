/**
 * `npm run test:e2e`: the code-server suite. Checks what it needs, then runs test/e2e/*.e2e.ts with mocha's spec
 * reporter ("N passing / N failing") and exits non-zero on any failure. Screenshots: .e2e-artifacts/.
 *
 *   IMAGEREF_E2E_CACHE      where scripts/setup-e2e.sh installed code-server (default ~/.cache/imageref-e2e)
 *   IMAGEREF_E2E_CHROMIUM   Chromium binary (default /usr/bin/chromium)
 *   IMAGEREF_E2E_UNPACKED=1 copy the built extension into the extensions folder instead of installing the .vsix
 *   IMAGEREF_E2E_VERBOSE=1  print code-server's output;  IMAGEREF_E2E_KEEP=1  keep the temporary workspace
 */
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { codeServerBin } from './codeServer';
import { CHROMIUM } from './workbench';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function preflight(): string[] {
  const problems: string[] = [];
  if (!existsSync(codeServerBin())) problems.push(`code-server is not installed (${codeServerBin()}): run scripts/setup-e2e.sh`);
  if (!existsSync(CHROMIUM)) problems.push(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set IMAGEREF_E2E_CHROMIUM`);
  for (const built of ['dist/extension.js', 'dist/server.js']) {
    if (!existsSync(path.join(ROOT, built))) problems.push(`${built} is missing: npm run build:extension`);
  }
  return problems;
}

const problems = preflight();
if (problems.length) {
  for (const p of problems) console.error(`e2e: ${p}`);
  process.exit(1);
}

const mocha = new Mocha({ reporter: 'spec', timeout: 120_000, bail: false });
const filter = process.argv[2];
for (const f of readdirSync(__dirname).filter((name) => name.endsWith('.e2e.js')).sort()) mocha.addFile(path.join(__dirname, f));
if (filter) mocha.grep(filter);
mocha.run((failures) => {
  console.log(`\ne2e: ${failures === 0 ? 'all passed' : `${failures} failed`}; screenshots in ${path.join(ROOT, '.e2e-artifacts')}`);
  process.exit(failures > 0 ? 1 : 0);
});
