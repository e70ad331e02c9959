import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI } from '../support/lspClient';

function repository(files: Record<string, string>, git = true): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-config-'));
  if (git) mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function check(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'check', '--offline', '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  const records = result.stdout.trim().startsWith('[') ? JSON.parse(result.stdout) as Array<{ file: string; code: string; severity: string }> : [];
  return { code: result.status, records, stderr: result.stderr, stdout: result.stdout };
}

const PROJECT = {
  'services/api/Dockerfile': 'FROM eclipse-temurin:21-jre\nFROM alpine\n',
  'test/fixtures/Dockerfile': 'FROM https://bad.example/x\n',
  'legacy/pom.xml': '<project><build>',
};

describe('.imageref.json through the CLI', function () {
  this.timeout(30000);

  it('applies rule severities and ignore globs from the repository root, wherever the check runs', () => {
    const dir = repository({
      ...PROJECT,
      '.imageref.json': JSON.stringify({ rules: { unpinned: 'error', 'implicit-latest': 'off' }, ignore: ['test/fixtures/**', 'legacy/'] }),
    });
    const fromRoot = check(dir);
    assert.equal(fromRoot.code, 1, fromRoot.stderr);
    assert.deepEqual(fromRoot.records.map((r) => [r.file, r.code, r.severity]), [['services/api/Dockerfile', 'unpinned', 'error']]);
    assert.equal(fromRoot.stderr, '');
    const fromBelow = check(path.join(dir, 'services', 'api'));
    assert.deepEqual(fromBelow.records.map((r) => [r.file, r.code, r.severity]), [['Dockerfile', 'unpinned', 'error']]);
    const without = check(repository(PROJECT));
    // `https://bad.example/x` gets its scheme-prefix error only (no implicit-latest until it is fixed).
    assert.deepEqual(without.records.map((r) => r.code).sort(), ['implicit-latest', 'malformed-file', 'scheme-prefix', 'unpinned']);
  });

  it('an ignored file named on the command line (as pre-commit does) is skipped with a note', () => {
    const dir = repository({ ...PROJECT, '.imageref.json': '{"ignore": ["test/fixtures/**"]}' });
    const { code, records, stderr } = check(dir, 'test/fixtures/Dockerfile', 'services/api/Dockerfile');
    assert.equal(code, 0);
    assert.deepEqual([...new Set(records.map((r) => r.file))], ['services/api/Dockerfile']);
    assert.equal(stderr.trim(), 'imageref: skipped test/fixtures/Dockerfile (ignored by .imageref.json)');
  });

  it('warns about network settings and unknown keys, and never uses them', () => {
    const dir = repository({
      'Dockerfile': 'FROM 10.0.0.1:5000/app:1\n',
      '.imageref.json': JSON.stringify({ insecureRegistries: ['10.0.0.1:5000'], colour: 'red', rules: { unpinned: 'warning' } }),
    });
    const { code, records, stderr } = check(dir);
    assert.equal(code, 0);
    assert.deepEqual(records.map((r) => [r.code, r.severity]), [['unpinned', 'warning']]);
    assert.deepEqual(stderr.trim().split('\n'), [
      'imageref: .imageref.json: "insecureRegistries" is ignored: network and credential settings come only from your own settings or command-line flags, never from a repository',
      'imageref: .imageref.json: unknown key "colour" (ignored); the keys are rules, ignore and pinStyle',
    ]);
  });

  it('a broken file is reported, the check runs with defaults, and exits 2', () => {
    const dir = repository({ Dockerfile: 'FROM alpine\n', '.imageref.json': '{"rules": {"implicit-latest": "off"' });
    const { code, records, stderr } = check(dir);
    assert.equal(code, 2);
    assert.deepEqual(records.map((r) => r.code), ['implicit-latest']);
    assert.match(stderr.trim(), /^imageref: \.imageref\.json: not valid JSON \(.*\); its settings are not applied$/);
  });

  it('the nearest file wins, and a file above the repository root does not apply', () => {
    const outer = repository({ '.imageref.json': '{"rules": {"implicit-latest": "error"}}' }, false);
    const repo = path.join(outer, 'repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    writeFileSync(path.join(repo, 'Dockerfile'), 'FROM alpine\n');
    mkdirSync(path.join(repo, 'sub'));
    writeFileSync(path.join(repo, 'sub', 'Dockerfile'), 'FROM alpine\n');
    writeFileSync(path.join(repo, 'sub', '.imageref.json'), '{"rules": {"implicit-latest": "information"}}');
    const { records } = check(repo);
    assert.deepEqual(records.map((r) => [r.file, r.severity]), [['Dockerfile', 'warning'], ['sub/Dockerfile', 'information']]);
  });

  it('a rule of the file turns a Dockerfile\'s information into an error', () => {
    const dir = repository({ Dockerfile: `FROM alpine:3.20@sha256:${'a'.repeat(64)}\n`, '.imageref.json': '{"pinStyle": "digest", "rules": {"tag-and-digest": "error"}}' });
    const result = spawnSync(process.execPath, [CLI, 'check', '--offline', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^Dockerfile:1:12: error tag-and-digest/m);
    assert.equal(result.stderr, '');
  });
});
