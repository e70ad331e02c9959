import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startHungFront, type HungFront } from '../support/hungFront';
import { CLI } from '../support/lspClient';

const TIMEOUT = 3000;

function runCli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, XDG_CACHE_HOME: cwd } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })));
}

describe('imageref check against a host that accepts connections and never answers', function () {
  this.timeout(30_000);
  let hung: HungFront;
  before(async () => (hung = await startHungFront()));
  after(() => hung.stop());

  it('four references to the host: done within about one request timeout, the reason said once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-hung-'));
    const refs = ['team/one:1', 'team/two:1', 'team/three:1', 'team/one:2'].map((r) => `FROM ${hung.host}/${r}`);
    writeFileSync(path.join(dir, 'Dockerfile'), `${refs.join('\n')}\n`);
    const { code, stdout, ms } = await runCli(['check', '--timeout', String(TIMEOUT), 'Dockerfile'], dir);
    assert.equal(code, 0, stdout);
    const unreachable = stdout.split('\n').filter((l) => l.includes('registry-unreachable'));
    assert.equal(unreachable.length, 4, stdout);
    const said = stdout.match(new RegExp(`no answer from ${hung.host.replace(/\./g, '\\.')} within ${TIMEOUT} ms`, 'g')) ?? [];
    assert.equal(said.length, 1, stdout);
    assert.match(unreachable[3], /Could not check against 127\.0\.0\.1:\d+ \(same problem as above\)\./);
    // Startup of the CLI (0.3–1 s on a loaded machine) plus one timeout, which undici ends up to 0.5 s late; two
    // timeouts would be 6 s and more.
    assert.ok(ms < TIMEOUT * 1.75, `check took ${ms} ms with a ${TIMEOUT} ms timeout`);
  });
});
