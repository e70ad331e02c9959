import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { UpdateDigestsResult } from '../../shared/protocol';
import { LspTestClient } from '../support/lspClient';
import { pushIndex, type PushedIndex } from '../support/push';
import { startRegistry, type TestRegistry } from '../support/registryHarness';

describe('Update Pinned Digests through the LSP (real registry, token auth)', function () {
  this.timeout(90_000);
  let registry: TestRegistry;
  let old: PushedIndex;
  let current: PushedIndex;
  let home: string;
  let client: LspTestClient;

  before(async () => {
    registry = await startRegistry({ auth: 'token' });
    old = await pushIndex(registry, 'base/java', '17', { salt: 'old' });
    current = await pushIndex(registry, 'base/java', '17', { salt: 'new' });
  });
  after(async () => registry?.stop());
  afterEach(async () => {
    await client?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('returns one workspace edit for every stale digest, on disk and in unsaved open documents, and changes no file', async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'imageref-update-lsp-'));
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from('alice:wonderland').toString('base64') } } }));
    const workspace = path.join(home, 'ws');
    mkdirSync(path.join(workspace, 'svc', 'node_modules'), { recursive: true });
    const repo = `${registry.host}/base/java`;
    const files: Record<string, string> = {
      Dockerfile: `FROM ${repo}:17@${old.digest}\n`,
      'svc/pom.xml': `<project><build><plugins><plugin>\n<artifactId>jib-maven-plugin</artifactId>\n<configuration><from><image>${repo}@${old.digest}</image> <!-- tag: 17 --></from></configuration>\n</plugin></plugins></build></project>\n`,
      'svc/build.gradle.kts': `jib { from { image = "${repo}:17@${current.digest}" } }\n`,
      'svc/node_modules/Dockerfile': `FROM ${repo}:17@${old.digest}\n`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(workspace, name), text);
    client = new LspTestClient({ ...process.env, DOCKER_CONFIG: path.join(home, '.docker'), HOME: home, XDG_RUNTIME_DIR: home });
    await client.initialize({ cacheDir: path.join(home, 'cache') });
    const openUri = pathToFileURL(path.join(workspace, 'svc', 'build.gradle.kts')).toString();
    const unsaved = `jib { from { image = "${repo}:17@${old.digest}" } }\n`;
    await client.open(openUri, unsaved, 'kotlin');
    await client.diagnostics(openUri, () => true, 30_000);

    const result = await client.request<UpdateDigestsResult>('workspace/executeCommand', {
      command: 'imageref.server.updatePinnedDigests', arguments: [{ folders: [pathToFileURL(workspace).toString()] }],
    });
    assert.equal(result.updates, 3);
    assert.equal(result.files, 3);
    assert.equal(result.scanned, 3, 'node_modules is skipped');
    const uri = (name: string) => pathToFileURL(path.join(workspace, name)).toString();
    assert.deepEqual(Object.keys(result.edit.changes).sort(), [uri('Dockerfile'), uri('svc/build.gradle.kts'), uri('svc/pom.xml')].sort());
    const applied = (name: string, text: string) => TextDocument.applyEdits(TextDocument.create(uri(name), 'x', 1, text), result.edit.changes[uri(name)]);
    assert.equal(applied('Dockerfile', files.Dockerfile), `FROM ${repo}:17@${current.digest}\n`);
    assert.equal(applied('svc/pom.xml', files['svc/pom.xml']), files['svc/pom.xml'].replace(old.digest, current.digest));
    assert.equal(applied('svc/build.gradle.kts', unsaved), `jib { from { image = "${repo}:17@${current.digest}" } }\n`, 'the open document as edited');
    assert.equal(readFileSync(path.join(workspace, 'Dockerfile'), 'utf8'), files.Dockerfile, 'the client applies the edit, not the server');
  });

  it('answers an error, not an empty edit, when offline', async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'imageref-update-lsp-'));
    client = new LspTestClient({ ...process.env, HOME: home });
    await client.initialize({ settings: { offline: true } });
    await assert.rejects(
      client.request('workspace/executeCommand', { command: 'imageref.server.updatePinnedDigests', arguments: [{ folders: [pathToFileURL(home).toString()] }] }),
      /needs the registry/,
    );
  });
});
