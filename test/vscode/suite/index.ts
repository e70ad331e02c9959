/**
 * Entry point VS Code loads in the extension host (`--extensionTestsPath`): runs every *.test.js here with mocha.
 * When IMAGEREF_VSCODE_REPORT names a file, the results are also written there as JSON: a runner that cannot read
 * the extension host's console (code-server, where it goes to the browser) reads them from that file.
 */
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteReport {
  passes: string[];
  failures: Array<{ title: string; error: string }>;
  durationMs: number;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const report: SuiteReport = { passes: [], failures: [], durationMs: 0 };
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      report.durationMs = Date.now() - started;
      const file = process.env.IMAGEREF_VSCODE_REPORT;
      if (file) {
        writeFileSync(`${file}.partial`, JSON.stringify(report, null, 2));
        renameSync(`${file}.partial`, file); // appears whole, for a runner watching the folder
      }
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => report.passes.push(test.fullTitle()));
    runner.on('fail', (test, error: Error) =>
      report.failures.push({ title: test.fullTitle(), error: String(error?.stack ?? error) }),
    );
  });
}
