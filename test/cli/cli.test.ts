import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, REPO_ROOT } from '../support/lspClient';

function run(args: string[], cwd = REPO_ROOT) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: tmp() } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'imageref-cli-'));
}

function project(files: Record<string, string>): string {
  const dir = tmp();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const BROKEN = {
  'Dockerfile': 'FROM https://ghcr.io/org/app:1.0\nFROM ubuntu\n',
  'svc/pom.xml': '<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration>' +
    '<to><image>reg.example.com/app@sha256:' + 'c'.repeat(64) + '</image></to></configuration></plugin></plugins></build></project>\n',
  'node_modules/x/Dockerfile': 'FROM https://ignored\n',
};

describe('imageref CLI', function () {
  this.timeout(30000);

  it('check: text output with file:line:col, exit 1 on errors, skipping node_modules', () => {
    const dir = project(BROKEN);
    const { code, stdout } = run(['check', '--offline', '.'], dir);
    assert.equal(code, 1, stdout);
    assert.match(stdout, /^Dockerfile:1:6: error scheme-prefix: /m);
    assert.match(stdout, /^Dockerfile:2:6: warning implicit-latest: /m);
    assert.match(stdout, /svc\/pom\.xml:1:\d+: error digest-on-target: /);
    assert.doesNotMatch(stdout, /node_modules/);
  });

  it('check --format json: 0-based ranges, severity names, the whole reference and the marked text', () => {
    const dir = project(BROKEN);
    const { code, stdout } = run(['check', '--offline', '--format', 'json', 'Dockerfile'], dir);
    assert.equal(code, 1);
    const records = JSON.parse(stdout) as Array<Record<string, unknown>>;
    const scheme = records.find((r) => r.code === 'scheme-prefix')!;
    assert.deepEqual(scheme.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 13 } });
    assert.equal(scheme.severity, 'error');
    assert.equal(scheme.reference, 'https://ghcr.io/org/app:1.0');
    assert.deepEqual(scheme.referenceRange, { start: { line: 0, character: 5 }, end: { line: 0, character: 32 } });
    assert.equal(scheme.marked, 'https://');
    assert.equal(scheme.file, 'Dockerfile');
    assert.deepEqual(Object.keys(scheme).sort(), ['code', 'file', 'marked', 'message', 'range', 'reference', 'referenceRange', 'severity']);
    const latest = records.find((r) => r.code === 'implicit-latest')!;
    assert.equal(latest.reference, 'ubuntu');
    assert.equal(latest.marked, 'ubuntu');
  });

  it('check --format sarif: a SARIF 2.1.0 log with one result per diagnostic', () => {
    const dir = project(BROKEN);
    const { stdout } = run(['check', '--offline', '--format', 'sarif'], dir);
    const log = JSON.parse(stdout);
    assert.equal(log.version, '2.1.0');
    const results = log.runs[0].results;
    assert.ok(results.some((r: { ruleId: string; level: string }) => r.ruleId === 'scheme-prefix' && r.level === 'error'));
    assert.equal(results[0].locations[0].physicalLocation.region.startLine, 1);
  });

  it('check exits 0 when there are only warnings, and on the shipped examples', () => {
    const dir = project({ 'Dockerfile': 'FROM alpine:3.20\n' });
    assert.equal(run(['check', '--offline'], dir).code, 0);
    const examples = run(['check', '--offline', 'examples']);
    assert.equal(examples.code, 0, examples.stdout + examples.stderr);
    assert.match(examples.stdout, /^6 problems in 3 of 3 files checked$/m);
  });

  it('fix --dry-run reports and writes nothing; fix applies the preferred fixes only', () => {
    const dir = project(BROKEN);
    const before = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    const dry = run(['fix', '--offline', '--dry-run', '.'], dir);
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /Dockerfile:1:6: scheme-prefix: Remove `https:\/\/` \(dry run\)/);
    assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), before);
    const real = run(['fix', '--offline', '.'], dir);
    assert.equal(real.code, 0, real.stderr);
    assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'FROM ghcr.io/org/app:1.0\nFROM ubuntu\n');
    assert.doesNotMatch(readFileSync(path.join(dir, 'svc/pom.xml'), 'utf8'), /@sha256/);
    assert.equal(run(['check', '--offline', '.'], dir).code, 0);
  });

  it('parse prints the parts, normalized, and exits 1 for an invalid reference', () => {
    const ok = run(['parse', 'ubuntu:22.04']);
    assert.equal(ok.code, 0);
    assert.deepEqual(JSON.parse(ok.stdout), {
      valid: true, registry: 'docker.io', repository: 'library/ubuntu', tag: '22.04', normalized: 'docker.io/library/ubuntu:22.04',
    });
    const bad = run(['parse', 'Ubuntu:22.04']);
    assert.equal(bad.code, 1);
    const parsed = JSON.parse(bad.stdout);
    assert.equal(parsed.valid, false);
    assert.match(parsed.error, /lowercase/i);
    const jib = run(['parse', '--jib', 'ubuntu@sha512:' + 'a'.repeat(128)]);
    assert.equal(jib.code, 1);
  });

  it('bad usage, missing files, binary and huge files: one clear line, exit 2, no stack trace', () => {
    const cases: Array<[string[], RegExp, string?]> = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['check', '--format', 'xml'], /--format must be text, json or sarif/],
      [['check', '--no-such-flag'], /^imageref: unknown option --no-such-flag$/],
      [['check', 'does-not-exist'], /does-not-exist: no such file or directory/],
    ];
    const dir = project({});
    writeFileSync(path.join(dir, 'Dockerfile.bin'), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0, 1, 2, 3]));
    writeFileSync(path.join(dir, 'Dockerfile.huge'), Buffer.alloc(11 * 1024 * 1024, 0x41));
    cases.push([['check', '--offline', 'Dockerfile.bin'], /Dockerfile\.bin: binary file, not a build file/, dir]);
    cases.push([['check', '--offline', 'Dockerfile.huge'], /Dockerfile\.huge: too large to be a build file \(11\.0 MB/, dir]);
    for (const [args, message, cwd] of cases) {
      const { code, stderr } = run(args, cwd);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr.split('\n')[0], message);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    }
  });
});

describe('imageref CLI: files found in folders', function () {
  this.timeout(30000);
  it('skips a binary file found while walking a folder (with a note) but refuses one named on the command line', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-walk-'));
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20\n');
    writeFileSync(path.join(dir, 'Dockerfile.bin'), Buffer.from([0x46, 0, 1, 2]));
    writeFileSync(path.join(dir, 'dockerfile-logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]));
    const walked = spawnSync(process.execPath, [CLI, 'check', '--offline', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(walked.status, 0, walked.stderr);
    assert.match(walked.stdout, /^1 problem in 1 of 1 file checked$/m);
    assert.match(walked.stderr, /^imageref: skipped Dockerfile\.bin: binary file, not a build file$/m);
    assert.doesNotMatch(walked.stderr, /logo/);
    const named = spawnSync(process.execPath, [CLI, 'check', '--offline', 'Dockerfile.bin'], { cwd: dir, encoding: 'utf8' });
    assert.equal(named.status, 2);
  });
});
