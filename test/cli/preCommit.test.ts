import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { fileKindOf } from '../../server/src/service/fileKind';
import { REPO_ROOT } from '../support/lspClient';

interface Hook { id: string; language: string; entry: string; files: string; exclude: string }
const HOOKS = parse(readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

/** pre-commit's regexes are Python's; `(?i)` becomes the `i` flag here. */
const regex = (python: string) => python.startsWith('(?i)') ? new RegExp(python.slice(4), 'i') : new RegExp(python);
const selects = (hook: Hook, file: string) => regex(hook.files).test(file) && !regex(hook.exclude).test(file);

const GIT_ENV = {
  ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
};

function sh(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = GIT_ENV) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}`, error: result.error };
}

function git(cwd: string, ...args: string[]) {
  const result = sh(cwd, 'git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args]);
  assert.equal(result.code, 0, `git ${args.join(' ')}: ${result.output}`);
  return result.output.trim();
}

describe('pre-commit hooks (.pre-commit-hooks.yaml, Debian\'s pre-commit)', function () {
  this.timeout(180000);

  it('select exactly the files imageref reads, by name', () => {
    const names = ['Dockerfile', 'svc/Dockerfile', 'Dockerfile.dev', 'docker/Containerfile-arm', 'app.dockerfile', 'x.Containerfile',
      'pom.xml', 'api/pom.xml', 'build.gradle', 'sub/build.gradle.kts', 'settings.gradle', 'dockerfile',
      'README.md', 'Dockerfile.md', 'docs/dockerfile-logo.png', 'pom.xml.bak', 'package.json', 'Dockerfiles/notes.txt',
      'src/Main.java', 'src/test/kotlin/AppTests.kt', 'src/test/groovy/AppSpec.groovy', 'compose.yaml', 'deploy/docker-compose.prod.yml',
      'compose.override.yml', '.gitlab-ci.yml', 'skaffold.yaml', '.github/workflows/ci.yml', '.github/dependabot.yml', 'mkdocs.yml',
      'dockerfile-lint.yaml', 'Dockerfile.yml'];
    for (const hook of HOOKS) {
      for (const name of names) assert.equal(selects(hook, name), fileKindOf(name) !== undefined, `${hook.id}: ${name}`);
    }
  });

  it('need no install: language script running the committed bundle', () => {
    for (const hook of HOOKS) {
      assert.equal(hook.language, 'script', hook.id);
      assert.match(hook.entry, /^dist-cli\/imageref\.js check\b/);
    }
    assert.match(readFileSync(path.join(REPO_ROOT, 'dist-cli', 'imageref.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });

  it('refuse a commit with an image reference error and let the fixed one through', () => {
    assert.equal(sh(REPO_ROOT, 'pre-commit', ['--version']).code, 0, 'pre-commit is installed (scripts/install-test-deps.sh)');
    const base = mkdtempSync(path.join(os.tmpdir(), 'imageref-precommit-'));
    // The hook repository: this repository's hook manifest and bundle as checked out, committed; nothing else.
    const hookRepo = path.join(base, 'hooks');
    mkdirSync(path.join(hookRepo, 'dist-cli'), { recursive: true });
    for (const file of ['.pre-commit-hooks.yaml', 'dist-cli/imageref.js', 'dist-cli/imageref-core.js', 'dist-cli/action.js']) copyFileSync(path.join(REPO_ROOT, file), path.join(hookRepo, file));
    chmodSync(path.join(hookRepo, 'dist-cli', 'imageref.js'), 0o755);
    git(hookRepo, 'init', '-q');
    git(hookRepo, 'add', '-A');
    git(hookRepo, 'commit', '-q', '-m', 'hooks');
    const rev = git(hookRepo, 'rev-parse', 'HEAD');

    const project = path.join(base, 'project');
    mkdirSync(path.join(project, 'docs'), { recursive: true });
    writeFileSync(path.join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: imageref\n`);
    writeFileSync(path.join(project, 'Dockerfile'), 'FROM https://ghcr.io/acme/base:1\n');
    writeFileSync(path.join(project, 'docs', 'Dockerfile.md'), 'FROM https://not.checked/x\n');
    git(project, 'init', '-q');
    const env = { ...GIT_ENV, PRE_COMMIT_HOME: path.join(base, 'cache'), XDG_CACHE_HOME: path.join(base, 'xdg') };
    assert.equal(sh(project, 'pre-commit', ['install'], env).code, 0);
    git(project, 'add', '-A');
    const refused = sh(project, 'git', ['commit', '-q', '-m', 'add a Dockerfile'], env);
    assert.equal(refused.code, 1, refused.output);
    assert.match(refused.output, /imageref \(image references, offline\)\.+Failed/);
    assert.match(refused.output, /^Dockerfile:1:6: error scheme-prefix: /m);
    assert.match(refused.output, /^1 problem in 1 of 1 file checked$/m, 'one problem (no pinning advice beside the error), and docs/Dockerfile.md is not passed to the hook');

    writeFileSync(path.join(project, 'Dockerfile'), 'FROM ghcr.io/acme/base:1\n');
    git(project, 'add', '-A');
    const accepted = sh(project, 'git', ['commit', '-q', '-m', 'add a Dockerfile'], env);
    assert.equal(accepted.code, 0, accepted.output);
    assert.match(accepted.output, /imageref \(image references, offline\)\.+Passed/);
  });
});
