import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import { PRECISE_TAG_HEADS } from '../../server/src/service/preciseTag';
import { LspTestClient } from '../support/lspClient';
import { pushManifest, pushSingle, type Pushed } from '../support/push';
import { startRecordingFront, type RecordingFront } from '../support/recordingFront';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

/** "Use the most specific tag with the same digest", with the HEADs counted by a recording front. */
describe('precise tag through the LSP (real registry)', function () {
  this.timeout(120_000);
  let registry: TestRegistry;
  let front: RecordingFront;
  let client: LspTestClient;
  let home: string;
  const images: Record<string, Pushed> = {};
  /** 30 patch versions of the -jre family, each its own image; the newest is 17.0.29_1-jre. */
  const patches = Array.from({ length: 30 }, (_, i) => `17.0.${i}_1-jre`);

  before(async () => {
    registry = await startRegistry();
    for (const tag of [...patches, '17.0.29_1-jdk']) images[tag] = await pushSingle(registry, 'team/java', tag);
    // The floating tags: 17-jre points at the third newest patch, 17 at one far past the search bound.
    await pushManifest(registry, 'team/java', '17-jre', images['17.0.27_1-jre'].bytes, images['17.0.27_1-jre'].mediaType);
    await pushManifest(registry, 'team/java', '17', images['17.0.2_1-jre'].bytes, images['17.0.2_1-jre'].mediaType);
    front = await startRecordingFront(registry.url);
  });
  after(async () => {
    await front?.stop();
    await registry?.stop();
  });
  beforeEach(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'imageref-precise-'));
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(path.join(home, '.docker', 'config.json'), '{}');
    client = new LspTestClient({ ...process.env, DOCKER_CONFIG: path.join(home, '.docker'), HOME: home, XDG_RUNTIME_DIR: home });
    await client.initialize({ cacheDir: path.join(home, 'cache') });
  });
  afterEach(async () => {
    await client?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  const heads = () => front.requests.filter((r) => r.method === 'HEAD' && r.url.includes('/manifests/')).map((r) => r.url.split('/manifests/')[1]);

  async function actionsAt(uri: string, text: string, line: number): Promise<{ actions: CodeAction[]; document: TextDocument }> {
    await client.open(uri, text, 'dockerfile');
    const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unpinned' && d.range.start.line === line));
    const diagnostic = diagnostics.find((d: Diagnostic) => d.code === 'unpinned' && d.range.start.line === line)!;
    front.requests.length = 0;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    return { actions, document: TextDocument.create(uri, 'dockerfile', 1, text) };
  }

  it(`finds 17.0.27_1-jre for 17-jre, newest candidates first, with at most ${PRECISE_TAG_HEADS} HEADs`, async () => {
    const uri = 'file:///w/Dockerfile';
    const text = `FROM ${front.host}/team/java:17-jre\n`;
    const { actions, document } = await actionsAt(uri, text, 0);
    const precise = actions.find((a) => a.title.startsWith('Use the most specific tag with the same digest'));
    assert.ok(precise, actions.map((a) => a.title).join(' | '));
    assert.equal(precise.title, 'Use the most specific tag with the same digest: 17.0.27_1-jre');
    assert.equal(TextDocument.applyEdits(document, precise.edit!.changes![uri]), `FROM ${front.host}/team/java:17.0.27_1-jre\n`);
    const asked = heads();
    assert.ok(asked.length <= PRECISE_TAG_HEADS, `HEADs: ${asked.join(' ')}`);
    // The four of a batch are sent at once, so they may reach the front in any order.
    assert.deepEqual(asked.filter((t) => t !== '17-jre').slice(0, 4).sort(), ['17.0.26_1-jre', '17.0.27_1-jre', '17.0.28_1-jre', '17.0.29_1-jre'], 'newest of the family first, one batch');
    assert.ok(!asked.includes('17.0.29_1-jdk'), 'never another family');
  });

  it(`offers nothing when the matching tag is past the bound, after ${PRECISE_TAG_HEADS} HEADs at most`, async () => {
    const uri = 'file:///w/Dockerfile.old';
    const { actions } = await actionsAt(uri, `FROM ${front.host}/team/java:17\n`, 0);
    assert.equal(actions.find((a) => a.title.startsWith('Use the most specific tag')), undefined);
    const candidates = heads().filter((t) => t !== '17');
    assert.equal(candidates.length, PRECISE_TAG_HEADS, `HEADs: ${candidates.join(' ')}`);
    assert.ok(!candidates.includes('17.0.2_1-jre'));
  });

  it('the hover of a digest-only reference names the tags the bounded search finds', async () => {
    const uri = 'file:///w/Dockerfile.pinned';
    const text = `FROM ${front.host}/team/java@${images['17.0.28_1-jre'].digest}\n`;
    await client.open(uri, text, 'dockerfile');
    await client.diagnostics(uri);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } });
    assert.match((hover.contents as { value: string }).value, /\*\*Tags with this digest:\*\* `17\.0\.28_1-jre` \(of 12 tags checked\)/);
  });
});
