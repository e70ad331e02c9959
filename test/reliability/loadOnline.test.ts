/**
 * Load with the registry on: 200 documents of all four kinds, 20 references each, edited concurrently through the LSP
 * with incremental edits that change which tags are looked up, against a real registry. The final diagnostics of
 * every document — syntactic and registry — must equal a fresh analysis of its final text, and nothing stale may
 * arrive afterwards.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createRegistryClient } from '../../server/src/registry/client';
import { createCredentialProvider } from '../../server/src/registry/credentials';
import { ImagerefLanguageService } from '../../server/src/service/languageService';
import { normalizeSettings } from '../../server/src/service/settings';
import type { FileKind } from '../../server/src/service/types';
import { LspTestClient } from '../support/lspClient';
import { FILE_NAMES, KINDS } from '../support/mutate';
import { pushIndex, pushSingle } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

const DOCUMENTS = 200;
const REFERENCES = 20;
const VERSIONS = 5;
const REPOSITORIES = 8;

function referenceOf(host: string, doc: number, j: number, version: number): string {
  // r8 does not exist (repository-not-found); t2 exists nowhere (tag-not-found); the rest resolve.
  return `${host}/team/r${(doc + j) % (REPOSITORIES + 1)}:t${(doc * 7 + j + version) % 3}`;
}

function documentText(kind: FileKind, host: string, doc: number, version: number): string {
  const refs = Array.from({ length: REFERENCES }, (_, j) => referenceOf(host, doc, j, version));
  switch (kind) {
    case 'dockerfile':
      return `# version ${version}\n` + refs.map((r, j) => `FROM ${r} AS s${j}`).join('\n') + '\n';
    case 'maven':
      return `<project><!-- version ${version} --><build><plugins>\n` + refs.map((r) =>
        `<plugin><artifactId>jib-maven-plugin</artifactId><configuration><from><image>${r}</image></from></configuration></plugin>`).join('\n') + '\n</plugins></build></project>\n';
    case 'gradle-groovy':
      return `// version ${version}\n` + refs.map((r) => `jib { from { image = '${r}' } }`).join('\n') + '\n';
    case 'gradle-kotlin':
      return `// version ${version}\n` + refs.map((r) => `jib { from { image = "${r}" } }`).join('\n') + '\n';
    case 'compose':
      return `# version ${version}\nservices:\n` + refs.map((r, j) => `  s${j}:\n    image: ${r}\n`).join('');
    case 'kubernetes':
      return `# version ${version}\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n` + refs.map((r) => `  - image: ${r}\n`).join('');
    case 'github-actions':
      return `# version ${version}\njobs:\n` + refs.map((r, j) => `  j${j}:\n    container: ${r}\n`).join('');
    case 'gitlab-ci':
      return `# version ${version}\n` + refs.map((r, j) => `j${j}:\n  image: ${r}\n`).join('');
    case 'java':
    case 'kotlin':
    case 'groovy':
      return `// version ${version} testcontainers\nclass T {\n` + refs.map((r, j) => `  val c${j} = GenericContainer<Nothing>("${r}")\n`).join('') + '}\n';
    case 'quarkus-properties':
      return `# version ${version} quarkus\n` + refs.map((r, j) => `%p${j}.quarkus.jib.base-jvm-image=${r}\n`).join('');
    case 'quarkus-yaml':
      return `# version ${version}\n` + refs.map((r, j) => `"%p${j}":\n  quarkus:\n    jib:\n      base-jvm-image: ${r}\n`).join('');
    case 'skaffold':
      return `# version ${version}\nbuild:\n  artifacts:\n` + refs.map((r) => `  - image: app\n    jib: {fromImage: ${r}}\n`).join('');
  }
}

/** The smallest single-range edit that turns `before` into `after`. */
function incrementalChange(before: string, after: string) {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const document = TextDocument.create('file:///x', 'x', 1, before);
  return { range: { start: document.positionAt(start), end: document.positionAt(before.length - end) }, text: after.slice(start, after.length - end) };
}

