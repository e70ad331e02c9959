/**
 * Workspace trust in a real workbench: in Restricted Mode the extension still runs (capabilities.untrustedWorkspaces
 * is 'limited') but the server asks no registry; granting trust sends imageref/setTrusted and the registry answers.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pushIndex } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';
import { startCodeServer, type CodeServer } from './codeServer';
import { packagedExtension } from './extensionPackage';
import { Workbench } from './workbench';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ARTIFACTS = path.join(ROOT, '.e2e-artifacts', 'trust');

describe('imageref in an untrusted workspace (code-server, Restricted Mode)', function () {
  this.timeout(120_000);
  let temp: string;
  let registry: TestRegistry;
  let codeServer: CodeServer | undefined;
  let bench: Workbench;

  before(async function () {
    this.timeout(300_000);
    rmSync(ARTIFACTS, { recursive: true, force: true });
    temp = mkdtempSync(path.join(os.tmpdir(), 'imageref-e2e-trust-'));
    registry = await startRegistry();
    await pushIndex(registry, 'base/java', '17');
    const workspace = path.join(temp, 'workspace');
    mkdirSync(workspace, { recursive: true });
    writeFileSync(path.join(workspace, 'Dockerfile'), `FROM ${registry.host}/base/java:17\n`);
    codeServer = await startCodeServer({
      dir: temp,
      workspace,
      workspaceTrust: true,
      extension: packagedExtension(temp),
      userSettings: {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never', // open straight into Restricted Mode
        'security.workspace.trust.banner': 'never',
        'telemetry.telemetryLevel': 'off',
        'extensions.ignoreRecommendations': true,
        'editor.hover.delay': 300,
      },
      env: { DOCKER_CONFIG: path.join(temp, 'docker-config'), XDG_CACHE_HOME: path.join(temp, 'cache'), HOME: path.join(temp, 'home') },
      log: () => undefined,
    });
    bench = await Workbench.open({ url: codeServer.url, workspace, artifacts: ARTIFACTS, log: () => undefined });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && bench) await bench.screenshot('FAILED').catch(() => undefined);
  });

  after(async function () {
    this.timeout(60_000);
    await bench?.close().catch(() => undefined);
    await codeServer?.stop().catch(() => undefined);
    await registry?.stop().catch(() => undefined);
    if (temp && !process.env.IMAGEREF_E2E_KEEP) rmSync(temp, { recursive: true, force: true });
  });

  it('restricted: syntactic diagnostics only, the status bar says offline, the hover has no registry data', async () => {
    await bench.openFile('Dockerfile');
    await bench.waitForSquiggle('any');
    await bench.statusItem().filter({ hasText: /offline/ }).first().waitFor({ timeout: 30_000 });
    const text = await bench.hover(bench.token('base/java'), /Repository/);
    assert.doesNotMatch(text, /linux\/arm64|sha256:/, 'no registry answer in Restricted Mode');
    await bench.screenshot('restricted');
    await bench.dismiss();
  });

  it('granting trust lets the server ask the registry', async () => {
    await bench.runCommand('Workspaces: Manage Workspace Trust');
    const trust = bench.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
    await trust.click({ timeout: 20_000 });
    await bench.page.locator('.workspace-trust-editor .workspace-trust-header.trusted, .workspace-trust-editor .trusted').first()
      .waitFor({ timeout: 20_000 }).catch(() => undefined);
    await bench.screenshot('trust-granted');
    await bench.statusItem().filter({ hasText: /offline/ }).first().waitFor({ state: 'detached', timeout: 30_000 });
    await bench.openFile('Dockerfile');
    const text = await bench.hover(bench.token('base/java'), /linux\/arm64/);
    assert.match(text, /sha256:/);
    await bench.screenshot('trusted-hover');
  });
});
