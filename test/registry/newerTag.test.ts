import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import { LspTestClient } from '../support/lspClient';
import { pushSingle, type Pushed } from '../support/push';
import { startRecordingFront, type RecordingFront } from '../support/recordingFront';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

/** newer-tag through the LSP against a real registry (token auth): off by default, on when given a severity. */
describe('newer-tag through the LSP (real registry, token auth)', function () {
  this.timeout(90_000);
  let registry: TestRegistry;
  let front: RecordingFront;
  let client: LspTestClient;
  let home: string;
  const images: Record<string, Pushed> = {};

  before(async () => {
    registry = await startRegistry({ auth: 'token' });
    for (const tag of ['21.0.4_7-jre', '21.0.5_11-jre', '21.0.6_7-jdk', '23.0.1_11-jre', '21-jre', 'latest']) {
      images[tag] = await pushSingle(registry, 'team/java', tag);
    }
    front = await startRecordingFront(registry.url);
  });
  after(async () => {
    await front?.stop();
    await registry?.stop();
  });
  beforeEach(() => (front.requests.length = 0));
  afterEach(async () => {
    await client?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  async function startClient(rules: Record<string, string>) {
    home = mkdtempSync(path.join(os.tmpdir(), 'imageref-newer-'));
    mkdirSync(path.join(home, '.docker'));
    const auths = { [front.host]: { auth: Buffer.from('alice:wonderland').toString('base64') } };
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths }));
    client = new LspTestClient({ ...process.env, DOCKER_CONFIG: path.join(home, '.docker'), HOME: home, XDG_RUNTIME_DIR: home });
    await client.initialize({ cacheDir: path.join(home, 'cache'), settings: { rules } });
  }

  const repo = () => `${front.host}/team/java`;
  const dockerfile = () => `FROM ${repo()}:21.0.4_7-jre AS a\nFROM ${repo()}:21.0.4_7-jre@${images['21.0.4_7-jre'].digest} AS b\nFROM ${repo()}:21.0.5_11-jre AS c\nFROM ${repo()}:404 AS d\n`;
  const pom = () => `<project><build><plugins><plugin>\n<artifactId>jib-maven-plugin</artifactId>\n<configuration><from><image>${repo()}@${images['21.0.4_7-jre'].digest}</image> <!-- tag: 21.0.4_7-jre --></from></configuration>\n</plugin><plugin><artifactId>jib-maven-plugin</artifactId><configuration><from><image>${repo()}:404</image></from></configuration></plugin></plugins></build></project>\n`;

  async function settled(uri: string, text: string, languageId: string): Promise<Diagnostic[]> {
    await client.open(uri, text, languageId);
    // Registry answers are in once the reference to a missing tag is reported.
    return client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'tag-not-found'), 30_000);
  }

  async function fixes(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  }

  it('is off by default: no diagnostic and no tags/list request', async () => {
    await startClient({});
    const diagnostics = await settled('file:///w/Dockerfile', dockerfile(), 'dockerfile');
    assert.deepEqual(diagnostics.filter((d) => d.code === 'newer-tag'), []);
    assert.ok(front.requests.some((r) => r.url.includes('/manifests/')), 'the registry was asked');
    // (`tags/list?n=1` is the client's check whether the repository of the missing tag exists.)
    assert.deepEqual(front.requests.filter((r) => r.url.includes('/tags/list') && !r.url.endsWith('?n=1')), [], 'but not for tags');
  });

  it('when on: the newer tag of the same family, never -jdk; the fix swaps the tag and, when pinned, the digest', async () => {
    await startClient({ 'newer-tag': 'information' });
    const uri = 'file:///w/Dockerfile';
    const text = dockerfile();
    const diagnostics = (await settled(uri, text, 'dockerfile')).filter((d) => d.code === 'newer-tag');
    assert.deepEqual(diagnostics.map((d) => d.range.start.line), [0, 1], 'not for the newest (line 3)');
    for (const d of diagnostics) {
      assert.equal(d.severity, 3);
      assert.match(d.message as string, /`21\.0\.5_11-jre` \(this is `21\.0\.4_7-jre`\)/);
    }
    const document = TextDocument.create(uri, 'dockerfile', 1, text);
    const apply = (action: CodeAction | undefined) => TextDocument.applyEdits(document, action!.edit!.changes![uri]).split('\n');
    const unpinned = (await fixes(uri, diagnostics[0])).find((a) => a.title === 'Use tag 21.0.5_11-jre');
    assert.equal(apply(unpinned)[0], `FROM ${repo()}:21.0.5_11-jre AS a`);
    const pinned = (await fixes(uri, diagnostics[1])).find((a) => a.title === 'Use tag 21.0.5_11-jre');
    assert.equal(apply(pinned)[1], `FROM ${repo()}:21.0.5_11-jre@${images['21.0.5_11-jre'].digest} AS b`);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } });
    assert.match((hover.contents as { value: string }).value, /\*\*Newest of the family:\*\* `21\.0\.5_11-jre`/);
  });

  it('when on: a digest-only pin with a tag comment gets the new digest and comment', async () => {
    await startClient({ 'newer-tag': 'information' });
    const uri = 'file:///w/pom.xml';
    const text = pom();
    const diagnostic = (await settled(uri, text, 'xml')).find((d) => d.code === 'newer-tag');
    assert.ok(diagnostic, 'newer-tag on the tag comment');
    const document = TextDocument.create(uri, 'xml', 1, text);
    assert.equal(document.getText(diagnostic.range), ' <!-- tag: 21.0.4_7-jre -->');
    const action = (await fixes(uri, diagnostic)).find((a) => a.title === 'Use tag 21.0.5_11-jre');
    const fixed = TextDocument.applyEdits(document, action!.edit!.changes![uri]);
    assert.match(fixed, new RegExp(`<image>${repo()}@${images['21.0.5_11-jre'].digest}</image> <!-- tag: 21\\.0\\.5_11-jre -->`));
  });
});
