/**
 * Runs the same VS Code integration suite (test/vscode/suite) without downloading VS Code: in the extension host
 * of code-server (VS Code 1.100, installed by scripts/setup-e2e.sh), driven by a headless Chromium.
 *
 *   npm run test:vscode:code-server
 *
 * code-server has no --extensionDevelopmentPath flag, but its workbench reads the same options from the URL's
 * `payload` query: [["extensionDevelopmentPath", "vscode-remote://<host>/<repo>"], ["extensionTestsPath", …]].
 * The extension host inherits code-server's environment, so IMAGEREF_VSCODE_REPORT tells the suite where to write
 * its results; this runner waits for that file (fs.watch, with a timeout), prints them and sets the exit code.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { codeServerBin, startCodeServer, type CodeServer } from '../e2e/codeServer';
import { CHROMIUM } from '../e2e/workbench';
import type { SuiteReport } from './suite/index';

const ROOT = path.resolve(__dirname, '..', '..', '..'); // out/test/vscode → repository root
const TIMEOUT_MS = 180_000;

async function main(): Promise<number> {
  for (const [ok, message] of [
    [existsSync(codeServerBin()), `code-server is not installed (${codeServerBin()}): run scripts/setup-e2e.sh`],
    [existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set IMAGEREF_E2E_CHROMIUM`],
    [existsSync(path.join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: npm run build:extension'],
  ] as const) {
    if (!ok) {
      console.error(`test:vscode:code-server: ${message}`);
      return 1;
    }
  }
  const temp = mkdtempSync(path.join(tmpdir(), 'imageref-vscode-cs-'));
  let codeServer: CodeServer | undefined;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  const log: string[] = [];
  try {
    const workspace = path.join(temp, 'workspace');
    cpSync(path.join(ROOT, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });
    const reportDir = path.join(temp, 'report');
    mkdirSync(reportDir);
    const reportFile = path.join(reportDir, 'report.json');
    codeServer = await startCodeServer({
      dir: temp,
      workspace,
      userSettings: { 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off' },
      env: {
        DOCKER_CONFIG: path.join(temp, 'docker-config'),
        XDG_CACHE_HOME: path.join(temp, 'cache'),
        IMAGEREF_VSCODE_REPORT: reportFile,
      },
      log: (line) => log.push(line),
    });
    console.log(`code-server ${codeServer.version}`);
    const authority = `127.0.0.1:${codeServer.port}`;
    const remote = (p: string) => `vscode-remote://${authority}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(path.join(__dirname, 'suite', 'index'))],
    ]);
    const reported = waitForFile(reportDir, 'report.json', TIMEOUT_MS);
    const page = await browser.newPage();
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    await reported;
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as SuiteReport;
    console.log('');
    for (const title of report.passes) console.log(`  ✔ ${title}`);
    report.failures.forEach((f, i) => console.log(`  ${i + 1}) ${f.title}`));
    console.log(`\n  ${report.passes.length} passing (${Math.round(report.durationMs / 1000)}s)`);
    if (report.failures.length) {
      console.log(`  ${report.failures.length} failing\n`);
      report.failures.forEach((f, i) => console.log(`  ${i + 1}) ${f.title}:\n     ${f.error.split('\n').join('\n     ')}\n`));
    }
    return report.failures.length ? 1 : 0;
  } catch (error) {
    console.error(`test:vscode:code-server: ${error instanceof Error ? error.message : String(error)}`);
    if (log.length) console.error(log.slice(-20).join('\n'));
    return 1;
  } finally {
    await browser.close().catch(() => undefined);
    await codeServer?.stop().catch(() => undefined);
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Resolves when `dir/name` exists (fs.watch on the folder), rejects after `timeoutMs`. */
function waitForFile(dir: string, name: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const target = path.join(dir, name);
    const watcher = watch(dir, () => {
      if (existsSync(target)) done();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`the suite wrote no report within ${timeoutMs / 1000} s (did the extension host start?)`));
    }, timeoutMs);
    function done() {
      clearTimeout(timer);
      watcher.close();
      resolve();
    }
    if (existsSync(target)) done();
  });
}

main().then((code) => process.exit(code));
