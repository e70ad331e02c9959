import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI } from '../support/lspClient';

/** The CLI writes its lines to fd 1 directly (cli/stdoutLines.ts): nothing may be lost or reordered, in any reader. */
describe('imageref check output on stdout', function () {
  this.timeout(60_000);
  const REFERENCES = 20_000;
  let dockerfile: string;

  before(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-stdout-'));
    dockerfile = path.join(dir, 'Dockerfile');
    writeFileSync(dockerfile, Array.from({ length: REFERENCES }, (_, i) => `FROM alpine:3.${i}\n`).join(''));
  });

  it('a reader that pauses gets every line, in order (the pipe fills up)', async () => {
    const child = spawn(process.execPath, [CLI, 'check', '--offline', dockerfile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const lines = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
    const located = lines.filter((l) => /Dockerfile:\d+:\d+/.test(l));
    assert.equal(located.length, REFERENCES, 'one unpinned problem per FROM');
    const rows = located.map((l) => Number(/Dockerfile:(\d+):/.exec(l)![1]));
    assert.deepEqual(rows, [...rows].sort((a, b) => a - b), 'in line order');
    assert.match(lines[lines.length - 1], /problems? in 1 of 1 files? checked/);
    assert.equal(code, 0, 'unpinned is information: exit 0');
  });

  it('a reader that goes away (| head -1) ends the output without an error', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" check --offline "${dockerfile}" | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    assert.equal(result.stdout.split('\n').filter(Boolean).length, 1);
    assert.doesNotMatch(result.stderr, /EPIPE|Error|at /, result.stderr);
    assert.match(result.stderr, /status 0/);
  });
});
