import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/lspClient';

interface ActionManifest {
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const manifest = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionManifest;

/** The runner's name mangling of an input: `INPUT_` + upper case, spaces to `_` (hyphens stay: `INPUT_FAIL-ON`). */
const inputVariable = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imageref-action-'));
  mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Run the Action's entry as the runner does: `node <runs.main>`, inputs (with their defaults) as INPUT_* variables. */
function runAction(dir: string, inputs: Record<string, string> = {}) {
  const outputFile = path.join(dir, '..', `${path.basename(dir)}-github-output`);
  writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: dir, XDG_CACHE_HOME: path.join(dir, '.cache'), GITHUB_ACTIONS: 'true', CI: 'true',
    GITHUB_WORKSPACE: dir, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: os.tmpdir(),
    GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'a'.repeat(40), GITHUB_REF: 'refs/heads/main',
  };
  for (const [name, spec] of Object.entries(manifest.inputs)) env[inputVariable(name)] = inputs[name] ?? spec.default ?? '';
  // The runner starts the step in the workspace with the action's files elsewhere (its own checkout).
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, manifest.runs.main)], { cwd: dir, env, encoding: 'utf8', timeout: 30000 });
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { code: result.status, log: result.stdout + result.stderr, outputs };
}

const FILES = {
  Dockerfile: 'FROM https://ghcr.io/acme/base:1\nFROM eclipse-temurin:21-jre\n',
  'api/pom.xml': '<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration>\n' +
    '<from><image>eclipse-temurin</image></from></configuration></plugin></plugins></build></project>\n',
};

describe('GitHub Action (action.yml → dist-cli/action.js)', function () {
  this.timeout(60000);

  it('is a node20 JavaScript action whose entry is committed', () => {
    assert.equal(manifest.runs.using, 'node20');
    assert.equal(manifest.runs.main, 'dist-cli/action.js');
    assert.ok(existsSync(path.join(REPO_ROOT, manifest.runs.main)));
    assert.deepEqual(Object.keys(manifest.inputs).sort(), ['annotations', 'fail-on', 'format', 'offline', 'output', 'paths']);
    assert.deepEqual(Object.keys(manifest.outputs).sort(), ['files', 'problems', 'report']);
  });

  it('writes SARIF for upload-sarif, annotates, sets outputs and fails on errors', () => {
    const dir = workspace(FILES);
    const { code, log, outputs } = runAction(dir, { offline: 'true' });
    assert.equal(code, 1, log);
    assert.deepEqual(outputs, { report: 'imageref.sarif', problems: '3', files: '2' });
    const sarif = JSON.parse(readFileSync(path.join(dir, 'imageref.sarif'), 'utf8'));
    const results = sarif.runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }>;
    // `https://ghcr.io/acme/base:1` gets its scheme-prefix error only (no pinning advice until it is fixed).
    assert.deepEqual(results.map((r) => r.ruleId), ['implicit-latest', 'scheme-prefix', 'unpinned']);
    assert.deepEqual([...new Set(results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))], ['api/pom.xml', 'Dockerfile']);
    assert.deepEqual(sarif.runs[0].versionControlProvenance, [{ repositoryUri: 'https://github.com/acme/shop', revisionId: 'a'.repeat(40), branch: 'refs/heads/main', mappedTo: { uriBaseId: '%SRCROOT%' } }]);
    assert.match(log, /^::error file=Dockerfile,line=1,col=6,title=imageref scheme-prefix::`https:\/\/` is not part of an image reference/m);
    assert.match(log, /^::warning file=api\/pom\.xml,line=2,col=14,title=imageref implicit-latest::/m);
    assert.match(log, /^::notice file=Dockerfile,line=2,col=6,title=imageref unpinned::/m);
    assert.match(log, /^3 problems in 2 of 2 files checked$/m);
    assert.match(log, /^::error::imageref: 3 problems in 2 of 2 files checked \(fail-on: error\)$/m);
  });

  it('takes paths, fail-on, format and output as given; never fails with fail-on never', () => {
    const dir = workspace(FILES);
    const never = runAction(dir, { offline: 'true', 'fail-on': 'never', paths: 'api\nDockerfile', format: 'json', output: 'reports/imageref.json', annotations: 'false' });
    assert.equal(never.code, 0, never.log);
    assert.equal(never.outputs.report, 'reports/imageref.json');
    const records = JSON.parse(readFileSync(path.join(dir, 'reports', 'imageref.json'), 'utf8')) as Array<{ file: string; reference: string }>;
    assert.deepEqual([...new Set(records.map((r) => r.file))], ['api/pom.xml', 'Dockerfile']);
    assert.doesNotMatch(never.log, /^::(warning|notice|error)/m);
    const warning = runAction(workspace({ Dockerfile: 'FROM alpine\n' }), { offline: 'true', 'fail-on': 'warning', annotations: 'false' });
    assert.equal(warning.code, 1, warning.log);
    assert.match(warning.log, /\(fail-on: warning\)/);
  });

  it('reports bad inputs and missing paths as one error line, exit 2', () => {
    const dir = workspace(FILES);
    const bad = runAction(dir, { 'fail-on': 'sometimes' });
    assert.equal(bad.code, 2);
    assert.match(bad.log, /^::error::imageref: input fail-on must be error, warning, information or never, not "sometimes"$/m);
    const offline = runAction(dir, { offline: 'yes' });
    assert.equal(offline.code, 2);
    assert.match(offline.log, /^::error::imageref: input offline must be true or false, not "yes"$/m);
    const missing = runAction(dir, { offline: 'true', paths: 'Dockerfile nope', 'fail-on': 'never' });
    assert.equal(missing.code, 2, missing.log);
    assert.match(missing.log, /^::error::imageref could not read nope: no such file or directory$/m);
    assert.equal(missing.outputs.files, '1');
    assert.doesNotMatch(bad.log + offline.log + missing.log, /\n\s+at /, 'no stack trace');
  });
});
