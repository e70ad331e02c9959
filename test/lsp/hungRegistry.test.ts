import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-types';
import { startHungFront, type HungFront } from '../support/hungFront';
import { LspTestClient } from '../support/lspClient';
import { pushSingle, type Pushed } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

const RESOLVES_EDIT = { textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } };

/** The editor features while the registry accepts connections and never answers, then answers. */
describe('LSP with a registry that hangs', function () {
  this.timeout(60_000);
  let registry: TestRegistry;
  let image: Pushed;
  let hung: HungFront;
  let client: LspTestClient;

  before(async () => {
    registry = await startRegistry();
    image = await pushSingle(registry, 'team/app', '1.0');
  });
  after(() => registry?.stop());
  beforeEach(async () => (hung = await startHungFront()));
  afterEach(async () => {
    await client?.stop();
    await hung.stop();
  });

  async function start(capabilities: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) {
    const home = mkdtempSync(path.join(os.tmpdir(), 'imageref-lsp-hung-'));
    client = new LspTestClient({ ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), XDG_RUNTIME_DIR: home });
    await client.initialize({ cacheDir: path.join(home, 'cache'), settings: { requestTimeout: 20_000, ...settings } }, capabilities);
  }

  async function openDockerfile(text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = `file:///tmp/hung-${Date.now()}/Dockerfile`;
    await client.open(uri, text, 'dockerfile');
    const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'scheme-prefix'));
    return { uri, diagnostics };
  }

  const codeActions = (uri: string, diagnostics: Diagnostic[]) => client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
    context: { diagnostics },
  });

  /** The validation's lookups have answered: an `imageref/status` idle notification after `index`. */
  async function idleAfter(index: number): Promise<void> {
    const deadline = Date.now() + 15_000;
    const idle = () => client.notifications.slice(index).some((n) => n.method === 'imageref/status' && (n.params as { state: string }).state === 'idle');
    while (!idle()) {
      assert.ok(Date.now() < deadline, 'no idle status after the registry answered');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const started = process.hrtime.bigint();
    const result = await run();
    return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  }

  it('answers code actions at once; the pin gets its edit through codeAction/resolve once the registry answers', async () => {
    await start(RESOLVES_EDIT);
    const { uri, diagnostics } = await openDockerfile(`FROM https://${hung.host}/team/app:1.0\nFROM ${hung.host}/team/app:1.0\n`);
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await timed(() => codeActions(uri, diagnostics)));
    const median = runs.map((r) => r.ms).sort((a, b) => a - b)[1];
    assert.ok(median < 100, `code actions took ${runs.map((r) => Math.round(r.ms)).join(', ')} ms while the registry hangs`);
    const actions = runs[0].result;
    const scheme = actions.find((a) => a.title === 'Remove `https://`');
    assert.ok(scheme?.edit, actions.map((a) => a.title).join(' | '));
    const pin = actions.find((a) => a.title === 'Pin to digest of tag `1.0`' && a.diagnostics?.[0].range.start.line === 1);
    assert.ok(pin && !pin.edit && pin.data, `a pin without its edit: ${JSON.stringify(actions)}`);

    hung.answer(registry.host);
    const resolved = await client.request<CodeAction>('codeAction/resolve', pin);
    const edit = resolved.edit?.changes?.[uri]?.[0];
    assert.equal(edit?.newText, `${hung.host}/team/app:1.0@${image.digest}`);
    assert.equal(resolved.title, `Pin to digest ${image.digest.slice(0, 19)}…`);
  });

  it('a client without resolve support: offline fixes after a short wait at most, the pin left out', async () => {
    await start();
    const { uri, diagnostics } = await openDockerfile(`FROM https://${hung.host}/team/app:1.0\nFROM ${hung.host}/team/app:1.0\n`);
    const { result, ms } = await timed(() => codeActions(uri, diagnostics));
    assert.ok(ms < 1500, `code actions took ${Math.round(ms)} ms`);
    assert.deepEqual(result.map((a) => a.title).filter((t) => t.startsWith('Pin')), []);
    assert.ok(result.some((a) => a.title === 'Remove `https://`'));
  });

  it('hover answers within imageref.hover.timeout with the parts and what it waits for; the next hover has the answer', async () => {
    await start({}, { hover: { timeout: 400 } });
    const uri = `file:///tmp/hung-hover-${Date.now()}/Dockerfile`;
    await client.open(uri, `FROM ${hung.host}/team/app:1.0\n`, 'dockerfile');
    await client.diagnostics(uri);
    const hover = () => client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } })
      .then((h) => (h.contents as MarkupContent).value);
    const first = await timed(hover);
    assert.ok(first.ms < 1000, `hover took ${Math.round(first.ms)} ms with a 400 ms budget`);
    assert.match(first.result, new RegExp(`Still waiting for ${hung.host.replace(/\./g, '\\.')}`));
    assert.match(first.result, /\| Repository \| `team\/app` \|/);
    assert.equal(hung.connections(), 1, 'the hover shares the validation\'s lookup');

    const before = client.notifications.length;
    hung.answer(registry.host);
    await idleAfter(before);
    const second = await hover();
    assert.doesNotMatch(second, /Still waiting/);
    const digestAt = second.indexOf(`**Digest:** \`${image.digest}\``);
    assert.ok(digestAt > 0, second);
    const platformAt = second.indexOf(`| linux/amd64 | \`${image.digest.slice(0, 19)}…\``);
    assert.ok(platformAt > digestAt, `the single platform, read from the image config: ${second}`);
    assert.ok(platformAt < second.indexOf('| Registry |'), 'the digest and platforms come before the parts table');
  });
});
