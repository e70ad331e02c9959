import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/lspClient';

describe('the committed CLI bundle (dist-cli/)', function () {
  this.timeout(60000);

  it('is up to date with the sources (scripts/buildCli.mjs --check rebuilds and compares)', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'buildCli.mjs'), '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr + result.stdout);
    assert.match(result.stdout, /dist-cli\/ is up to date/);
  });

  it('runs on its own: executable, no node_modules needed', () => {
    assert.ok(statSync(path.join(REPO_ROOT, 'dist-cli', 'imageref.js')).mode & 0o100, 'executable');
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist-cli', 'imageref.js'), 'parse', 'ubuntu:24.04'], {
      cwd: '/', encoding: 'utf8', env: { PATH: process.env.PATH, NODE_PATH: '' },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).normalized, 'docker.io/library/ubuntu:24.04');
  });
});