describe('load: 200 documents × 20 references of every kind, edited concurrently, registry on', function () {
  this.timeout(180_000);
  let registry: TestRegistry;
  let lsp: LspTestClient | undefined;
  let home: string;

  before(async () => {
    registry = await startRegistry();
    for (let r = 0; r < REPOSITORIES; r++) {
      await pushIndex(registry, `team/r${r}`, 't0', { salt: `r${r}` });
      await pushSingle(registry, `team/r${r}`, 't1');
    }
    home = mkdtempSync(path.join(os.tmpdir(), 'imageref-load-'));
  });
  after(async () => {
    await lsp?.stop();
    await registry?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('final diagnostics equal a fresh analysis of every final text; no stale publication; memory bounded', async () => {
    const env = { ...process.env, HOME: home, DOCKER_CONFIG: path.join(home, '.docker'), NO_PROXY: '*' };
    lsp = new LspTestClient(env);
    const settingsInput = { requestTimeout: 5000 };
    await lsp.initialize({ settings: settingsInput, cacheDir: path.join(home, 'lsp-cache'), trusted: true });
    const docs = Array.from({ length: DOCUMENTS }, (_, i) => {
      const kind = KINDS[i % KINDS.length];
      return { kind, uri: `file:///load/p${i}/${FILE_NAMES[kind]}`, index: i, text: documentText(kind, registry.host, i, 1) };
    });
    const started = Date.now();
    await Promise.all(docs.map((d) => lsp!.open(d.uri, d.text, 'plaintext')));
    // Interleaved incremental edits: every document gets versions 2..VERSIONS, no waiting in between; a short pause
    // now and then lets some registry lookups start before the next edit cancels them.
    for (let version = 2; version <= VERSIONS; version++) {
      for (const d of docs) {
        const next = documentText(d.kind, registry.host, d.index, version);
        await lsp.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri: d.uri, version }, contentChanges: [incrementalChange(d.text, next)],
        });
        d.text = next;
      }
      if (version % 2 === 0) await new Promise((resolve) => setTimeout(resolve, 300));
    }

    // A fresh service with its own client and cache, asked about each final text.
    const settings = normalizeSettings(settingsInput);
    const fresh = new ImagerefLanguageService({
      registry: createRegistryClient({ credentials: createCredentialProvider({ env: { HOME: home }, homeDir: home }), timeoutMs: 5000 }),
    });
    const expected = new Map<string, Diagnostic[]>();
    for (const d of docs) {
      const document = TextDocument.create(d.uri, 'plaintext', VERSIONS, d.text);
      await fresh.resolve(fresh.validate(document, settings).pending, settings);
      expected.set(d.uri, JSON.parse(JSON.stringify(fresh.validate(document, settings).diagnostics)));
    }
    const codes = new Set([...expected.values()].flat().map((d) => String(d.code)));
    for (const code of ['unpinned', 'tag-not-found', 'repository-not-found']) assert.ok(codes.has(code), `the load covers ${code}`);

    for (const d of docs) {
      const want = expected.get(d.uri)!;
      try {
        await lsp.diagnostics(d.uri, (p) => p.version === VERSIONS && JSON.stringify(p.diagnostics) === JSON.stringify(want), 60_000);
      } catch {
        assert.deepEqual(lsp.lastPublished(d.uri), { uri: d.uri, version: VERSIONS, diagnostics: want }, `${d.uri}: lost or stale diagnostics`);
      }
    }
    const settled = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const d of docs) {
      const last = lsp.lastPublished(d.uri);
      assert.equal(last?.version, VERSIONS, `${d.uri}: a stale publication came last`);
      assert.deepEqual(last?.diagnostics, expected.get(d.uri), `${d.uri}: the last publication differs from a fresh analysis`);
    }
    const status = readFileSync(`/proc/${lsp.process.pid}/status`, 'utf8');
    const rssMiB = Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    const peakMiB = Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024;
    assert.ok(rssMiB < 400, `server RSS ${rssMiB.toFixed(0)} MiB`);
    console.log(`      ${DOCUMENTS} documents × ${VERSIONS} versions settled in ${settled} ms; server RSS ${rssMiB.toFixed(0)} MiB (peak ${peakMiB.toFixed(0)} MiB)`);
  });
});
