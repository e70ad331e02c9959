import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { InlayHint } from 'vscode-languageserver-types';
import { LspTestClient } from '../support/lspClient';
import { pushIndex, pushSingle, type Pushed, type PushedIndex } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

describe('inlay hints after unpinned tags (LSP, real registry, Basic auth)', function () {
  this.timeout(60_000);
  let registry: TestRegistry;
  let index: PushedIndex;
  let single: Pushed;
  let client: LspTestClient;
  let home: string;

  before(async () => {
    registry = await startRegistry({ auth: 'htpasswd' });
    index = await pushIndex(registry, 'base/java', '17', { attestations: true });
    single = await pushSingle(registry, 'base/tool', '1');
  });
  after(async () => registry?.stop());
  afterEach(async () => {
    await client?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  async function hints(settings: Record<string, unknown>): Promise<InlayHint[]> {
    home = mkdtempSync(path.join(os.tmpdir(), 'imageref-inlay-'));
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from('alice:wonderland').toString('base64') } } }));
    client = new LspTestClient({ ...process.env, DOCKER_CONFIG: path.join(home, '.docker'), HOME: home, XDG_RUNTIME_DIR: home });
    const init = await client.initialize({ cacheDir: path.join(home, 'cache'), settings }) as { capabilities: { inlayHintProvider?: unknown } };
    assert.equal(init.capabilities.inlayHintProvider, true);
    const uri = 'file:///w/Dockerfile';
    const text = `FROM ${registry.host}/base/java:17 AS a\nFROM ${registry.host}/base/tool:1 AS b\nFROM ${registry.host}/base/java:17@${index.digest} AS c\n`;
    await client.open(uri, text, 'dockerfile');
    await client.diagnostics(uri);
    return client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } });
  }

  it('are off by default', async () => {
    assert.deepEqual(await hints({}), []);
  });

  it('when on: the short digest and the platform count (attestations not counted), none for a pinned reference', async () => {
    const shown = await hints({ inlayHints: true });
    const line0 = `FROM ${registry.host}/base/java:17`;
    assert.deepEqual(shown.map((h) => [h.position, h.label]), [
      [{ line: 0, character: line0.length }, `${index.digest.slice(0, 19)}… · 2 platforms`],
      [{ line: 1, character: `FROM ${registry.host}/base/tool:1`.length }, `${single.digest.slice(0, 19)}… · single platform`],
    ]);
  });
});
