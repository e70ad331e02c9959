import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspTestClient } from '../support/lspClient';

const DOCKERFILE = 'FROM ubuntu\nFROM alpine:3.20\n';

/** A "registry" on loopback that accepts connections and never answers: lookups hang until aborted. */
async function hangingRegistry(): Promise<{ host: string; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('LSP conventions', function () {
  this.timeout(30000);
  let client: LspTestClient;
  afterEach(async () => client?.stop());

  it('sends no client/registerCapability unless the client declares dynamic registration', async () => {
    client = new LspTestClient();
    await client.initialize({ settings: { offline: true } }, { workspace: { configuration: true } });
    await client.open('file:///p/Dockerfile', DOCKERFILE, 'dockerfile');
    await client.diagnostics('file:///p/Dockerfile');
    await client.request('textDocument/hover', { textDocument: { uri: 'file:///p/Dockerfile' }, position: { line: 0, character: 6 } });
    assert.ok(!client.serverRequests.includes('client/registerCapability'), client.serverRequests.join(', '));
    assert.ok(client.serverRequests.includes('workspace/configuration'));
    await client.stop();

    client = new LspTestClient();
    await client.initialize({ settings: { offline: true } }, { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } });
    await client.open('file:///p/Dockerfile', DOCKERFILE, 'dockerfile');
    await client.diagnostics('file:///p/Dockerfile');
    const deadline = Date.now() + 5000;
    while (!client.serverRequests.includes('client/registerCapability') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(client.serverRequests.includes('client/registerCapability'));
  });

  it('publishes each document once per version at start-up, documents opened right after initialized included', async () => {
    client = new LspTestClient();
    const uris = ['file:///p/Dockerfile', 'file:///p/a/Dockerfile', 'file:///p/b/Dockerfile'];
    await client.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: null, initializationOptions: { settings: { offline: true } },
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
    });
    // As Neovim does: initialized, then the buffers at once, before the server has read the configuration.
    await client.connection.sendNotification('initialized', {});
    for (const uri of uris) await client.open(uri, DOCKERFILE, 'dockerfile');
    for (const uri of uris) await client.diagnostics(uri);
    // A round trip, then time for a second (duplicate) validation to show up, were one scheduled.
    await client.request('textDocument/hover', { textDocument: { uri: uris[0] }, position: { line: 0, character: 6 } });
    await new Promise((r) => setTimeout(r, 500));
    for (const uri of uris) assert.deepEqual(client.allPublished(uri).map((p) => p.version), [1], uri);
    await client.change(uris[0], 2, 'FROM ubuntu\n');
    await client.diagnostics(uris[0], (p) => p.version === 2);
    assert.deepEqual(client.allPublished(uris[0]).map((p) => p.version), [1, 2]);
  });

  it('a settings change that changes nothing publishes nothing; one that does, republishes', async () => {
    client = new LspTestClient();
    await client.initialize({ settings: { offline: true } });
    const uri = 'file:///p/Dockerfile';
    await client.open(uri, DOCKERFILE, 'dockerfile');
    await client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { imageref: { offline: true } } });
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 6 } });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.allPublished(uri).length, 1);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { imageref: { offline: true, rules: { unpinned: 'off' } } } });
    const after = await client.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'unpinned'));
    assert.deepEqual(after.map((d) => d.code), ['implicit-latest']);
  });

  it('honours $/cancelRequest for hover and code actions waiting on a registry', async () => {
    const registry = await hangingRegistry();
    try {
      client = new LspTestClient({ ...process.env, HOME: mkdtempSync(path.join(os.tmpdir(), 'imageref-cancel-')), NO_PROXY: '*' });
      await client.initialize({ settings: { requestTimeout: 60000 }, cacheDir: mkdtempSync(path.join(os.tmpdir(), 'imageref-cache-')) });
      const uri = 'file:///p/Dockerfile';
      await client.open(uri, `FROM ${registry.host}/team/app:1\n`, 'dockerfile');
      const [unpinned] = await client.diagnostics(uri);
      const cancelledWithin = async (method: string, params: object) => {
        const source = new CancellationTokenSource();
        const pending = client.connection.sendRequest(method, params, source.token);
        await new Promise((r) => setTimeout(r, 300)); // the request is now waiting on the hanging registry
        const cancelledAt = Date.now();
        source.cancel();
        const error = await pending.then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof ResponseError, `${method} answered instead of being cancelled`);
        assert.equal(error.code, -32800, `${method}: RequestCancelled`);
        return Date.now() - cancelledAt;
      };
      const hoverMs = await cancelledWithin('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } });
      const actionMs = await cancelledWithin('textDocument/codeAction', { textDocument: { uri }, range: unpinned.range, context: { diagnostics: [unpinned as Diagnostic] } });
      assert.ok(hoverMs < 2000 && actionMs < 2000, `answered ${hoverMs} / ${actionMs} ms after the cancellation`);
      assert.equal(client.process.exitCode, null);
    } finally {
      await client.stop();
      await registry.stop();
    }
  });

  it('an uncaught exception in imageref lsp is logged and the server keeps answering', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-crash-'));
    const thrower = path.join(dir, 'thrower.js');
    writeFileSync(thrower, "setTimeout(() => { throw new Error('boom from a bug'); }, 200);\nsetTimeout(() => Promise.reject(new Error('rejected by a bug')), 250);\n");
    client = new LspTestClient(process.env, ['--require', thrower]);
    await client.initialize({ settings: { offline: true } });
    const deadline = Date.now() + 5000;
    while (!/rejected by a bug/.test(client.stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.match(client.stderr, /imageref: uncaught exception \(the server keeps running\): Error: boom from a bug/);
    assert.match(client.stderr, /imageref: unhandled rejection \(the server keeps running\): Error: rejected by a bug/);
    await client.open('file:///p/Dockerfile', DOCKERFILE, 'dockerfile');
    assert.deepEqual((await client.diagnostics('file:///p/Dockerfile')).map((d) => d.code), ['implicit-latest', 'unpinned']);
    assert.equal(client.process.exitCode, null);
  });

  it('applies the nearest .imageref.json per document: severities, ignore, and a warning for forbidden keys', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'imageref-lspconfig-'));
    mkdirSync(path.join(repo, '.git'));
    mkdirSync(path.join(repo, 'fixtures'));
    writeFileSync(path.join(repo, '.imageref.json'), JSON.stringify({ rules: { unpinned: 'error' }, ignore: ['fixtures/'], caCertificates: ['/tmp/x.pem'] }));
    client = new LspTestClient();
    await client.initialize({ settings: { offline: true, rules: { unpinned: 'off', 'implicit-latest': 'hint' } } });
    const main = pathToFileURL(path.join(repo, 'Dockerfile')).href;
    const fixture = pathToFileURL(path.join(repo, 'fixtures', 'Dockerfile')).href;
    await client.open(main, DOCKERFILE, 'dockerfile');
    await client.open(fixture, DOCKERFILE, 'dockerfile');
    const diagnostics = await client.diagnostics(main);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['implicit-latest', 4], ['unpinned', 1]]);
    assert.deepEqual(await client.diagnostics(fixture), []);
    const shown = client.notifications.filter((n) => n.method === 'window/showMessage').map((n) => (n.params as { message: string }).message);
    assert.equal(shown.length, 1, shown.join("\n"));
    assert.doesNotMatch(client.stderr, /unhandled/);
    assert.match(shown[0], /^imageref: \.imageref\.json: "caCertificates" is ignored: network and credential settings/);
    // The file changes on disk; the client says so (VS Code's client watches it): open documents follow at once.
    writeFileSync(path.join(repo, '.imageref.json'), JSON.stringify({ rules: { unpinned: 'warning' } }));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(repo, '.imageref.json')).href, type: 2 }] });
    const after = await client.diagnostics(main, (p) => p.diagnostics.some((d) => d.code === 'unpinned' && d.severity === 2));
    assert.deepEqual(after.map((d) => [d.code, d.severity]), [['implicit-latest', 4], ['unpinned', 2]]);
    assert.notDeepEqual(await client.diagnostics(fixture, (p) => p.diagnostics.length > 0), []);
  });
});
