import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, LspTestClient } from '../support/lspClient';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-conv-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function run(args: string[], cwd: string, input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd, encoding: 'utf8', input, timeout: 20000, env: { ...process.env, XDG_CACHE_HOME: path.join(cwd, '.cache') },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const noStack = (text: string) => assert.doesNotMatch(text, /\n\s+at /, 'no stack trace');

describe('imageref CLI conventions', function () {
  this.timeout(30000);

  it('--fail-on decides the exit code: error (default), warning, information, never', () => {
    // One warning (implicit-latest) and one information (unpinned), no error.
    const dir = project({ Dockerfile: 'FROM ubuntu\nFROM alpine:3.20\n' });
    const exit = (...extra: string[]) => run(['check', '--offline', ...extra], dir).code;
    assert.equal(exit(), 0);
    assert.equal(exit('--fail-on', 'error'), 0);
    assert.equal(exit('--fail-on', 'warning'), 1);
    assert.equal(exit('--fail-on=information'), 1);
    assert.equal(exit('--fail-on', 'never'), 0);
    const onlyInfo = project({ Dockerfile: 'FROM alpine:3.20\n' });
    assert.equal(run(['check', '--offline', '--fail-on', 'warning'], onlyInfo).code, 0);
    assert.equal(run(['check', '--offline', '--fail-on', 'information'], onlyInfo).code, 1);
    const errors = project({ Dockerfile: 'FROM https://ghcr.io/a/b:1\n' });
    assert.equal(run(['check', '--offline', '--fail-on', 'never'], errors).code, 0);
    assert.equal(run(['check', '--offline'], errors).code, 1);
  });

  it('option errors are in imageref\'s own words, one line then the usage, exit 2', () => {
    const dir = project({});
    const cases: Array<[string[], string]> = [
      [['check', '--fail-on', 'sometimes'], 'imageref: --fail-on must be error, warning, information or never, not "sometimes"'],
      [['check', '--fail-on'], 'imageref: --fail-on needs a value (error, warning, information or never)'],
      [['check', '--format', '--offline'], 'imageref: --format needs a value (text, json or sarif)'],
      [['check', '--offline=yes'], 'imageref: --offline takes no value'],
      [['check', '-x'], 'imageref: unknown option -x'],
      [['check', '--format', 'json', '--format', 'text'], 'imageref: --format is given twice'],
      [['check', '--timeout', 'soon'], 'imageref: --timeout must be a positive number of milliseconds, not "soon"'],
    ];
    for (const [args, line] of cases) {
      const { code, stderr, stdout } = run(args, dir);
      assert.equal(code, 2, args.join(' '));
      assert.equal(stderr.split('\n')[0], line);
      assert.match(stderr, /^Usage:$/m);
      assert.doesNotMatch(stderr, /parseArgs|ERR_PARSE_ARGS|'--/, 'not node\'s wording');
      assert.equal(stdout, '');
      noStack(stderr);
    }
  });

  it('imageref lsp without a transport exits 2 with one line', () => {
    const { code, stderr, stdout } = run(['lsp'], project({}), '');
    assert.equal(code, 2);
    assert.equal(stderr, 'imageref: lsp needs a transport: imageref lsp --stdio (or --node-ipc, --socket=PORT, --pipe=NAME)\n');
    assert.equal(stdout, '');
  });

  it('imageref lsp accepts the arguments language clients add (--clientProcessId=N)', async () => {
    const client = new LspTestClient(process.env, [], ['--clientProcessId=' + process.pid]);
    try {
      const result = (await client.initialize({ settings: { offline: true } })) as { serverInfo: { name: string } };
      assert.equal(result.serverInfo.name, 'imageref');
    } finally {
      await client.stop();
    }
  });

  it('summary counts say what they count; a folder with no build file gets a note', () => {
    const dir = project({
      'a/Dockerfile': 'FROM ubuntu\nFROM alpine:latest\n',
      'b/Dockerfile': 'FROM alpine@sha256:' + 'a'.repeat(64) + '\n',
      'c/pom.xml': '<project/>\n',
      'docs/README.md': 'FROM ubuntu\n',
    });
    const { code, stdout } = run(['check', '--offline'], dir);
    assert.equal(code, 0);
    assert.equal(stdout.trim().split('\n').pop(), '2 problems in 1 of 3 files checked');
    const clean = run(['check', '--offline', 'b'], dir);
    assert.equal(clean.stdout.trim(), 'no problems in 1 file checked');
    const empty = run(['check', '--offline', 'docs'], dir);
    assert.equal(empty.code, 0);
    assert.equal(empty.stderr.trim(), 'imageref: no build file found in docs (nothing checked)');
    assert.equal(empty.stdout.trim(), 'no problems in 0 files checked');
    const json = run(['check', '--offline', '--format', 'json', 'docs'], dir);
    assert.deepEqual(JSON.parse(json.stdout), []);
    assert.match(json.stderr, /no build file found in docs/);
  });

  it('a missing path among several is reported, the others are still checked, exit 2 at the end', () => {
    const dir = project({ 'a/Dockerfile': 'FROM https://ghcr.io/a/b:1\n', 'b/Dockerfile': 'FROM ubuntu\n' });
    const { code, stdout, stderr } = run(['check', '--offline', 'a', 'nope', 'b'], dir);
    assert.equal(code, 2);
    assert.equal(stderr.trim(), 'imageref: nope: no such file or directory');
    assert.match(stdout, /^a\/Dockerfile:1:6: error scheme-prefix/m);
    assert.match(stdout, /^b\/Dockerfile:1:6: warning implicit-latest/m);
    // `https://ghcr.io/a/b:1` gets its scheme-prefix error only (no unpinned advice until it is fixed).
    assert.match(stdout, /^2 problems in 2 of 2 files checked$/m);
    writeFileSync(path.join(dir, 'Dockerfile.bin'), Buffer.from([0x46, 0, 1]));
    const binary = run(['check', '--offline', 'Dockerfile.bin', 'b'], dir);
    assert.equal(binary.code, 2);
    assert.equal(binary.stderr.trim(), 'imageref: Dockerfile.bin: binary file, not a build file');
    assert.match(binary.stdout, /b\/Dockerfile:1:6: warning implicit-latest/);
    const fix = run(['fix', '--offline', '--dry-run', 'nope', 'a'], dir);
    assert.equal(fix.code, 2);
    assert.match(fix.stdout, /^a\/Dockerfile:1:6: scheme-prefix: Remove `https:\/\/` \(dry run\)$/m);
    assert.match(fix.stdout, /^1 fix would be applied in 1 of 1 file checked$/m);
  });

  it('resolve --format json: a failure is JSON {kind, message} on stdout, exit 1', () => {
    const dir = project({});
    const invalid = run(['resolve', '--format', 'json', 'Ubuntu:22.04'], dir);
    assert.equal(invalid.code, 1);
    const failure = JSON.parse(invalid.stdout);
    assert.deepEqual(Object.keys(failure).sort(), ['kind', 'message']);
    assert.equal(failure.kind, 'invalid-reference');
    assert.match(failure.message, /^Ubuntu:22\.04: .*lowercase/i);
    const offline = run(['resolve', '--offline', '--format', 'json', 'ubuntu:22.04'], dir);
    assert.equal(offline.code, 1);
    assert.equal(JSON.parse(offline.stdout).kind, 'offline');
    const text = run(['resolve', '--offline', 'ubuntu:22.04'], dir);
    assert.equal(text.code, 1);
    assert.equal(text.stdout, '');
    assert.equal(text.stderr.trim(), 'imageref: resolve needs the network; it was started with --offline');
  });
});
